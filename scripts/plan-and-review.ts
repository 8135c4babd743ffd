import { PLAN_REVIEW_COMMAND, planAndReview } from "../app/plan-and-review";
import { PLAN_AND_REVIEW_USAGE, parsePlanAndReviewArguments } from "../app/plan-and-review-args";
import { runCommand } from "../lib/cli/run-command";

// npm run plan-review: app/plan-and-review.ts, with the options of app/plan-and-review-args.ts.
void runCommand(PLAN_REVIEW_COMMAND, () => {
  const options = parsePlanAndReviewArguments(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(PLAN_AND_REVIEW_USAGE);
    return 0;
  }
  return planAndReview(options);
});
