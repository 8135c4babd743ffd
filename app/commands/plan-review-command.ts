import { planAndReview } from "../plan-and-review";
import { PLAN_AND_REVIEW_OPTIONS, planAndReviewOptionsOf } from "../plan-and-review-args";
import type { KsvCommand } from "./ksv-command";

export const planReviewCommand: KsvCommand = {
  name: "plan-review",
  usage: `ksv plan-review [--changed-since <git ref>] [--manager <name>]... [--format markdown|json] [--allow-disruptive]
    Plans the stacks of the estate against their state and reviews the plans together (what
    npm run plan-review runs): prints the review and writes cdktf.out/plan-review.md (in parts
    when longer than a comment) and .json, and the reviewed plans in cdktf.out/plans.
    --changed-since: only the stacks whose synthesized configuration differs from the estate's at
    the ref. Exit codes: 0 nothing disruptive (or --allow-disruptive), 2 disruptive, 1 error.`,
  options: PLAN_AND_REVIEW_OPTIONS,
  async run(line) {
    return planAndReview(planAndReviewOptionsOf(line.values, line.positionals));
  },
};
