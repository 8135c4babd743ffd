import * as fs from "fs";
import * as path from "path";
import { localStatePath } from "../lib/constructs/state-backend";
import type { ValidatedEstate } from "../lib/estate/validated-estate";
import { analyzePlans } from "../lib/plan-review/analyze";
import { plural } from "../lib/text";
import { changeKindOf, type PlanDocument } from "../lib/plan-review/plan-json";
import { modelResource } from "../lib/plan-review/read-resource";
import { applyPlanAsync } from "../lib/terraform/stack-workflow";
import { checkTerraform } from "../lib/terraform/terraform-cli";
import { UserError } from "../lib/user-error";
import { describeVerifyFinding, type VerifyFinding } from "../lib/verify";
import { outdirFromEnvironment } from "./estate-file";
import { planStacks, type StackPlan } from "./plan-stacks";
import { stackProgress } from "./progress";
import {
  requireVerifyHook,
  selectManagers,
  verifyPlan,
  type StackCommandOptions,
} from "./stack-command";
import { synthesizeEstate } from "./synthesize-estate";

/*
 * ksv adopt: bring a running deployment under management without touching it. For each manager
 * the estate's stack is synthesized without hooks (sharing the real stack's state) and planned;
 * when the state is empty (or holds only what an interrupted adopt recorded) and the plan only
 * creates, the site's verify hook is asked what really exists. Only when NSX and Kaspersky
 * Security Center look exactly like that plan is the state written, by applying that very plan:
 * nothing in NSX or KSC runs, and what is recorded is exactly what was verified (Terraform refuses
 * a saved plan whose state changed meanwhile). Any difference refuses, and nothing is written
 * for any manager.
 */

export const ADOPT_COMMAND = "ksv adopt";

type Verdict =
  | { readonly kind: "adopt"; readonly plan: StackPlan; readonly creates: readonly string[] }
  | { readonly kind: "adopted"; readonly plan: StackPlan }
  | { readonly kind: "refuse"; readonly plan: StackPlan; readonly reasons: readonly string[] };

/** A resourceType switch the plan makes by deleting and creating (the plan review sees it). */
function typeSwitch(plan: StackPlan): { from: string; to: string } | undefined {
  const review = analyzePlans([{ source: plan.name, plan: plan.document }]);
  for (const manager of review.managers) {
    const found = manager.findings.find((f) => f.id === "resource-type-switched");
    if (found?.id === "resource-type-switched") return found;
  }
  return undefined;
}

function switchAdvice(plan: StackPlan, change: { from: string; to: string }): string {
  return change.from === "null_resource"
    ? `the state holds null_resource resources and the estate asks for terraform_data: the stacks declare moved blocks for this switch, which need Terraform 1.9 or later; run cdktf diff ${plan.name} with it and the plan moves every resource, replacing none`
    : `the state holds terraform_data resources and the estate asks for null_resource, a move Terraform cannot make. To switch without touching NSX or KSC: in the stack's folder (cdktf.out/stacks/${plan.name}, after cdktf synth), run terraform state rm on every resource (it forgets them, running no hook), then ksv adopt ${plan.name}, which checks what runs and records it as null_resource`;
}

/** A plan's resources to create, and its changes that are neither creates nor no-ops. */
function splitChanges(document: PlanDocument) {
  const changes = document.resource_changes.map((rc) => ({
    address: rc.address,
    kind: changeKindOf(rc.change.actions),
  }));
  return {
    creates: changes.filter((c) => c.kind === "create").map((c) => c.address),
    others: changes.filter((c) => c.kind !== "create" && c.kind !== "no-op"),
  };
}

/** What adopting one stack would do, before anything is verified. */
function classify(plan: StackPlan): Verdict {
  const switched = typeSwitch(plan);
  if (switched) return { kind: "refuse", plan, reasons: [switchAdvice(plan, switched)] };
  const { creates, others } = splitChanges(plan.document);
  if (others.length > 0) {
    return {
      kind: "refuse",
      plan,
      reasons: [
        `its state is not empty and differs from the estate (${others
          .map((c) => `${c.address}: ${c.kind ?? "unknown change"}`)
          .join(
            ", ",
          )}); adopt records only what runs and is not in the state yet. Review the change with cdktf diff ${plan.name} and deploy it, or restore the estate`,
      ],
    };
  }
  return creates.length === 0 ? { kind: "adopted", plan } : { kind: "adopt", plan, creates };
}

/** The estate's traffic mode against the registered one: the two ways forward. */
function modeAdvice(plan: StackPlan, finding: VerifyFinding): string {
  return [
    `The estate says trafficMode: ${finding.expected} for ${plan.name}, and NSX Manager has the service registered in ${finding.found} mode. Two ways forward:`,
    `  1. Adopt what runs: set trafficMode: ${finding.found} for ${plan.name} in the estate and run ksv adopt again; then change the mode in a reviewed change (the plan review shows the re-registration and its protection gap).`,
    `  2. Let a normal deploy re-register: cdktf deploy ${plan.name} removes the NSX objects and the SVMs, unregisters the service and registers it in ${finding.expected} mode (the documented procedure; protection is interrupted meanwhile).`,
  ].join("\n");
}

