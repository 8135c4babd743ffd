import { isDisruptive } from "./exit-policy";
import type {
  ApplyOrder,
  ApplyStep,
  ManagerReview,
  PlanReview,
  PolicyReview,
  ProtectionGap,
} from "./model";
import { codeSpan, formatCount, MARKDOWN, plural, shorten, tableCell } from "../text";
import { describeReviewFinding } from "./review-finding-text";
import { CHANGE_KINDS, type ChangeKind } from "./plan-json";
import { KEYS, ROLES, type Role } from "../contract";

/*
 * The review as a GitHub pull-request comment. Every value from a plan is put in a code span (or
 * a Mermaid string with entities), so a host or manager name can neither break the layout nor
 * inject markup.
 */

/** The first line: lets a CI job find its own comment and update it instead of adding one. */
export const REVIEW_MARKER = "<!-- ksv-plan-review -->";

/** Host names listed in the protection-gap warning; the JSON review lists all. */
export const GAP_HOSTS_SHOWN = 5;

export interface MarkdownOptions {
  /** Disruption was accepted (`--allow-disruptive`): say so instead of asking to stop. */
  readonly allowDisruptive?: boolean;
}

const ROLE_LABELS: Readonly<Record<Role, string>> = {
  "protection-service": "Protection service",
  "service-segment": "Service segment",
  "service-deployment": "Service deployments (clusters)",
  "nsx-objects": "NSX objects",
  "threat-policy": "Threat policy",
  "traffic-mode-lock": "Traffic-mode lock",
};

const KIND_LABELS: Readonly<Record<string, string>> = { "nsx-v": "NSX-V", "nsx-t": "NSX-T" };

/** `webAddresses.action: block → ignore` */
function fieldChange(field: string, before: string | null, after: string | null): string {
  return `${field}: ${before ?? "(none)"} → ${after ?? "(none)"}`;
}

function kindLabel(kind: string | null): string {
  if (kind === null) return "NSX";
  return KIND_LABELS[kind] ?? codeSpan(kind);
}

function trafficModeText(review: ManagerReview): string {
  const { before, after } = review.trafficMode;
  if (before && after && before !== after) return `${codeSpan(before)} → ${codeSpan(after)}`;
  if (before && !after) return `${codeSpan(before)} → removed`;
  const mode = after ?? before;
  return mode ? codeSpan(mode) : "–";
}

function changeSummary(review: ManagerReview): string {
  if (!review.hasChanges) return "no changes";
  const totals = CHANGE_KINDS.filter((kind) => kind !== "no-op")
    .map((kind) => [kind, ROLES.reduce((sum, role) => sum + review.counts[role][kind], 0)] as const)
    .filter(([, count]) => count > 0);
  return totals.map(([kind, count]) => `${formatCount(count)} ${kind}`).join(", ");
}

function verdict(review: ManagerReview, allowDisruptive: boolean): string {
  if (review.disruptive) return allowDisruptive ? "⚠️ disruptive (allowed)" : "⛔ disruptive";
  if (review.protectionGap) return "⚠️ hosts lose protection";
  return review.hasChanges ? "✅ not disruptive" : "✅ no changes";
}

function summary(review: PlanReview, allowDisruptive: boolean): string[] {
  const disruptive = review.managers.filter((m) => m.disruptive);
  const lines: string[] = [];
  if (review.managers.length === 0) {
    lines.push(
      "> [!NOTE]",
      "> These plans hold no Network Threat Protection resources: nothing to review.",
    );
  } else if (disruptive.length > 0) {
    const names = disruptive.map((m) => codeSpan(m.name)).join(", ");
    const where = `on ${plural(disruptive.length, "NSX Manager", "NSX Managers")} (${names})`;
    lines.push(
      allowDisruptive ? "> [!WARNING]" : "> [!CAUTION]",
      allowDisruptive
        ? `> **Disruptive changes, allowed** ${where}: protection is interrupted while this plan is applied.`
        : `> **Disruptive changes** ${where}: protection is interrupted while this plan is applied. Merge only in a maintenance window, on purpose.`,
    );
  } else if (review.managers.some((m) => m.hasChanges)) {
    lines.push("> [!NOTE]", "> No disruptive changes.");
  } else {
    lines.push("> [!NOTE]", "> No changes.");
  }
  if (review.managers.length > 1) {
    lines.push(
      "",
      "| NSX Manager | Kind | Traffic mode | Changes | Verdict |",
      "| --- | --- | --- | --- | --- |",
      ...review.managers.map((m) =>
        [
          "",
          codeSpan(m.name),
          kindLabel(m.kind),
          trafficModeText(m),
          changeSummary(m),
          verdict(m, allowDisruptive),
          "",
        ]
          .map(tableCell)
          .join(" | ")
          .trim(),
      ),
    );
  }
  return lines;
}

/** Roles a manager may lack (the lock; the segment on NSX-V) are shown only when present. */
const OPTIONAL_ROLES: ReadonlySet<Role> = new Set(["traffic-mode-lock", "service-segment"]);

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

