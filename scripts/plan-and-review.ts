import { PLAN_REVIEW_COMMAND, planAndReview } from "../app/plan-and-review";
import { runCommand, UserError } from "../lib/cli/run-command";
import { parseArguments } from "../app/plan-review-cli";

// npm run plan-review: app/plan-and-review.ts, with the options of ksv-plan-review.
void runCommand(PLAN_REVIEW_COMMAND, () => {
  const options = parseArguments(process.argv.slice(2));
  if (options.inputs.length > 0) {
    throw new UserError("takes no plan files: it plans every stack of the estate itself");
  }
  if (options.help) {
    process.stdout.write(
      `Usage: npm run ${PLAN_REVIEW_COMMAND} -- [--format markdown|json] [--allow-disruptive]\n`,
    );
    return 0;
  }
  return planAndReview(options);
});
