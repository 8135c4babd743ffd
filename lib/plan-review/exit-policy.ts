import type { FindingId, PlanReview, ReviewFinding } from "./model";

/*
 * What makes a review fail: findings that interrupt protection while the plan is applied (a host
 * without a running SVM, upgrades included) or reduce what is protected (traffic no longer
 * redirected). The rest are shown, and a reviewer reads them, but they do not stop a merge.
 */

export const EXIT_OK = 0;
export const EXIT_DISRUPTIVE = 2;

const DISRUPTIVE_FINDINGS: ReadonlySet<FindingId> = new Set<FindingId>([
  "traffic-mode-change",
  "service-replaced",
  "service-deleted",
  "segment-replaced",
  "segment-deleted",
  "deployments-replaced",
  "deployments-deleted",
  "nsx-objects-deleted",
  "resource-type-switched",
  "svms-upgraded",
  "redirection-reduced",
]);

export function isDisruptive(finding: ReviewFinding): boolean {
  // NSX-V changes the failure policy on the service profile, unbinding the protected security
  // groups meanwhile (Broadcom KB 327285); NSX-T changes the chain in place.
  if (finding.id === "failure-policy-changed") return finding.managerKind === "nsx-v";
  return DISRUPTIVE_FINDINGS.has(finding.id);
}

/** 0 when nothing is disruptive or disruption is allowed, 2 otherwise. */
export function reviewExitCode(review: PlanReview, allowDisruptive: boolean): number {
  return review.disruptive && !allowDisruptive ? EXIT_DISRUPTIVE : EXIT_OK;
}
