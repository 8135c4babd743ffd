import { applyReviewed } from "../apply";
import type { KsvCommand } from "./ksv-command";
import { loadedEstate } from "./loaded-estate";

export const applyCommand: KsvCommand = {
  name: "apply",
  usage: `ksv apply [<manager>...]
    Applies the plans npm run plan-review saved and reviewed (cdktf.out/plans/<stack>.tfplan),
    never a new plan; without names, every stack with a saved plan. Refuses, applying nothing,
    when a stack has no saved plan, when its configuration changed since the review, or when
    its state changed since (a stale plan). Exit codes: 0 applied, 1 refused or failed.`,
  options: {},
  async run(line) {
    applyReviewed(loadedEstate(), { managers: line.positionals }, (applied) => {
      process.stdout.write(
        `ksv apply: ${applied.name}: the reviewed plan applied${applied.hasChanges ? "" : " (it changed nothing)"}\n`,
      );
    });
    return 0;
  },
};
