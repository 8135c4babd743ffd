import { parseCommandLine, runCommand } from "../cli/run-command";
import { UserError } from "../user-error";
import { analyzePlans } from "./analyze";
import { reviewExitCode } from "./exit-policy";
import type { PlanReview } from "./model";
import { readPlanFile, readPlanStream, type LoadedPlan } from "./plan-json";
import { renderJson } from "./render-json";
import { renderMarkdown } from "./render-markdown";

export const COMMAND_NAME = "ksv-plan-review";

export const USAGE = `Usage: ${COMMAND_NAME} [--format markdown|json] [--allow-disruptive] <plan.json|->...

Reviews Network Threat Protection plans: give one \`terraform show -json <planfile>\` output per
stack (a file, or - for standard input).

Options:
  -f, --format <markdown|json>  markdown (a pull-request comment, the default) or json
      --allow-disruptive        exit 0 even when the plans interrupt protection
  -h, --help                    show this help

Exit codes: 0 nothing disruptive (or --allow-disruptive), 2 disruptive changes, 1 bad input.
`;

export const FORMATS = ["markdown", "json"] as const;
export type ReviewFormat = (typeof FORMATS)[number];

export interface ReviewOptions {
  readonly format: ReviewFormat;
  readonly allowDisruptive: boolean;
}

export function renderReview(review: PlanReview, options: ReviewOptions): string {
  return options.format === "json"
    ? renderJson(review, { allowDisruptive: options.allowDisruptive })
    : renderMarkdown(review, { allowDisruptive: options.allowDisruptive });
}

export interface ParsedArguments extends ReviewOptions {
  readonly help: boolean;
  readonly inputs: readonly string[];
}

/** The options of ksv-plan-review (and of npm run plan-review, which takes no plan files). */
export function parseArguments(argv: readonly string[]): ParsedArguments {
  const parsed = parseCommandLine({
    args: [...argv],
    options: {
      format: { type: "string", short: "f", default: "markdown" },
      "allow-disruptive": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const format = parsed.values.format as string;
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UserError(`--format must be markdown or json, not "${format}"`);
  }
  return {
    format: format as ReviewFormat,
    allowDisruptive: parsed.values["allow-disruptive"] as boolean,
    help: parsed.values.help as boolean,
    inputs: parsed.positionals,
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

/** The command: writes the review to stdout and returns its exit code. */
export async function reviewCommand(argv: readonly string[]): Promise<number> {
  const args = parseArguments(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const review = analyzePlans(await readInputs(args.inputs));
  process.stdout.write(renderReview(review, args));
  return reviewExitCode(review, args.allowDisruptive);
}

/** Entry point of bin/ksv-plan-review.js. */
export function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  return runCommand(COMMAND_NAME, () => reviewCommand(argv));
}
