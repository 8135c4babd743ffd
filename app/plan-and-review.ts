import * as fs from "fs";
import * as path from "path";
import {
  analyzePlans,
  renderJson,
  renderMarkdown,
  reviewExitCode,
  type LoadedPlan,
  type ReviewOptions,
} from "../lib/plan-review";
import { checkTerraform } from "../lib/terraform/terraform-cli";
import { estateFileFromEnvironment, outdirFromEnvironment } from "./estate-file";
import { loadEstate, printWarnings } from "./load-estate";
import { synthesizeAndPlan } from "./stack-command";

/*
 * What a CI job runs on a pull request: synthesize the estate, plan every stack with the real
 * terraform against its real state (several at once), and review the plans together. Writes
 *   <outdir>/plans/<stack>.json   each plan (terraform show -json)
 *   <outdir>/plan-review.md       the review as a PR comment
 *   <outdir>/plan-review.json     the review for machines
 * prints the review in the chosen format and returns the exit code of ksv-plan-review.
 */

export interface PlanAndReviewOptions extends ReviewOptions {
  /** @default $CDKTF_OUTDIR or cdktf.out */
  readonly outdir?: string;
  /** @default $KSV_ESTATE or the example */
  readonly estateFile?: string;
  /** Stacks planned at once. @default the number of cores */
  readonly concurrency?: number;
}

export const PLAN_REVIEW_COMMAND = "plan-review";

export async function planAndReview(options: PlanAndReviewOptions): Promise<number> {
  checkTerraform();
  const loaded = loadEstate(options.estateFile ?? estateFileFromEnvironment());
  printWarnings(loaded);
  const outdir = options.outdir ?? outdirFromEnvironment();
  const planned = await synthesizeAndPlan(loaded.estate, PLAN_REVIEW_COMMAND, {
    outdir,
    concurrency: options.concurrency,
  });

  const plansDir = path.join(outdir, "plans");
  fs.mkdirSync(plansDir, { recursive: true });
  const plans: LoadedPlan[] = planned.map((plan) => {
    const file = path.join(plansDir, `${plan.name}.json`);
    fs.writeFileSync(file, JSON.stringify(plan.json));
    return { source: file, plan: plan.document };
  });

  const review = analyzePlans(plans);
  const markdown = renderMarkdown(review, options);
  const json = renderJson(review, options);
  fs.writeFileSync(path.join(outdir, "plan-review.md"), markdown);
  fs.writeFileSync(path.join(outdir, "plan-review.json"), json);
  process.stdout.write(options.format === "json" ? json : markdown);
  return reviewExitCode(review, options.allowDisruptive);
}
