import { adoptCommand } from "./adopt-command";
import { applyCommand } from "./apply-command";
import { driftCommand } from "./drift-command";
import type { KsvCommand } from "./ksv-command";
import { managersCommand } from "./managers-command";

/** Every `ksv` command, in the order --help lists them. */
export const KSV_COMMANDS: readonly KsvCommand[] = [
  adoptCommand,
  applyCommand,
  driftCommand,
  managersCommand,
];
