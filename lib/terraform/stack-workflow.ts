import * as path from "path";
import { terraform, type TerraformOptions } from "./terraform-cli";

/*
 * The Terraform steps our scripts take on a synthesized stack folder (cdktf.out/stacks/<name>):
 * the same commands a user or a CI job runs, never a stand-in.
 */

export const PLAN_FILE = "ksv.tfplan";

export function initStack(dir: string, options: TerraformOptions = {}): void {
  terraform(dir, ["init", "-input=false"], options);
}

export interface PlannedStack {
  /** Path of the saved plan. */
  readonly planFile: string;
  /** Whether the plan changes anything (terraform plan -detailed-exitcode). */
  readonly hasChanges: boolean;
}

/** `terraform plan -out`; `destroy` plans the removal of everything. */
export function planStack(
  dir: string,
  options: TerraformOptions & { readonly destroy?: boolean; readonly planFile?: string } = {},
): PlannedStack {
  const planFile = options.planFile ?? PLAN_FILE;
  const args = ["plan", "-input=false", "-detailed-exitcode", `-out=${planFile}`];
  if (options.destroy) args.push("-destroy");
  const result = terraform(dir, args, { ...options, allowFailure: true });
  if (result.code === 1) {
    terraform(dir, args, options); // fails again, with Terraform's message in a UserError
  }
  return { planFile: path.resolve(dir, planFile), hasChanges: result.code === 2 };
}

/** `terraform show -json <plan>`: the plan as data (format_version 1.x). */
export function showPlan(
  dir: string,
  planFile: string = PLAN_FILE,
  options: TerraformOptions = {},
): unknown {
  return JSON.parse(terraform(dir, ["show", "-json", planFile], options).stdout);
}

export function applyPlan(
  dir: string,
  planFile: string = PLAN_FILE,
  options: TerraformOptions = {},
): void {
  terraform(dir, ["apply", "-input=false", "-auto-approve", planFile], options);
}
