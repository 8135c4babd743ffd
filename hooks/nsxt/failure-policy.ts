import { CONTEXT_ENV } from "../context";
import { HookError } from "../hook-error";
import type { NsxtRun } from "./run";

/**
 * The service chain's `failure_policy` (PolicyServiceChain: ALLOW | BLOCK, default ALLOW) from
 * KSV_FAILURE_POLICY (`allow` | `block`; empty when the estate sets none: ALLOW, NSX's default).
 */
export function failurePolicy(run: NsxtRun): "ALLOW" | "BLOCK" {
  const value = run.ctx.optional(CONTEXT_ENV.failurePolicy);
  if (value === undefined || value === "allow") return "ALLOW";
  if (value === "block") return "BLOCK";
  throw new HookError(
    `${CONTEXT_ENV.failurePolicy} must be allow or block (or empty), got ${JSON.stringify(value)}`,
  );
}
