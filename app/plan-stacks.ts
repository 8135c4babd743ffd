import * as os from "os";
import * as path from "path";
import { validatePlanDocument, type PlanDocument } from "../lib/plan-review/plan-json";
import { StackInits } from "../lib/terraform/stack-inits";
import {
  planStackAsync,
  showPlanAsync,
  type InitOptions,
  type PlannedStack,
} from "../lib/terraform/stack-workflow";
import type { TerraformOptions } from "../lib/terraform/terraform-cli";
import { mapLimited } from "../lib/map-limited";
import type { SynthesizedStack } from "./synthesize-estate";

/*
 * `terraform init`, `plan` and `show -json` of synthesized stacks: what the plan review, ksv adopt
 * and ksv drift start from. Stacks are independent, so several run at once (one per core by
 * default); results come back in the stacks' order whatever the order they finish in.
 */

export interface StackPlan extends PlannedStack {
  readonly name: string;
  /** The stack's folder (cdktf.out/stacks/<name>). */
  readonly dir: string;
  /** `terraform show -json` of the plan, validated. */
  readonly document: PlanDocument;
  /** The same, as Terraform wrote it. */
  readonly json: unknown;
  readonly seconds: number;
}

export interface PlanProgress {
  readonly stack: string;
  readonly finished: number;
  readonly total: number;
  readonly running: readonly string[];
  readonly plan?: StackPlan;
}

export interface PlanStacksOptions extends TerraformOptions {
  /** Stacks planned at once. @default the number of cores */
  readonly concurrency?: number;
  /** Called as each stack starts and finishes. @default - none */
  readonly onProgress?: (event: "start" | "done", progress: PlanProgress) => void;
}

/** Stacks planned at once unless told: one per core. */
export function defaultConcurrency(): number {
  return Math.max(1, os.availableParallelism());
}

/**
 * `terraform init`, `plan` and `show -json` of one synthesized stack. Stacks planned together
 * share one `inits` (lib/terraform/stack-inits).
 */
export async function planOneStack(
  stack: SynthesizedStack,
  options: InitOptions,
  inits = new StackInits(),
): Promise<StackPlan> {
  const started = process.hrtime.bigint();
  const dir = path.dirname(stack.file);
  await inits.init(dir, options);
  const planned = await planStackAsync(dir, options);
  const json = await showPlanAsync(dir, planned.planFile, options);
  const document = validatePlanDocument(json, `${stack.name} (terraform show -json)`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { name: stack.name, dir, ...planned, document, json, seconds };
}

/** Plans every stack; the first failure stops the run (the stacks already started finish). */
export async function planStacks(
  stacks: readonly SynthesizedStack[],
  options: PlanStacksOptions = {},
): Promise<StackPlan[]> {
  const { concurrency = defaultConcurrency(), onProgress, ...terraformOptions } = options;
  const inits = new StackInits();
  const running = new Set<string>();
  let finished = 0;
  const progress = (stack: string, plan?: StackPlan): PlanProgress => ({
    stack,
    finished,
    total: stacks.length,
    running: [...running],
    plan,
  });
  return mapLimited(stacks, concurrency, async (stack) => {
    running.add(stack.name);
    onProgress?.("start", progress(stack.name));
    let plan: StackPlan;
    try {
      plan = await planOneStack(stack, terraformOptions, inits);
    } finally {
      running.delete(stack.name);
    }
    finished++;
    onProgress?.("done", progress(stack.name, plan));
    return plan;
  });
}
