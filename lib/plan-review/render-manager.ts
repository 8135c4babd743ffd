import { KEYS, ROLES, type Role } from "../contract";
import { codeSpan, formatCount, MARKDOWN, plural } from "../text";
import { isDisruptive } from "./exit-policy";
import type { ManagerReview, PolicyReview } from "./model";
import { CHANGE_KINDS, type ChangeKind } from "./plan-json";
import { acknowledgedSection } from "./render-acknowledged";
import { mermaidDiagram } from "./render-apply-order";
import { gapSection } from "./render-gap";
import { introspectionSection } from "./render-introspection";
import { describeReviewFinding } from "./review-finding-text";

/* One manager's part of the review comment: what changes, what it costs, in what order. */

const ROLE_LABELS: Readonly<Record<Role, string>> = {
  "service-identity": "Service identity",
  "protection-service": "Protection service",
  "service-segment": "Service segment",
  "service-deployment": "Service deployments (clusters)",
  "svm-image": "SVM images (clusters)",
  "nsx-objects": "NSX objects",
  "nsx-group": "Groups",
  "group-members": "Group members",
  "redirection-rules": "Redirection rules",
  "threat-policy": "Threat policy",
  "traffic-mode-lock": "Traffic-mode lock",
};

const KIND_LABELS: Readonly<Record<string, string>> = { "nsx-v": "NSX-V", "nsx-t": "NSX-T" };

/** `webAddresses.action: block → ignore` */
export function fieldChange(field: string, before: string | null, after: string | null): string {
  return `${field}: ${before ?? "(none)"} → ${after ?? "(none)"}`;
}

export function kindLabel(kind: string | null): string {
  if (kind === null) return "NSX";
  return KIND_LABELS[kind] ?? codeSpan(kind);
}

export function trafficModeText(review: ManagerReview): string {
  const { before, after } = review.trafficMode;
  if (before && after && before !== after) return `${codeSpan(before)} → ${codeSpan(after)}`;
  if (before && !after) return `${codeSpan(before)} → removed`;
  const mode = after ?? before;
  return mode ? codeSpan(mode) : "–";
}

/** Roles a manager may lack (the lock; the segment on NSX-V) are shown only when present. */
const OPTIONAL_ROLES: ReadonlySet<Role> = new Set([
  "service-identity",
  "traffic-mode-lock",
  "service-segment",
  "nsx-group",
  "group-members",
  "redirection-rules",
]);

function countsTable(review: ManagerReview): string[] {
  const roles = ROLES.filter(
    (role) => !OPTIONAL_ROLES.has(role) || CHANGE_KINDS.some((k) => review.counts[role][k] > 0),
  );
  const kinds = CHANGE_KINDS.filter(
    (kind) => kind !== "forget" || roles.some((role) => review.counts[role][kind] > 0),
  );
  const cell = (count: number, kind: ChangeKind) =>
    count === 0 ? "·" : kind === "no-op" ? formatCount(count) : `**${formatCount(count)}**`;
  return [
    `| Resource | ${kinds.join(" | ")} |`,
    `| --- | ${kinds.map(() => "---:").join(" | ")} |`,
    ...roles.map(
      (role) =>
        `| ${ROLE_LABELS[role]} | ${kinds.map((kind) => cell(review.counts[role][kind], kind)).join(" | ")} |`,
    ),
  ];
}

function policySection(policy: PolicyReview): string[] {
  const heading = "**Threat policy:**";
  switch (policy.change) {
    case "no-op":
      return [`${heading} unchanged.`];
    case "create":
      return [`${heading} created (applied to Kaspersky Security Center).`];
    case "delete":
      return [`${heading} removed from the stack.`];
    case "forget":
      return [`${heading} removed from Terraform state (left in place).`];
    default:
      break;
  }
  if (policy.hidden) return [`${heading} changes (the value is sensitive or unknown; not shown).`];
  const diff = policy.diff;
  if (!diff) return [`${heading} changes.`];
  if (diff.unreadable) {
    return [`${heading} changes (not readable as JSON; no field-by-field comparison).`];
  }
  const lines = diff.changes.map((c) => `- ${codeSpan(fieldChange(c.field, c.before, c.after))}`);
  if (diff.withheldFieldCount > 0) {
    lines.push(`- ${plural(diff.withheldFieldCount, "other field", "other fields")} (not shown)`);
  }
  if (lines.length === 0) return [`${heading} re-applied; no setting changes.`];
  return [`${heading} re-applied with these changes:`, "", ...lines];
}

export function managerSection(review: ManagerReview, allowDisruptive: boolean): string[] {
  const address = review.address ? ` ${codeSpan(review.address)}` : "";
  const lines = [`### ${codeSpan(review.name)} · ${kindLabel(review.kind)} Manager${address}`, ""];
  lines.push(`**Traffic mode:** ${trafficModeText(review)}`, "");
  lines.push(...acknowledgedSection(review.acknowledgedWarnings));
  if (!review.hasChanges) {
    lines.push(`No changes (${plural(countOf(review), "resource", "resources")} up to date).`, "");
    return lines;
  }
  if (review.protectionGap) {
    lines.push(...gapSection(review.protectionGap), "");
  }
  const disruptive = review.findings.filter(isDisruptive);
  const notices = review.findings.filter((f) => !isDisruptive(f));
  if (disruptive.length > 0) {
    const label = allowDisruptive ? "**Disruptive (allowed):**" : "**Disruptive:**";
    lines.push(label, "", ...disruptive.map((f) => `- ${describeReviewFinding(f, MARKDOWN)}`), "");
  }
  if (notices.length > 0) {
    lines.push(
      "**Note:**",
      "",
      ...notices.map((f) => `- ${describeReviewFinding(f, MARKDOWN)}`),
      "",
    );
  }
  // The traffic mode has its own line above; the rest explains a re-registration.
  const registrationChanges = review.serviceChanges.filter((c) => c.field !== KEYS.trafficMode);
  if (registrationChanges.length > 0 && review.counts["protection-service"].replace > 0) {
    lines.push(
      "**Registration changes:**",
      "",
      ...registrationChanges.map((c) => `- ${codeSpan(fieldChange(c.field, c.before, c.after))}`),
      "",
    );
  }
  lines.push(...countsTable(review), "");
  if (review.introspection) lines.push(...introspectionSection(review.introspection));
  if (review.policy) lines.push(...policySection(review.policy), "");
  if ((review.hasReplacements || review.disruptive) && review.applyOrder.steps.length > 0) {
    lines.push("**Order of the apply** (Terraform's, from the stack's dependencies):", "");
    lines.push(...mermaidDiagram(review.applyOrder), "");
  }
  return lines;
}

function countOf(review: ManagerReview): number {
  return ROLES.reduce(
    (sum, role) => sum + CHANGE_KINDS.reduce((n, kind) => n + review.counts[role][kind], 0),
    0,
  );
}
