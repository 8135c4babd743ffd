import { planAndReview } from "../plan-and-review";
import { FORMAT_OPTION, formatOf } from "./command-options";
import type { KsvCommand } from "./ksv-command";

export const planReviewCommand: KsvCommand = {
  name: "plan-review",
  usage: `ksv plan-review [--format markdown|json] [--allow-disruptive]
    Plans every stack of the estate against its state and reviews the plans together (what
    npm run plan-review runs): prints the review and writes cdktf.out/plan-review.md and .json.
    Exit codes: 0 nothing disruptive (or --allow-disruptive), 2 disruptive, 1 error.`,
  options: { ...FORMAT_OPTION, "allow-disruptive": { type: "boolean", default: false } },
  async run(line) {
    return planAndReview({
      format: formatOf(line),
      allowDisruptive: line.values["allow-disruptive"] === true,
    });
  },
};
