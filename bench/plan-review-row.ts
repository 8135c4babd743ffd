import * as fs from "fs";
import * as path from "path";

/*
 * The plan-review measurement lives in bench/plan-review.ts, written separately. It is loaded
 * only when it is there; otherwise the row says why it was not measured, with no number.
 */

export type PlanReviewResult =
  | {
      readonly measured: true;
      readonly resourceCount: number;
      readonly seconds: number;
      readonly peakRssMb: number;
      readonly planBytes: number;
    }
  | { readonly measured: false; readonly resourceCount: number; readonly reason: string };

type Benchmark = (
  resourceCount: number,
) => Promise<{ seconds: number; peakRssMb: number; planBytes: number }>;

export async function measurePlanReview(resourceCount: number): Promise<PlanReviewResult> {
  const file = path.join(__dirname, "plan-review.ts");
  if (!fs.existsSync(file)) {
    return { measured: false, resourceCount, reason: "not measured: bench/plan-review.ts missing" };
  }
  let benchmark: Benchmark | undefined;
  try {
    // A path held in a variable: the type checker does not ask for a file that may not exist.
    const module = (await import(file)) as { benchmarkPlanReview?: Benchmark };
    benchmark = module.benchmarkPlanReview;
  } catch (error) {
    const message = (error as Error).message.split("\n")[0];
    return {
      measured: false,
      resourceCount,
      reason: `not measured: cannot load bench/plan-review.ts (${message})`,
    };
  }
  if (typeof benchmark !== "function") {
    return {
      measured: false,
      resourceCount,
      reason: "not measured: bench/plan-review.ts exports no benchmarkPlanReview",
    };
  }
  try {
    const result = await benchmark(resourceCount);
    return { measured: true, resourceCount, ...result };
  } catch (error) {
    const message = (error as Error).message.split("\n")[0];
    return {
      measured: false,
      resourceCount,
      reason: `not measured: benchmarkPlanReview failed (${message})`,
    };
  }
}
