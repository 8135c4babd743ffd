import * as fs from "fs";
import * as path from "path";
import { estateOf, type ManagerInput } from "./estates";
import { repoRoot, runNode, type CommandResult } from "./workspace";
import { HOOK_NAMES } from "../../lib/contract";

/*
 * The example hooks (examples/hooks/inventory-hook.js) as "NSX and KSC": a JSON file per test
 * project that create hooks write, remove hooks delete and the verify hook reads.
 */

export const INVENTORY_HOOK = path.join(repoRoot, "examples", "hooks", "inventory-hook.js");

/** Every hook, verify included, runs the example script. */
export const INVENTORY_HOOKS = Object.fromEntries(
  HOOK_NAMES.map((hook) => [hook, `node ${JSON.stringify(INVENTORY_HOOK)}`]),
);

export function inventoryEstate(managers: ManagerInput[], overrides: Record<string, unknown> = {}) {
  return estateOf(managers, { hooks: { ...INVENTORY_HOOKS }, ...overrides });
}

export interface InventoryManager {
  service?: { trafficMode: string; svmImageUrl: string; ksc: string };
  segment?: boolean;
  deployments?: Record<
    string,
    { datastore: string; network: string; ipPool: string | null; hosts: string[]; image?: string }
  >;
  objects?: string[];
  failurePolicy?: string;
  groups?: Record<string, object[]>;
  rules?: object[];
  policy?: Record<string, unknown>;
  /** The clusters and hosts vCenter has, for ksv discover (else: the deployed clusters). */
  fabric?: {
    clusters: Array<{ name: string; hosts: string[]; datastore?: string; network?: string }>;
  };
}

export interface Inventory {
  managers: Record<string, InventoryManager>;
}

/** The project's inventory file, its hook log and the environment that points hooks at them. */
export class InventoryProject {
  readonly inventory: string;
  readonly hookLog: string;

  constructor(readonly dir: string) {
    this.inventory = path.join(dir, "inventory.json");
    this.hookLog = path.join(dir, "hooks.log");
  }

  get env(): Record<string, string> {
    return { KSV_INVENTORY: this.inventory, KSV_HOOK_LOG: this.hookLog };
  }

  read(): Inventory {
    return JSON.parse(fs.readFileSync(this.inventory, "utf8")) as Inventory;
  }

  edit(change: (inventory: Inventory) => void): void {
    const inventory = this.read();
    change(inventory);
    fs.writeFileSync(this.inventory, JSON.stringify(inventory, null, 2));
  }

  /** Lines the hooks logged (verify logs none), and forget them. */
  takeHookLog(): string[] {
    if (!fs.existsSync(this.hookLog)) return [];
    const lines = fs.readFileSync(this.hookLog, "utf8").split("\n").filter(Boolean);
    fs.rmSync(this.hookLog);
    return lines;
  }

  /** `ksv <args>` (bin/ksv.js) in the project, on its estate.json. */
  ksv(
    args: readonly string[],
    env: Record<string, string | undefined> = {},
  ): Promise<CommandResult> {
    return runNode([path.join(repoRoot, "bin", "ksv.js"), ...args], {
      cwd: this.dir,
      env: {
        KSV_ESTATE: "estate.json",
        CHECKPOINT_DISABLE: "1",
        ...this.env,
        ...env,
      },
    });
  }
}
