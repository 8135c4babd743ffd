import { KEYS } from "../lib/contract";
import type { ValidatedEstate } from "../lib/estate/validated-estate";
import { mapLimited } from "../lib/map-limited";
import { changeKindOf } from "../lib/plan-review/plan-json";
import { modelResource } from "../lib/plan-review/read-resource";
import { StackInits } from "../lib/terraform/stack-inits";
import { checkTerraform } from "../lib/terraform/terraform-cli";
import { UserError } from "../lib/user-error";
import { isActive, judgeFindings, type DriftReport, type ManagerDrift } from "../lib/verify";
import { outdirFromEnvironment } from "./estate-file";
import { defaultConcurrency, planOneStack, type StackPlan } from "./plan-stacks";
import { stackProgress } from "./progress";
import {
  requireVerifyHook,
  selectManagers,
  verifyPlan,
  type StackCommandOptions,
} from "./stack-command";
import { synthesizeEstate } from "./synthesize-estate";

/*
 * ksv drift: for each stack with state, asks the site's verify hook what exists in NSX Manager and
 * Kaspersky Security Center and compares it with the state (what was deployed) and the estate
 * (the hosts each cluster should have). Each manager is checked on its own: one that cannot be
 * (its stack does not plan, a hook fails) is a finding of that manager, and every other is still
 * checked and reported. Reads only: no state is written, no hook but verify runs.
 */

export const DRIFT_COMMAND = "ksv drift";

export interface DriftOptions extends StackCommandOptions {
  /** Manager names; all of them when empty. */
  readonly managers: readonly string[];
  /** key → first day seen, from the previous report (--seen). @default - none: all new today */
  readonly seen?: ReadonlyMap<string, string>;
  /** The day of the run, UTC YYYY-MM-DD (tests). @default today */
  readonly today?: string;
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

const unchecked = (
  name: string,
  status: "not-checked" | "failed",
  reason: string,
): ManagerDrift => ({
  name,
  kind: null,
  address: null,
  status,
  reason,
  skipped: status === "not-checked" ? reason : null,
  checked: 0,
  pendingChanges: 0,
  findings: [],
});

export async function drift(estate: ValidatedEstate, options: DriftOptions): Promise<DriftReport> {
  const verify = requireVerifyHook(estate, DRIFT_COMMAND);
  const names = selectManagers(estate, options.managers.length === 0 ? "all" : options.managers);
  checkTerraform({ env: options.env });
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const ignores = estate.drift.ignore;
  const stacks = synthesizeEstate(estate, options.outdir ?? outdirFromEnvironment(), {
    managers: names,
  });
  const progress = options.onProgress ?? stackProgress(DRIFT_COMMAND, "planned");
  let finished = 0;
  const concurrency = options.concurrency ?? defaultConcurrency();
  const inits = new StackInits();
  const managers = await mapLimited(stacks, concurrency, async (stack) => {
    progress("start", { stack: stack.name, finished, total: stacks.length, running: [stack.name] });
    let planned = false;
    try {
      const plan = await planOneStack(stack, { env: options.env }, inits);
      planned = true;
      progress("done", {
        stack: stack.name,
        finished: ++finished,
        total: stacks.length,
        running: [],
        plan,
      });
      return await checkManager(plan, verify, options, { ignores, today });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      if (!planned) finished += 1; // a stack whose verify failed was counted when planned
      return unchecked(stack.name, "failed", error.message);
    }
  });
  return {
    date: today,
    managers,
    expired: ignores.filter((entry) => names.includes(entry.manager) && !isActive(entry, today)),
  };
}

async function checkManager(
  plan: StackPlan,
  verify: string,
  options: DriftOptions,
  judgement: { ignores: DriftReport["expired"]; today: string },
): Promise<ManagerDrift> {
  const kinds = plan.document.resource_changes.map((rc) => changeKindOf(rc.change.actions));
  const inState = kinds.filter((kind) => kind !== "create").length;
  if (inState === 0) {
    return {
      ...unchecked(
        plan.name,
        "not-checked",
        "no state: nothing is deployed from this stack yet (cdktf deploy, or ksv adopt)",
      ),
      ...identity(plan),
    };
  }
  const { targets, findings } = await verifyPlan(plan, "recorded", verify, options);
  return {
    name: plan.name,
    ...identity(plan),
    status: "checked",
    reason: null,
    skipped: null,
    checked: targets.length,
    pendingChanges: kinds.filter((kind) => kind !== "no-op").length,
    findings: judgeFindings(findings, {
      manager: plan.name,
      ignores: judgement.ignores,
      seen: options.seen ?? new Map(),
      today: judgement.today,
    }),
  };
}
