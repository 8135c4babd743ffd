import * as fs from "fs";
import * as path from "path";
import type { ValidatedEstate } from "../lib/estate/validated-estate";
import { planIsStale, stateIdentity } from "../lib/terraform/plan-file";
import { applyArgs } from "../lib/terraform/stack-workflow";
import {
  checkTerraform,
  terraform,
  terraformEnvironment,
  terraformFailure,
  type TerraformOptions,
} from "../lib/terraform/terraform-cli";
import { UserError } from "../lib/user-error";
import { outdirFromEnvironment } from "./estate-file";
import { initWithReviewedProviders, reviewedPlanRefusal } from "./reviewed-plan";
import { PLANS_FOLDER, readPlanRecord, savedPlanFiles } from "./saved-plans";
import { selectManagers } from "./stack-command";
import { synthesizeEstate, type SynthesizedStack } from "./synthesize-estate";

/*
 * ksv apply: applies the plans npm run plan-review saved and reviewed (cdktf.out/plans), never a
 * new plan. Before applying anything it checks every stack asked for, and refuses, applying
 * nothing, when a stack has no saved plan, when the plan file is not the one reviewed, when the
 * stack synthesized now is not the configuration that was planned (the estate or the code
 * changed since the review), or when the stack's state is no longer the one planned against
 * (Terraform's own rule, checked up front so that no stack is applied before another is
 * refused). Terraform checks the state again when it applies.
 */

export interface ApplyOptions {
  /** The managers whose reviewed plans to apply. @default - every stack with a saved plan */
  readonly managers?: readonly string[];
  /** @default $CDKTF_OUTDIR or cdktf.out */
  readonly outdir?: string;
  /** Added to the environment of terraform and of the hooks. @default - none */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface AppliedStack {
  readonly name: string;
  readonly hasChanges: boolean;
}

/** The stacks with a saved plan, in the estate's order; a plan for an unknown stack is refused. */
function reviewedStacks(estate: ValidatedEstate, plansDir: string): string[] {
  const saved = fs.existsSync(plansDir)
    ? fs
        .readdirSync(plansDir)
        .map((name) => /^(.+)\.tfplan$/.exec(name)?.[1])
        .filter((name): name is string => name !== undefined)
    : [];
  const known = estate.managers.map((m) => m.name);
  const unknown = saved.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new UserError(
      `nothing applied: ${unknown.map((n) => `${n}.tfplan`).join(", ")} in ${plansDir} ${unknown.length === 1 ? "is a plan of a stack" : "are plans of stacks"} the estate does not have`,
    );
  }
  if (saved.length === 0) {
    throw new UserError(
      `no reviewed plan in ${plansDir}: nothing applied (npm run plan-review saves the plans it reviews there)`,
    );
  }
  return known.filter((name) => saved.includes(name));
}

function refuse(refusals: readonly string[]): void {
  if (refusals.length > 0) throw new UserError(`nothing applied: ${refusals.join("; ")}`);
}

/** Initializes the stack with the provider versions the plan was made with; says if it is stale. */
function prepare(stack: SynthesizedStack, plansDir: string, options: TerraformOptions) {
  const dir = path.dirname(stack.file);
  const planFile = initWithReviewedProviders(stack, plansDir, options);
  const planned = stateIdentity(planFile.entry("tfstate")?.toString("utf8") ?? "");
  const current = stateIdentity(terraform(dir, ["state", "pull"], options).stdout);
  return planIsStale(planned, current)
    ? `stack ${stack.name}: the reviewed plan is stale: its state changed after the review (serial ${planned.serial} planned, ${current.serial} now); review it again`
    : undefined;
}

function applyOne(stack: SynthesizedStack, plansDir: string, options: TerraformOptions): void {
  const dir = path.dirname(stack.file);
  const planFile = path.resolve(savedPlanFiles(plansDir, stack.name).plan);
  const args = applyArgs(planFile);
  const result = terraform(dir, args, { ...options, allowFailure: true });
  if (result.code === 0) return;
  if (/Saved plan is stale/.test(result.stderr)) {
    throw new UserError(
      `stack ${stack.name}: Terraform found the reviewed plan stale (the state changed after the review): not applied; review it again`,
    );
  }
  throw terraformFailure(dir, args, result, terraformEnvironment(options.env));
}

/** Applies the reviewed plans of the managers asked for, in the estate's order. */
export function applyReviewed(
  estate: ValidatedEstate,
  options: ApplyOptions = {},
  report: (applied: AppliedStack) => void = () => {},
): AppliedStack[] {
  const terraformOptions: TerraformOptions = { env: options.env };
  checkTerraform(terraformOptions);
  const outdir = options.outdir ?? outdirFromEnvironment();
  const plansDir = path.join(outdir, PLANS_FOLDER);
  const names =
    options.managers && options.managers.length > 0
      ? selectManagers(estate, options.managers)
      : reviewedStacks(estate, plansDir);
  const stacks = synthesizeEstate(estate, outdir, { managers: names });
  refuse(
    stacks.map((stack) => reviewedPlanRefusal(stack, plansDir)).filter((r) => r !== undefined),
  );
  refuse(
    stacks
      .map((stack) => prepare(stack, plansDir, terraformOptions))
      .filter((r) => r !== undefined),
  );
  return stacks.map((stack) => {
    applyOne(stack, plansDir, terraformOptions);
    const applied = {
      name: stack.name,
      hasChanges: readPlanRecord(plansDir, stack.name)!.hasChanges,
    };
    report(applied);
    return applied;
  });
}
