import * as fs from "fs";
import * as path from "path";
import {
  analyzePlans,
  reviewExitCode,
  type LoadedPlan,
  type ReviewOptions,
} from "../lib/plan-review";
import { checkTerraform } from "../lib/terraform/terraform-cli";
import { changedStacks } from "./changed-stacks";
import { estateFileFromEnvironment, outdirFromEnvironment } from "./estate-file";
import { loadEstate, printWarnings } from "./load-estate";
import { planStacks } from "./plan-stacks";
import { stackProgress } from "./progress";
import { PLANS_FOLDER, savePlan } from "./saved-plans";
import { selectManagers } from "./stack-command";
import { synthesizeEstate } from "./synthesize-estate";
import { writeReview } from "./write-review";

/*
 * What a CI job runs on a pull request: synthesize the estate, plan every stack (or those changed
 * since a git ref, or those named) with the real terraform against its real state (several at
 * once), and review the plans together. Writes
 *   <outdir>/plans/<stack>.json, .tfplan, .reviewed.json   each plan (./saved-plans)
 *   <outdir>/plan-review.md (.2.md, …)                     the review as PR comments
 *   <outdir>/plan-review.json                              the review for machines
 * prints the review in the chosen format and returns the exit code of ksv-plan-review.
 */

export interface PlanAndReviewOptions extends ReviewOptions {
  /** @default $CDKTF_OUTDIR or cdktf.out */
  readonly outdir?: string;
  /** @default $KSV_ESTATE or the example */
  readonly estateFile?: string;
  /** Stacks planned at once. @default the number of cores */
  readonly concurrency?: number;
  /** Plan only the stacks whose synthesized configuration changed since this git ref. */
  readonly changedSince?: string;
  /**
   * Plan only these managers' stacks (a CI job of a matrix); with changedSince, those of them
   * that changed. The other stacks' saved plans are left as they are. @default - every manager
   */
  readonly managers?: readonly string[];
}

export const PLAN_REVIEW_COMMAND = "plan-review";

export async function planAndReview(options: PlanAndReviewOptions): Promise<number> {
  checkTerraform();
  const estateFile = options.estateFile ?? estateFileFromEnvironment();
  const loaded = loadEstate(estateFile);
  printWarnings(loaded);
  const named = options.managers && selectManagers(loaded.estate, options.managers);
  const outdir = options.outdir ?? outdirFromEnvironment();
  const stacks = synthesizeEstate(loaded.estate, outdir);
  const changes =
    options.changedSince === undefined
      ? undefined
      : changedStacks({
          estateFile,
          ref: options.changedSince,
          current: { estate: loaded.estate, stacks },
        });
  if (changes && changes.unchanged.length > 0) {
    process.stderr.write(
      `${PLAN_REVIEW_COMMAND}: unchanged since ${changes.ref}, not planned: ${changes.unchanged.join(", ")}\n`,
    );
  }
  const selected = stacks.filter(
    (stack) =>
      (!named || named.includes(stack.name)) && (!changes || changes.changed.includes(stack.name)),
  );

  const plansDir = path.join(outdir, PLANS_FOLDER);
  // A run over the whole estate keeps only its own plans: one left by an earlier run must not
  // pass for a reviewed one.
  if (!named) fs.rmSync(plansDir, { recursive: true, force: true });
  const planned = await planStacks(selected, {
    concurrency: options.concurrency,
    onProgress: stackProgress(PLAN_REVIEW_COMMAND, "planned"),
  });
  const plans: LoadedPlan[] = planned.map((plan) => ({
    source: savePlan(plansDir, plan),
    plan: plan.document,
  }));

  const review = {
    ...analyzePlans(plans),
    ...(changes && {
      changedSince: {
        ref: changes.ref,
        unchanged: changes.unchanged,
        allChangedReason: changes.allChangedReason,
      },
    }),
  };
  const written = writeReview(outdir, review, options);
  process.stdout.write(options.format === "json" ? written.json : written.markdown);
  return reviewExitCode(review, options.allowDisruptive);
}
