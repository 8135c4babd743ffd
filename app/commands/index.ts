import { adoptCommand } from "./adopt-command";
import { driftCommand } from "./drift-command";
import { initCommand } from "./init-command";
import type { KsvCommand } from "./ksv-command";
import { planReviewCommand } from "./plan-review-command";

/** Every `ksv` command, in the order --help lists them. */
export const KSV_COMMANDS: readonly KsvCommand[] = [
  initCommand,
  planReviewCommand,
  adoptCommand,
  driftCommand,
];