function gapWarning(gap: ProtectionGap, replaced: boolean): string[] {
  const shown = gap.hosts.slice(0, GAP_HOSTS_SHOWN).map(codeSpan).join(", ");
  const more =
    gap.hostCount > GAP_HOSTS_SHOWN
      ? ` and ${formatCount(gap.hostCount - GAP_HOSTS_SHOWN)} more`
      : "";
  const clusters = gap.clusters
    .map((c) => `${codeSpan(c.name)}: ${c.hostsKnown ? formatCount(c.hostCount) : "hosts unknown"}`)
    .join(", ");
  const when = replaced
    ? "while their SVMs are removed and deployed again"
    : "while this plan is applied";
  return [
    "> [!WARNING]",
    `> **Protection gap: ${plural(gap.hostCount, "host", "hosts")}** ${gap.hostCount === 1 ? "loses" : "lose"} Network Threat Protection ${when}: ${shown}${more}.`,
    `> Clusters: ${clusters}.`,
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

/** Mermaid label text: anything but plain characters becomes an entity (`#35;`). */
function mermaidText(text: string): string {
  return shorten(text).replace(/[^\w .:/@()+,-]/gu, (ch) => `#${ch.codePointAt(0)};`);
}

/** `2 clusters, 120 hosts` */
function svmScope(step: ApplyStep): string {
  const clusters = plural(step.count, "cluster", "clusters");
  return step.hostCount ? `${clusters}, ${plural(step.hostCount, "host", "hosts")}` : clusters;
}

function stepLabel(step: ApplyStep): string {
  const mode = step.trafficMode ? ` (${step.trafficMode})` : "";
  switch (step.id) {
    case "remove-nsx-objects":
      return "NSX objects removed";
    case "remove-svms":
      return `SVMs removed: ${svmScope(step)}`;
    case "remove-segment":
      return "Service segment removed";
    case "unregister-service":
      return `Service unregistered${mode}`;
    case "register-service":
      return `Service registered${mode}`;
    case "create-segment":
      return "Service segment created";
    case "deploy-svms":
      return `SVMs deployed: ${svmScope(step)}`;
    case "create-nsx-objects":
      return "NSX objects created";
  }
}

function mermaidDiagram(order: ApplyOrder): string[] {
  const node = (id: string) => id.replace(/-/g, "_");
  const lines = ["```mermaid", "flowchart TD"];
  order.steps.forEach((step, index) => {
    lines.push(`  ${node(step.id)}["${index + 1}. ${mermaidText(stepLabel(step))}"]`);
  });
  for (const [from, to] of order.edges) lines.push(`  ${node(from)} --> ${node(to)}`);
  if (order.policy) {
    const label = order.policy === "apply" ? "Threat policy applied" : "Threat policy removed";
    lines.push(`  threat_policy(["${label}, independently"])`);
  }
  lines.push("```");
  return lines;
}

function managerSection(review: ManagerReview, allowDisruptive: boolean): string[] {
  const address = review.address ? ` ${codeSpan(review.address)}` : "";
  const lines = [`### ${codeSpan(review.name)} · ${kindLabel(review.kind)} Manager${address}`, ""];
  lines.push(`**Traffic mode:** ${trafficModeText(review)}`, "");
  if (!review.hasChanges) {
    lines.push(`No changes (${plural(countOf(review), "resource", "resources")} up to date).`, "");
    return lines;
  }
  if (review.protectionGap) {
    lines.push(
      ...gapWarning(review.protectionGap, review.counts["service-deployment"].replace > 0),
      "",
    );
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

function footer(review: PlanReview): string[] {
  const versions = [...new Set(review.inputs.map((i) => i.terraformVersion).filter(Boolean))];
  const sources = review.inputs.map((i) => codeSpan(i.source)).join(", ");
  const lines: string[] = [];
  for (const input of review.inputs) {
    if (!input.complete) {
      lines.push(
        `> [!NOTE]\n> ${codeSpan(input.source)} is an incomplete plan (targeted, or with deferred changes): Terraform will plan more after this apply.`,
        "",
      );
    }
  }
  const ignored = review.inputs.reduce((sum, i) => sum + i.ignoredResourceCount, 0);
  const ignoredText =
    ignored > 0 ? `; ${plural(ignored, "other resource", "other resources")} not reviewed` : "";
  const terraformText = versions.length > 0 ? ` (Terraform ${versions.join(", ")})` : "";
  lines.push(
    `<sub>ksv-plan-review of ${plural(review.inputs.length, "plan", "plans")}${terraformText}: ${sources}${ignoredText}.</sub>`,
  );
  return lines;
}

export function renderMarkdown(review: PlanReview, options: MarkdownOptions = {}): string {
  const allowDisruptive = options.allowDisruptive ?? false;
  const lines = [
    REVIEW_MARKER,
    "## Network Threat Protection plan review",
    "",
    ...summary(review, allowDisruptive),
    "",
  ];
  for (const manager of review.managers) lines.push(...managerSection(manager, allowDisruptive));
  lines.push(...footer(review));
  return `${lines.join("\n")}\n`;
}
