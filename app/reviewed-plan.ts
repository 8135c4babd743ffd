import * as fs from "fs";
import * as path from "path";
import {
  configurationDigest,
  configurationDigestOfFile,
} from "../lib/terraform/configuration-digest";
import { PlanFile } from "../lib/terraform/plan-file";
import { initStack } from "../lib/terraform/stack-workflow";
import type { TerraformOptions } from "../lib/terraform/terraform-cli";
import { readPlanRecord, savedPlanFiles, sha256OfFile } from "./saved-plans";
import type { SynthesizedStack } from "./synthesize-estate";

/*
 * Whether the plan npm run plan-review saved for a stack is still the one to act on: ksv apply
 * applies it, ksv rollout applies it in waves. Both refuse a plan that is missing, not the file
 * reviewed, or made from another configuration than the stack synthesizes now.
 */

/** The root module's configuration in a saved plan (Terraform keeps it under tfconfig/m-/). */
const PLANNED_CONFIGURATION = "tfconfig/m-/cdk.tf.json";
const LOCK_FILE = ".terraform.lock.hcl";

/** Why a stack's saved plan may not be acted on, or undefined when it may. */
export function reviewedPlanRefusal(stack: SynthesizedStack, plansDir: string): string | undefined {
  const files = savedPlanFiles(plansDir, stack.name);
  const record = readPlanRecord(plansDir, stack.name);
  if (!fs.existsSync(files.plan) || !record) {
    return `stack ${stack.name} has no reviewed plan (${files.plan} with ${path.basename(files.record)})`;
  }
  if (sha256OfFile(files.plan) !== record.planSha256) {
    return `stack ${stack.name}: ${files.plan} is not the plan that was reviewed (its digest is not the one ${path.basename(files.record)} recorded)`;
  }
  const now = configurationDigestOfFile(stack.file);
  if (now !== record.configurationSha256) {
    return `stack ${stack.name} changed since the review (the estate or the code synthesizes another configuration than the one planned); review it again`;
  }
  const planned = PlanFile.read(files.plan).entry(PLANNED_CONFIGURATION);
  if (!planned || configurationDigest(planned.toString("utf8")) !== now) {
    return `stack ${stack.name}: ${files.plan} was made from another configuration than the one reviewed; review it again`;
  }
  return undefined;
}

/**
 * `terraform init` of the stack with the provider versions its reviewed plan was made with (the
 * plan's own lock file), so that what is applied is planned by the same providers. Returns the
 * saved plan, read.
 */
export function initWithReviewedProviders(
  stack: SynthesizedStack,
  plansDir: string,
  options: TerraformOptions,
): PlanFile {
  const dir = path.dirname(stack.file);
  const planFile = PlanFile.read(savedPlanFiles(plansDir, stack.name).plan);
  const lock = planFile.entry(LOCK_FILE);
  if (lock) fs.writeFileSync(path.join(dir, LOCK_FILE), lock);
  initStack(dir, options);
  return planFile;
}
