import type { ColdStartResult } from "./cold-start";
import type { PhaseProfile } from "./cpu-profile";
import type { Machine } from "./machine";
import type { PlanReviewResult } from "./plan-review-row";
import type { SynthScalingResult } from "./synth-scaling";
import type { PlanComparison } from "./terraform-plan";

/* Everything one `npm run bench` measured: what bench/report.ts renders. */

export interface BenchResults {
  readonly machine: Machine;
  /** Runs per measurement (each a new process), and the cold-start runs per variant. */
  readonly runs: { readonly synth: number; readonly coldStart: number; readonly plan: number };
  readonly synth: readonly SynthScalingResult[];
  readonly coldStart: ColdStartResult;
  /** One manager of 2,000 hosts, median of `runs.plan`. */
  readonly plan: PlanComparison;
  /** Smaller single-manager estates, planned once each. */
  readonly planGrowth: readonly PlanComparison[];
  readonly planReview: PlanReviewResult;
  /** CPU profile of one more synth of the largest estate, by phase. */
  readonly profile: {
    readonly hosts: number;
    readonly load: PhaseProfile;
    readonly synth: PhaseProfile;
  };
  /** Wall time of the whole benchmark, seconds. */
  readonly totalSeconds: number;
}
