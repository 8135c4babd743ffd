import * as fs from "fs";
import * as path from "path";
import { synthesizeEstate } from "../../app/synthesize-estate";
import { applyPlan, initStack, planStack, showPlan } from "../../lib/terraform/stack-workflow";
import type { TerraformOptions } from "../../lib/terraform/terraform-cli";
import { validEstate, type EstateInput } from "./estates";
import { tempDir } from "./workspace";

/** The parts of `terraform show -json` the tests read. */
export interface PlanJson {
  format_version: string;
  resource_changes?: Array<{
    address: string;
    type: string;
    change: {
      actions: string[];
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    };
    action_reason?: string;
  }>;
  output_changes?: Record<string, { actions: string[]; before: unknown; after: unknown }>;
}

/**
 * A project folder in a temp dir where an estate is synthesized, then planned and applied with the
 * real terraform binary. Hooks may append to `hookLog` (exported to them as $HOOK_LOG).
 */
export class Scenario {
  readonly dir: string;
  readonly outdir: string;
  readonly hookLog: string;
  private readonly initialized = new Set<string>();

  constructor(
    prefix: string,
    private readonly terraformOptions: TerraformOptions = {},
  ) {
    this.dir = tempDir(prefix);
    this.outdir = path.join(this.dir, "cdktf.out");
    this.hookLog = path.join(this.dir, "hooks.log");
  }

  private options(extra: TerraformOptions = {}): TerraformOptions {
    return {
      ...this.terraformOptions,
      ...extra,
      env: { HOOK_LOG: this.hookLog, ...this.terraformOptions.env, ...extra.env },
    };
  }

  stackDir(stack: string): string {
    return path.join(this.outdir, "stacks", stack);
  }

  /** Synthesizes the estate into this project's cdktf.out (as `cdktf synth` would). */
  synth(estate: EstateInput): string[] {
    fs.writeFileSync(path.join(this.dir, "estate.json"), JSON.stringify(estate, null, 2));
    return synthesizeEstate(validEstate(estate), this.outdir).map((s) => s.name);
  }

  plan(
    stack: string,
    extra: TerraformOptions & { destroy?: boolean } = {},
  ): PlanJson & { hasChanges: boolean; planFile: string } {
    const dir = this.stackDir(stack);
    if (!this.initialized.has(stack)) {
      initStack(dir, this.options(extra));
      this.initialized.add(stack);
    }
    const planned = planStack(dir, this.options(extra));
    return { ...(showPlan(dir, planned.planFile, this.options(extra)) as PlanJson), ...planned };
  }

  /** Plans and applies; returns the plan that was applied. */
  apply(
    stack: string,
    extra: TerraformOptions & { destroy?: boolean } = {},
  ): PlanJson & { hasChanges: boolean } {
    const plan = this.plan(stack, extra);
    applyPlan(this.stackDir(stack), plan.planFile, this.options(extra));
    return plan;
  }

  /** Lines the hooks appended, and forget them. */
  takeHookLog(): string[] {
    if (!fs.existsSync(this.hookLog)) return [];
    const lines = fs.readFileSync(this.hookLog, "utf8").split("\n").filter(Boolean);
    fs.rmSync(this.hookLog);
    return lines;
  }
}

/** `{ address: "delete+create" }` for every resource the plan does something to. */
export function changesOf(plan: PlanJson): Record<string, string> {
  return Object.fromEntries(
    (plan.resource_changes ?? [])
      .filter((rc) => rc.change.actions.join() !== "no-op")
      .map((rc) => [rc.address, rc.change.actions.join("+")]),
  );
}
