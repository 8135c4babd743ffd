import { UserError } from "../../lib/user-error";
import { adopt } from "../adopt";
import { loadedEstate } from "./loaded-estate";
import { VERIFY_TIMEOUT_OPTION, verifyTimeoutOf } from "./command-options";
import type { KsvCommand } from "./ksv-command";

export const adoptCommand: KsvCommand = {
  name: "adopt",
  usage: `ksv adopt <manager>... | --all [--verify-timeout <seconds>]
    Brings running deployments under management: records them in the state without running
    any hook, when the verify hook finds NSX and KSC exactly as the estate says. Refuses,
    writing nothing, otherwise.`,
  options: { all: { type: "boolean", default: false }, ...VERIFY_TIMEOUT_OPTION },
  async run(line) {
    const all = line.values.all === true;
    if (all && line.positionals.length > 0) {
      throw new UserError("give manager names or --all, not both");
    }
    const verifyTimeoutSeconds = verifyTimeoutOf(line);
    return adopt(loadedEstate(), {
      managers: all ? "all" : line.positionals,
      verifyTimeoutSeconds,
    });
  },
};
