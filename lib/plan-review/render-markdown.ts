import { ROLES } from "../contract";
import { codeSpan, formatCount, plural, tableCell } from "../text";
import type { AllChangedReason, ChangedSince, ManagerReview, PlanReview } from "./model";
import { CHANGE_KINDS } from "./plan-json";
import { kindLabel, managerSection, trafficModeText } from "./render-manager";

/*
 * The review as a GitHub pull-request comment. Every value from a plan is put in a code span (or
 * a Mermaid string with entities), so a host or manager name can neither break the layout nor
 * inject markup.
 */

/** The first line: lets a CI job find its own comment and update it instead of adding one. */
export const REVIEW_MARKER = "<!-- ksv-plan-review -->";

export interface MarkdownOptions {
  /** Disruption was accepted (`--allow-disruptive`): say so instead of asking to stop. */
  readonly allowDisruptive?: boolean;
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

/** Said first: where traffic is blocked, not only unscanned, while the plan is applied. */
function blockedTraffic(review: PlanReview): string[] {
  const blocked = review.managers.filter((m) => m.protectionGap?.effect === "blocked");
  if (blocked.length === 0) return [];
  const where = blocked
    .map((m) => `${codeSpan(m.name)} (${plural(m.protectionGap!.hostCount, "host", "hosts")})`)
    .join(", ");
  return [
    "> [!CAUTION]",
    `> **Traffic will be blocked** on ${where}: redirection stays in place while those hosts' SVMs are absent, and the failure policy is \`block\`, so their redirected VMs lose their network traffic until the SVMs run again.`,
    "",
  ];
}

function summary(review: PlanReview, allowDisruptive: boolean): string[] {
  const disruptive = review.managers.filter((m) => m.disruptive);
  const lines: string[] = blockedTraffic(review);
  if (review.managers.length === 0 && review.inputs.length === 0 && review.changedSince) {
    lines.push(
      "> [!NOTE]",
      `> No stack changed since ${codeSpan(review.changedSince.ref)}: nothing to plan.`,
    );
  } else if (review.managers.length === 0) {
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

const ALL_CHANGED_TEXT: Readonly<Record<AllChangedReason, string>> = {
  "estate-missing": "the estate file did not exist at",
  "estate-invalid": "the estate file did not load at",
  "code-changed": "the code that synthesizes the stacks changed since",
};

/** Which stacks were left out, and why all were planned when they were. */
function changedSinceLines(changedSince: ChangedSince): string[] {
  const ref = codeSpan(changedSince.ref);
  const lines: string[] = [];
  if (changedSince.allChangedReason) {
    lines.push(
      `Every stack is planned: ${ALL_CHANGED_TEXT[changedSince.allChangedReason]} ${ref}.`,
      "",
    );
  }
  if (changedSince.unchanged.length > 0) {
    const names = changedSince.unchanged.map(codeSpan).join(", ");
    lines.push(
      `**Unchanged since ${ref}** (not planned: the same synthesized configuration): ${names}.`,
      "",
    );
  }
  return lines;
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
  const terraformText =
    versions.length > 0 ? ` (Terraform ${versions.map((v) => codeSpan(v!)).join(", ")})` : "";
  lines.push(
    review.inputs.length === 0
      ? "<sub>ksv-plan-review: no plan.</sub>"
      : `<sub>ksv-plan-review of ${plural(review.inputs.length, "plan", "plans")}${terraformText}: ${sources}${ignoredText}.</sub>`,
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
    ...(review.changedSince ? changedSinceLines(review.changedSince) : []),
  ];
  for (const manager of review.managers) lines.push(...managerSection(manager, allowDisruptive));
  lines.push(...footer(review));
  return `${lines.join("\n")}\n`;
}
