import { ROLES } from "../contract";
import { mapLimited } from "../map-limited";
import type { PlanDocument } from "../plan-review/plan-json";
import { compareObservation, type VerifyFinding } from "./compare";
import { verifyTargets, type VerifySide, type VerifyTarget } from "./instances";
import { runVerify, type VerifyOptions } from "./run-verify";

/** Verify hooks of one stack running at once: a site's NSX Manager answers a few at a time. */
const VERIFY_CONCURRENCY = 4;

export interface StackVerification {
  readonly targets: readonly VerifyTarget[];
  readonly findings: readonly VerifyFinding[];
}

/**
 * Runs the verify hook for every resource of a stack's plan and compares what exists with what
 * is expected. The first hook that fails rejects the whole verification (a partial answer would
 * read as agreement).
 */
/** The verify hook run for each target (several at once), its answer compared; in target order. */
export async function verifyEach(
  targets: readonly VerifyTarget[],
  options: VerifyOptions,
): Promise<VerifyFinding[]> {
  const results = await mapLimited(targets, VERIFY_CONCURRENCY, async (target) =>
    compareObservation(target, await runVerify(target, options)),
  );
  return results.flat();
}

export async function verifyStack(
  plan: PlanDocument,
  source: string,
  side: VerifySide,
  options: VerifyOptions,
): Promise<StackVerification> {
  const targets = verifyTargets(plan, source, side);
  // The service first, then the segment, the deployments, the objects and the policy.
  const rank = (finding: VerifyFinding) => ROLES.indexOf(finding.role);
  const findings = (await verifyEach(targets, options)).sort((a, b) => rank(a) - rank(b));
  return { targets, findings };
}
