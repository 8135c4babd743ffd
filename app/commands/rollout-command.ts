import { UserError } from "../../lib/user-error";
import { describeRollout, rollout } from "../rollout";
import { VERIFY_TIMEOUT_OPTION, verifyTimeoutOf } from "./command-options";
import type { KsvCommand } from "./ksv-command";
import { loadedEstate } from "./loaded-estate";

/** Whole hosts, at least one: a budget of none would never apply anything. */
function budgetOf(text: unknown): number {
  const value = typeof text === "string" && /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(value) && value >= 1)) {
    throw new UserError(
      `--max-unprotected-hosts must be a whole number of hosts, at least 1, not ${JSON.stringify(text ?? "")}`,
    );
  }
  return value;
}

export const rolloutCommand: KsvCommand = {
  name: "rollout",
  usage: `ksv rollout <manager> --max-unprotected-hosts <N> [--verify-timeout <seconds>]
    Applies the manager's reviewed plan (npm run plan-review) in waves of whole clusters, each
    leaving at most N hosts without an SVM (upgrades, replaced deployments), in the review's
    order; each wave planned with -target and refused if it holds anything the review does not,
    then verified (every SVM of the wave running the expected image) before the next. Refuses,
    applying nothing, a cluster larger than N or a change that cannot be split (a traffic-mode
    change). Run again after a stop or a kill: it goes on with the first wave not verified.
    Exit codes: 0 done, 1 refused or stopped.`,
  options: { "max-unprotected-hosts": { type: "string" }, ...VERIFY_TIMEOUT_OPTION },
  async run(line) {
    if (line.positionals.length !== 1) {
      throw new UserError("name one manager: a rollout applies one manager's reviewed plan");
    }
    const maxUnprotectedHosts = budgetOf(line.values["max-unprotected-hosts"]);
    const result = await rollout(loadedEstate(), {
      manager: line.positionals[0],
      maxUnprotectedHosts,
      verifyTimeoutSeconds: verifyTimeoutOf(line),
    });
    process.stdout.write(describeRollout(result, maxUnprotectedHosts));
    return result.stopped ? 1 : 0;
  },
};
