import { KEYS } from "../contract";
import type { ManagerSpec } from "../estate/schema";
import { hookContext, runReadOnlyHook } from "../hook-runner";
import { parseInventory, type Inventory } from "./inventory-answer";

/*
 * Runs the site's `inventory` hook for one manager (ksv discover), as ksv adopt and ksv drift run
 * `verify` (lib/hook-runner): with the manager's context, the variables every hook gets
 * (KSV_HOOK=inventory, KSV_MANAGER, KSV_MANAGER_KIND, KSV_MANAGER_ADDRESS). It only reads.
 */

export interface InventoryOptions {
  /** The hook's command (hooks.inventory of the estate). */
  readonly command: string;
  /** @default DEFAULT_HOOK_TIMEOUT_SECONDS */
  readonly timeoutSeconds?: number;
  /** Added to the hook's environment (tests, site settings). @default - none */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Folder the hook runs in. @default - the current folder */
  readonly cwd?: string;
}

/** The environment the hook gets for a manager. */
export function inventoryEnvironment(
  manager: Pick<ManagerSpec, "name" | "kind" | "address">,
): Record<string, string> {
  return hookContext("inventory", {
    [KEYS.manager]: manager.name,
    [KEYS.managerKind]: manager.kind,
    [KEYS.managerAddress]: manager.address,
  });
}

/** Runs the hook; resolves with the manager's inventory, or rejects with one UserError. */
export function runInventory(
  manager: Pick<ManagerSpec, "name" | "kind" | "address">,
  options: InventoryOptions,
): Promise<Inventory> {
  return runReadOnlyHook({
    command: options.command,
    what: `inventory hook of manager ${manager.name}`,
    context: inventoryEnvironment(manager),
    read: parseInventory,
    timeoutSeconds: options.timeoutSeconds,
    env: options.env,
    cwd: options.cwd,
  });
}
