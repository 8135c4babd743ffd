import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { configurationDigestOfFile } from "../lib/terraform/configuration-digest";
import type { StackPlan } from "./plan-stacks";

/*
 * What npm run plan-review keeps of each plan it reviews, in <outdir>/plans/:
 *   <stack>.json           terraform show -json (what the review read)
 *   <stack>.tfplan         the binary plan, the one ksv apply applies
 *   <stack>.reviewed.json  the record: the digest of the stack's configuration as planned and of
 *                          the plan file, so that ksv apply can refuse a plan whose stack has
 *                          changed since, or a plan file that is not the one reviewed
 */

export const PLANS_FOLDER = "plans";
const RECORD_VERSION = 1;

export interface PlanRecord {
  readonly version: typeof RECORD_VERSION;
  readonly stack: string;
  /** lib/terraform/configuration-digest of the stack's cdk.tf.json when it was planned. */
  readonly configurationSha256: string;
  /** sha256 of <stack>.tfplan. */
  readonly planSha256: string;
  /** Whether the plan changes anything (terraform plan -detailed-exitcode). */
  readonly hasChanges: boolean;
}

export interface SavedPlanFiles {
  readonly json: string;
  readonly plan: string;
  readonly record: string;
}

export function savedPlanFiles(plansDir: string, stack: string): SavedPlanFiles {
  return {
    json: path.join(plansDir, `${stack}.json`),
    plan: path.join(plansDir, `${stack}.tfplan`),
    record: path.join(plansDir, `${stack}.reviewed.json`),
  };
}

export function sha256OfFile(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Keeps a planned stack's plan, as JSON and binary, with its record; returns the JSON's path. */
export function savePlan(plansDir: string, plan: StackPlan): string {
  const files = savedPlanFiles(plansDir, plan.name);
  fs.mkdirSync(plansDir, { recursive: true });
  fs.writeFileSync(files.json, JSON.stringify(plan.json));
  fs.copyFileSync(plan.planFile, files.plan);
  const record: PlanRecord = {
    version: RECORD_VERSION,
    stack: plan.name,
    configurationSha256: configurationDigestOfFile(path.join(plan.dir, "cdk.tf.json")),
    planSha256: sha256OfFile(files.plan),
    hasChanges: plan.hasChanges,
  };
  fs.writeFileSync(files.record, `${JSON.stringify(record, null, 2)}\n`);
  return files.json;
}

/** The record of a saved plan, or undefined when there is none (or it is unreadable). */
export function readPlanRecord(plansDir: string, stack: string): PlanRecord | undefined {
  try {
    const record = JSON.parse(
      fs.readFileSync(savedPlanFiles(plansDir, stack).record, "utf8"),
    ) as PlanRecord;
    return record.version === RECORD_VERSION && record.stack === stack ? record : undefined;
  } catch {
    return undefined;
  }
}
