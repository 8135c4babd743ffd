import { KEYS } from "../lib/contract";
import type { ValidatedEstate } from "../lib/estate/validated-estate";
import { changeKindOf } from "../lib/plan-review/plan-json";
import { modelResource } from "../lib/plan-review/read-resource";
import type { DriftReport, ManagerDrift } from "../lib/verify";
import type { StackPlan } from "./plan-stacks";
import {
  planSelectedStacks,
  requireVerifyHook,
  verifyPlan,
  type StackCommandOptions,
} from "./stack-command";

/*
 * ksv drift: for each stack with state, asks the site's verify hook what exists in NSX Manager and
 * Kaspersky Security Center and compares it with the state (what was deployed) and the estate
 * (the hosts each cluster should have). Reads only: no state is written, no hook but verify runs.
 */

export const DRIFT_COMMAND = "ksv drift";

export interface DriftOptions extends StackCommandOptions {
  /** Manager names; all of them when empty. */
  readonly managers: readonly string[];
}

function identity(plan: StackPlan): Pick<ManagerDrift, "kind" | "address"> {
  for (const rc of plan.document.resource_changes) {
    const resource = modelResource(rc, plan.name);
    if (resource) {
      return {
        kind: resource.current[KEYS.managerKind] ?? null,
        address: resource.current[KEYS.managerAddress] ?? null,
      };
    }
  }
  return { kind: null, address: null };
}

export async function drift(estate: ValidatedEstate, options: DriftOptions): Promise<DriftReport> {
  const verify = requireVerifyHook(estate, DRIFT_COMMAND);
  const names = options.managers.length === 0 ? "all" : options.managers;
  const plans = await planSelectedStacks(estate, names, DRIFT_COMMAND, options);
  const managers: ManagerDrift[] = [];
  for (const plan of plans) {
    const kinds = plan.document.resource_changes.map((rc) => changeKindOf(rc.change.actions));
    const inState = kinds.filter((kind) => kind !== "create").length;
    const base = { name: plan.name, ...identity(plan) };
    if (inState === 0) {
      managers.push({
        ...base,
        checked: 0,
        skipped: "no state: nothing is deployed from this stack yet (cdktf deploy, or ksv adopt)",
        pendingChanges: 0,
        findings: [],
      });
      continue;
    }
    const { targets, findings } = await verifyPlan(plan, "recorded", verify, options);
    managers.push({
      ...base,
      checked: targets.length,
      skipped: null,
      pendingChanges: kinds.filter((kind) => kind !== "no-op").length,
      findings,
    });
  }
  return { managers };
}
