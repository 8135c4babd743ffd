import { KEYS, type Role } from "../contract";
import type { PlanDocument } from "../plan-review/plan-json";
import { verifyEach, verifyTargets, type VerifyFinding, type VerifyOptions } from "../verify";
import type { Wave } from "./waves";

/*
 * A wave is done when NSX says so, not when its hooks exited: every host of its clusters has a
 * running SVM, and every SVM runs the image the reviewed plan asks for.
 */

const WAVE_ROLES: ReadonlySet<Role> = new Set<Role>(["service-deployment", "svm-image"]);

/**
 * What the verify hook finds different from the reviewed plan for the wave's clusters (none: the
 * wave is done). A cluster the wave removes has nothing left to verify. Rejects when a hook fails.
 */
export async function verifyWave(
  reviewed: PlanDocument,
  source: string,
  wave: Wave,
  options: VerifyOptions,
): Promise<VerifyFinding[]> {
  const clusters = new Set(wave.clusters.filter((c) => c.cause !== "removed").map((c) => c.name));
  const targets = verifyTargets(reviewed, source, "desired").filter(
    (t) => WAVE_ROLES.has(t.role) && clusters.has(t.values[KEYS.cluster] ?? ""),
  );
  return verifyEach(targets, options);
}