/** Where adopt works: under the output folder, one folder per run (two adopts may run at once). */
function adoptWorkRoot(outdir: string): string {
  return path.join(outdir, "adopt");
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes the work of adopts that ended without cleaning up (killed); their process is gone. */
function removeAbandonedWork(root: string): void {
  if (!fs.existsSync(root)) return;
  for (const entry of fs.readdirSync(root)) {
    const pid = Number(entry);
    if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) continue;
    fs.rmSync(path.join(root, entry), { recursive: true, force: true });
  }
}

/**
 * The named managers' stacks without hooks, synthesized into `work` and planned there, each
 * sharing its real stack's state: what adopt verifies and applies.
 */
async function planHooklessStacks(
  estate: ValidatedEstate,
  managers: readonly string[],
  work: string,
  options: StackCommandOptions,
): Promise<StackPlan[]> {
  const outdir = path.resolve(options.outdir ?? outdirFromEnvironment());
  const stacks = synthesizeEstate(estate, work, {
    managers,
    withoutHooks: true,
    localStateFile: (name) => path.resolve(outdir, "stacks", name, localStatePath(name)),
  });
  return planStacks(stacks, {
    env: options.env,
    concurrency: options.concurrency,
    onProgress: options.onProgress ?? stackProgress(ADOPT_COMMAND, "planned"),
  });
}

/** Applies the verified plan of a hook-less stack: the state records what runs; no hook runs. */
async function record(
  verdict: Extract<Verdict, { kind: "adopt" }>,
  options: StackCommandOptions,
): Promise<void> {
  const { plan } = verdict;
  try {
    await applyPlanAsync(plan.dir, plan.planFile, { env: options.env });
  } catch (error) {
    if (error instanceof UserError && /stale|Saved plan/i.test(error.message)) {
      throw new UserError(
        `${plan.name}: the state changed while adopting (another run?); nothing more was written. Run ksv adopt ${plan.name} again`,
      );
    }
    throw error;
  }
}

function roleOf(plan: StackPlan, address: string): string {
  const rc = plan.document.resource_changes.find((r) => r.address === address);
  return (rc && modelResource(rc, plan.name)?.role) ?? "resource";
}

function adoptedSummary(verdict: Extract<Verdict, { kind: "adopt" }>): string {
  const byRole = new Map<string, number>();
  for (const address of verdict.creates) {
    const role = roleOf(verdict.plan, address);
    byRole.set(role, (byRole.get(role) ?? 0) + 1);
  }
  const parts = [...byRole].map(([role, n]) => (n === 1 ? role : `${n} × ${role}`));
  return `${ADOPT_COMMAND}: ${verdict.plan.name}: adopted ${plural(verdict.creates.length, "resource", "resources")} (${parts.join(", ")}); no hook ran, nothing in NSX or Kaspersky Security Center was touched`;
}

export interface AdoptOptions extends StackCommandOptions {
  /** Manager names, or "all". */
  readonly managers: readonly string[] | "all";
  /** Told what was adopted, a line per manager, as soon as it is. @default - printed on stdout */
  readonly report?: (line: string) => void;
}

/** Adopts the named managers; returns the exit code (0 adopted or already adopted, 1 refused). */
export async function adopt(estate: ValidatedEstate, options: AdoptOptions): Promise<number> {
  const verify = requireVerifyHook(estate, ADOPT_COMMAND);
  const managers = selectManagers(estate, options.managers);
  checkTerraform({ env: options.env });
  const root = adoptWorkRoot(options.outdir ?? outdirFromEnvironment());
  removeAbandonedWork(root);
  const work = path.join(root, String(process.pid));
  try {
    return await adoptInto(work, estate, verify, managers, options);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function adoptInto(
  work: string,
  estate: ValidatedEstate,
  verify: string,
  managers: readonly string[],
  options: AdoptOptions,
): Promise<number> {
  const plans = await planHooklessStacks(estate, managers, work, options);
  const verdicts: Verdict[] = [];
  for (const plan of plans) {
    const verdict = classify(plan);
    if (verdict.kind !== "adopt" && verdict.kind !== "adopted") {
      verdicts.push(verdict);
      continue;
    }
    // Also for resources an interrupted adopt already recorded: what runs must still match.
    const { findings } = await verifyPlan(plan, "desired", verify, options);
    if (findings.length === 0) {
      verdicts.push(verdict);
      continue;
    }
    const reasons = findings.map((f) => describeVerifyFinding(f));
    const mode = findings.find((f) => f.id === "service-mode-differs");
    if (mode) reasons.push(modeAdvice(plan, mode));
    verdicts.push({ kind: "refuse", plan, reasons });
  }

  const refused = verdicts.filter((v) => v.kind === "refuse");
  if (refused.length > 0) {
    const lines = refused.flatMap((v) => [
      `  ${v.plan.name}: refused:`,
      ...v.reasons.map((reason) => `    ${reason.replace(/\n/g, "\n    ")}`),
    ]);
    throw new UserError(`nothing was written (no state, no hook ran):\n${lines.join("\n")}`);
  }
  const report = options.report ?? ((line: string) => process.stdout.write(`${line}\n`));
  for (const verdict of verdicts) {
    if (verdict.kind === "adopted") {
      report(
        `${ADOPT_COMMAND}: ${verdict.plan.name}: already adopted: the state matches the estate; nothing changed`,
      );
    } else if (verdict.kind === "adopt") {
      await record(verdict, options);
      report(adoptedSummary(verdict));
    }
  }
  return 0;
}
