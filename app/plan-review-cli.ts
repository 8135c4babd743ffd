import { parseOutputFormat } from "../lib/cli/output-format";
import { parseCommandLine, runCommand } from "../lib/cli/run-command";
import { analyzePlans } from "../lib/plan-review/analyze";
import { reviewExitCode } from "../lib/plan-review/exit-policy";
import { readPlanFile, readPlanStream, type LoadedPlan } from "../lib/plan-review/plan-json";
import { renderReview, type ReviewOptions } from "../lib/plan-review/render-review";
import { UserError } from "../lib/user-error";
import { mergeReviews, readReviewFile } from "../lib/plan-review/merge-reviews";
import type { PlanReview } from "../lib/plan-review/model";
import { writeReview } from "./write-review";

/* ksv-plan-review: the plan review as a command (bin/ksv-plan-review.js). */

export const COMMAND_NAME = "ksv-plan-review";

export const USAGE = `Usage: ${COMMAND_NAME} [--format markdown|json] [--allow-disruptive] [--out <folder>] <plan.json|->...
       ${COMMAND_NAME} --merge [--format markdown|json] [--allow-disruptive] [--out <folder>] <review.json>...

Reviews Network Threat Protection plans: give one \`terraform show -json <planfile>\` output per
stack (a file, or - for standard input). With --merge, merges JSON reviews made apart (one per
CI job: plan-review.json) into the review of all their plans, in the order given.

Options:
  -f, --format <markdown|json>  markdown (a pull-request comment, the default) or json
      --allow-disruptive        exit 0 even when the plans interrupt protection
      --merge                   the inputs are JSON reviews, not plans
      --out <folder>            also write plan-review.md (and plan-review.2.md, … when longer
                                than a GitHub comment) and plan-review.json there
  -h, --help                    show this help

Exit codes: 0 nothing disruptive (or --allow-disruptive), 2 disruptive changes, 1 bad input.
`;

export interface ParsedArguments extends ReviewOptions {
  readonly help: boolean;
  readonly inputs: readonly string[];
  readonly merge: boolean;
  readonly out?: string;
}

/** The options of ksv-plan-review. */
export function parseArguments(argv: readonly string[]): ParsedArguments {
  const parsed = parseCommandLine({
    args: [...argv],
    options: {
      format: { type: "string", short: "f", default: "markdown" },
      "allow-disruptive": { type: "boolean", default: false },
      merge: { type: "boolean", default: false },
      out: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  return {
    format: parseOutputFormat(parsed.values.format as string),
    allowDisruptive: parsed.values["allow-disruptive"] as boolean,
    help: parsed.values.help as boolean,
    inputs: parsed.positionals,
    merge: parsed.values.merge as boolean,
    out: parsed.values.out as string | undefined,
  };
}

/** Reads every input before reviewing: a bad file fails the run whatever its position. */
async function readInputs(inputs: readonly string[]): Promise<LoadedPlan[]> {
  if (inputs.length === 0) {
    throw new UserError("no plan given; pass terraform show -json output files, or - for stdin");
  }
  if (inputs.filter((input) => input === "-").length > 1) {
    throw new UserError("standard input (-) can be given once only");
  }
  const plans: LoadedPlan[] = [];
  for (const input of inputs) {
    plans.push(input === "-" ? await readPlanStream(process.stdin) : readPlanFile(input));
  }
  return plans;
}

/** Reads every review before merging: a bad file fails the run whatever its position. */
function mergeInputs(inputs: readonly string[]): PlanReview {
  if (inputs.length === 0) {
    throw new UserError("--merge: no review given; pass JSON reviews (plan-review.json) to merge");
  }
  if (inputs.includes("-")) {
    throw new UserError("--merge reads review files, not standard input");
  }
  return mergeReviews(inputs.map(readReviewFile));
}

/** The command: writes the review to stdout and returns its exit code. */
export async function reviewCommand(argv: readonly string[]): Promise<number> {
  const args = parseArguments(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const review = args.merge
    ? mergeInputs(args.inputs)
    : analyzePlans(await readInputs(args.inputs));
  // Written, the review is rendered in both formats already; printed, in the one asked for.
  const written = args.out !== undefined ? writeReview(args.out, review, args) : undefined;
  process.stdout.write(
    written
      ? args.format === "json"
        ? written.json
        : written.markdown
      : renderReview(review, args),
  );
  return reviewExitCode(review, args.allowDisruptive);
}

/** Entry point of bin/ksv-plan-review.js. */
export function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  return runCommand(COMMAND_NAME, () => reviewCommand(argv));
}
