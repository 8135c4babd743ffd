import { adoptCommand } from "./adopt-command";
import { applyCommand } from "./apply-command";
import { discoverCommand } from "./discover-command";
import { driftCommand } from "./drift-command";
import { initCommand } from "./init-command";
import type { KsvCommand } from "./ksv-command";
import { managersCommand } from "./managers-command";
import { planReviewCommand } from "./plan-review-command";
import { rolloutCommand } from "./rollout-command";

/** Every `ksv` command, in the order --help lists them. */
export const KSV_COMMANDS: readonly KsvCommand[] = [
  initCommand,
  planReviewCommand,
  applyCommand,
  rolloutCommand,
  managersCommand,
  adoptCommand,
  driftCommand,
  discoverCommand,
];
