import { benchmarkPlanReview } from "./plan-review";

/* The plan-review row of the benchmark: a failure fails the run, it is never "not measured". */

export interface PlanReviewResult {
  readonly resourceCount: number;
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly planBytes: number;
}

export async function measurePlanReview(resourceCount: number): Promise<PlanReviewResult> {
  return { resourceCount, ...(await benchmarkPlanReview(resourceCount)) };
}
