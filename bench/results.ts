import type { ColdStartResult } from "./cold-start";
import type { CpuThroughput } from "./cpu-throughput";
import type { Machine } from "./machine";
import type { PipelineResult } from "./pipeline";
import type { PlanReviewResult } from "./plan-review-row";
import type { StackPlanResult } from "./terraform-plan";

/* Everything one `npm run bench` measured: what bench/report.ts renders. */

export interface BenchResults {
  readonly machine: Machine;
  /** How much CPU-bound work the cores do at once. */
  readonly cpu: CpuThroughput;
  /** Rounds of the pipeline scenarios, cold-start rounds, plans of the 2,000-host stack. */
  readonly runs: { readonly pipeline: number; readonly coldStart: number; readonly plan: number };
  /** `npm run plan-review` of the large estate: created, then a traffic-mode change. */
  readonly pipeline: PipelineResult;
  /** `terraform plan` of one 2,000-host stack. */
  readonly stackPlan: StackPlanResult;
  /** `cdktf synth` variants on the example estate, and the CLI on the large estate. */
  readonly coldStart: ColdStartResult;
  readonly planReview: PlanReviewResult;
  /** Wall time of the whole benchmark, seconds. */
  readonly totalSeconds: number;
}
