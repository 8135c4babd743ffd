import { parseOutputFormat } from "../lib/cli/output-format";
import { parseCommandLine } from "../lib/cli/run-command";
import { UserError } from "../lib/user-error";
import { PLAN_REVIEW_COMMAND, type PlanAndReviewOptions } from "./plan-and-review";

/* The command line of `npm run plan-review` (scripts/plan-and-review.ts). */

export const PLAN_AND_REVIEW_USAGE = `Usage: npm run ${PLAN_REVIEW_COMMAND} -- [--changed-since <git ref>] [--manager <name>]... [--format markdown|json] [--allow-disruptive]

Synthesizes the estate (KSV_ESTATE), plans its stacks with terraform and reviews the plans.
Writes cdktf.out/plans/<stack>.json, .tfplan and .reviewed.json, cdktf.out/plan-review.md (and
plan-review.2.md, … when longer than a GitHub comment) and cdktf.out/plan-review.json.

Options:
      --changed-since <ref>     plan only the stacks whose synthesized configuration differs from
                                the estate's at this git ref; list the others as unchanged
      --manager <name>          plan only this manager's stack (repeat for more)
  -f, --format <markdown|json>  what to print: markdown (the default) or json
      --allow-disruptive        exit 0 even when the plans interrupt protection
  -h, --help                    show this help

Exit codes: 0 nothing disruptive (or --allow-disruptive), 2 disruptive changes, 1 error.
`;

export interface PlanAndReviewArguments extends PlanAndReviewOptions {
  readonly help: boolean;
}

/** The options of a plan review, for npm run plan-review and ksv plan-review alike. */
export const PLAN_AND_REVIEW_OPTIONS = {
  format: { type: "string", short: "f", default: "markdown" },
  "allow-disruptive": { type: "boolean", default: false },
  "changed-since": { type: "string" },
  manager: { type: "string", multiple: true },
} as const;

/** The review's options from a parsed command line (PLAN_AND_REVIEW_OPTIONS). */
export function planAndReviewOptionsOf(
  values: Readonly<Record<string, string | boolean | string[] | undefined>>,
  positionals: readonly string[],
): PlanAndReviewOptions {
  if (positionals.length > 0) {
    throw new UserError(
      "takes no plan files: it plans the stacks of the estate itself (name managers with --manager)",
    );
  }
  const changedSince = values["changed-since"] as string | undefined;
  if (changedSince !== undefined && changedSince.trim() === "") {
    throw new UserError("--changed-since needs a git ref (origin/main, a tag, a commit)");
  }
  return {
    format: parseOutputFormat(values.format as string),
    allowDisruptive: values["allow-disruptive"] as boolean,
    changedSince,
    managers: values.manager as string[] | undefined,
  };
}

export function parsePlanAndReviewArguments(argv: readonly string[]): PlanAndReviewArguments {
  const parsed = parseCommandLine({
    args: [...argv],
    options: { ...PLAN_AND_REVIEW_OPTIONS, help: { type: "boolean", short: "h", default: false } },
    allowPositionals: true,
    strict: true,
  });
  return {
    ...planAndReviewOptionsOf(parsed.values, parsed.positionals),
    help: parsed.values.help as boolean,
  };
}
