import { adoptCommand } from "./adopt-command";
import { discoverCommand } from "./discover-command";
import { driftCommand } from "./drift-command";
import type { KsvCommand } from "./ksv-command";

/** Every `ksv` command, in the order --help lists them. */
export const KSV_COMMANDS: readonly KsvCommand[] = [adoptCommand, driftCommand, discoverCommand];
