import type { ReviewFinding } from "./model";

/*
 * The wording of findings, shared by both renderers so that the PR comment and the JSON
 * `message` say the same thing. Values pass through `style.value`, which quotes them for the
 * output format (a code span in markdown).
 */

export interface TextStyle {
  value(text: string): string;
}

export const PLAIN_TEXT: TextStyle = { value: (text) => text };

/** 20000 → "20,000" (toLocaleString would load ICU data: tens of milliseconds at start-up). */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

export function describeReviewFinding(
  finding: ReviewFinding,
  style: TextStyle = PLAIN_TEXT,
): string {
  switch (finding.id) {
    case "traffic-mode-change":
      return `Traffic mode changes from ${style.value(finding.before)} to ${style.value(finding.after)}: the service is unregistered and registered again, and every SVM and the NSX objects are redeployed.`;
    case "service-replaced": {
      const why =
        finding.changedFields.length > 0
          ? ` (${finding.changedFields.map((f) => style.value(f)).join(", ")} ${finding.changedFields.length === 1 ? "changes" : "change"})`
          : "";
      return `The protection service is unregistered and registered again${why}.`;
    }
    case "service-deleted":
      return "The protection service is unregistered: Network Threat Protection ends on this manager.";
    case "svms-replaced":
      return `${plural(finding.hostCount, "SVM is", "SVMs are")} removed and deployed again.`;
    case "nsx-objects-deleted":
      return "The NSX objects are removed: traffic is no longer redirected to the SVMs.";
    case "svms-deleted":
      return `${plural(finding.hostCount, "SVM is", "SVMs are")} removed and not deployed again.`;
    case "nsx-objects-replaced":
      return "The NSX objects are removed and created again: traffic is not redirected to the SVMs in between.";
    case "traffic-mode-lock-removed":
      return "The traffic-mode lock is removed: a mode change is no longer stopped at plan time.";
  }
}
