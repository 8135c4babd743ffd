import { KEYS } from "../contract";
import { SENSITIVE_VALUE, UNKNOWN_VALUE, type PolicyReview } from "./model";
import { diffPolicies } from "./policy-diff";
import type { ModelResource } from "./read-resource";

/** What the plan does to the threat policy, field by field where both sides can be read. */
export function policyReview(policy: ModelResource | undefined): PolicyReview | null {
  if (!policy) return null;
  const before = policy.before?.[KEYS.policy];
  const after = policy.after?.[KEYS.policy];
  const markers = [SENSITIVE_VALUE, UNKNOWN_VALUE];
  const hidden = [before, after].some((value) => value !== undefined && markers.includes(value));
  const comparable =
    !hidden && before !== undefined && after !== undefined && policy.kind !== "no-op";
  return {
    change: policy.kind,
    diff: comparable ? diffPolicies(before, after) : null,
    hidden,
  };
}
