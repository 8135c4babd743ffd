import { codeSpan, plural } from "../text";
import type { IntrospectionReview, RuleChange } from "./model";

/*
 * What NSX redirects to the SVMs, in the review comment: the failure policy, groups whose members
 * change, and the rules as an ordered diff (positions are 1-based, as a person counts them).
 */

function failurePolicyLine(review: IntrospectionReview): string {
  const { before, after } = review.failurePolicy;
  const meaning = (policy: string | null) =>
    policy === "block"
      ? "a VM whose host has no running SVM loses its redirected traffic"
      : policy === "allow"
        ? "a VM whose host has no running SVM passes its traffic unscanned"
        : "not managed";
  if (before && after && before !== after) {
    return `**Failure policy:** ${codeSpan(before)} → ${codeSpan(after)} (${meaning(after)}).`;
  }
  const policy = after ?? before;
  return `**Failure policy:** ${policy ? codeSpan(policy) : "–"} (${meaning(policy)}).`;
}

function position(index: number | null): string {
  return index === null ? "–" : `#${index + 1}`;
}

function ruleLine(change: RuleChange): string {
  const name = codeSpan(change.name);
  switch (change.change) {
    case "added":
      return `- added ${name} at ${position(change.after)}`;
    case "removed":
      return `- removed ${name} (was ${position(change.before)})`;
    case "moved":
      return `- moved ${name}: ${position(change.before)} → ${position(change.after)}`;
    case "changed": {
      const moved =
        change.before !== change.after
          ? `, ${position(change.before)} → ${position(change.after)}`
          : ` at ${position(change.after)}`;
      return `- changed ${name}${moved}: ${change.fields.map(codeSpan).join(", ")}`;
    }
  }
}

export function introspectionSection(review: IntrospectionReview): string[] {
  const lines = [failurePolicyLine(review), ""];
  for (const group of review.groups) {
    const members = [
      ...group.membersAdded.map((m) => `+ ${codeSpan(m)}`),
      ...group.membersRemoved.map((m) => `− ${codeSpan(m)}`),
    ];
    lines.push(
      `- group ${codeSpan(group.name)} ${group.change}${members.length > 0 ? `: ${members.join(", ")}` : ""}`,
    );
  }
  if (review.groups.length > 0) lines.push("");
  if (review.rules.length > 0) {
    lines.push(
      `**Redirection rules** (in order; the first that matches applies): ${plural(review.rules.length, "change", "changes")}`,
      "",
      ...review.rules.map(ruleLine),
      "",
    );
  }
  return lines;
}
