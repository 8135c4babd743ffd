import { UserError } from "../user-error";
import type { ChangeKind } from "./plan-json";
import type { ManagerReview, PlanReview, ReviewFinding } from "./model";
import type { PolicyDiff } from "./policy-diff";
import { REVIEW_JSON_VERSION, type ManagerReviewJson, type PlanReviewJson } from "./render-json";

/*
 * A JSON review (./render-json) read back into the review it was rendered from: every fact the
 * markdown shows is in the JSON, and what the JSON derives (a finding's severity and message, the
 * failure policy after, whether the traffic mode changed) is derived again by the renderers. So
 * reviewToJson(reviewFromJson(json)) is json, and the markdown is the markdown of the plans.
 */

const MANAGER_FIELDS: ReadonlyArray<readonly [keyof ManagerReviewJson, string]> = [
  ["name", "string"],
  ["sources", "array"],
  ["disruptive", "boolean"],
  ["hasChanges", "boolean"],
  ["hasReplacements", "boolean"],
  ["trafficMode", "object"],
  ["counts", "object"],
  ["findings", "array"],
  ["serviceChanges", "array"],
  ["applyOrder", "object"],
  ["acknowledgedWarnings", "array"],
];

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return "array";
  return value === null ? "null" : typeof value;
}

/** Checks the shape a merge relies on; the values themselves are the analysis's own. */
function checkReviewJson(value: unknown, source: string): PlanReviewJson {
  const fail = (what: string): never => {
    throw new UserError(`${source}: not a JSON review of ksv-plan-review (--format json): ${what}`);
  };
  if (typeOf(value) !== "object") fail("not a JSON object");
  const json = value as Record<string, unknown>;
  if (json.version !== REVIEW_JSON_VERSION) {
    fail(`version ${JSON.stringify(json.version)}, expected ${REVIEW_JSON_VERSION}`);
  }
  if (!Array.isArray(json.inputs)) fail("no inputs list");
  if (!Array.isArray(json.managers)) fail("no managers list");
  (json.managers as unknown[]).forEach((manager, index) => {
    if (typeOf(manager) !== "object") fail(`managers[${index}] is not an object`);
    for (const [field, type] of MANAGER_FIELDS) {
      const found = typeOf((manager as Record<string, unknown>)[field]);
      if (found !== type) {
        fail(
          field === "hasReplacements" && found === "undefined"
            ? `managers[${index}] has no hasReplacements (written by an earlier release: review the plans again)`
            : `managers[${index}].${field} is ${found}, expected ${type}`,
        );
      }
    }
  });
  return value as PlanReviewJson;
}

/** The policy diff the JSON's policy fields were made from (render-json's `policy`, reversed). */
function policyDiffOf(policy: NonNullable<ManagerReviewJson["policy"]>): PolicyDiff | null {
  if (policy.changes !== null) {
    return {
      changes: policy.changes,
      withheldFieldCount: policy.withheldFieldCount,
      unreadable: false,
    };
  }
  return policy.unreadable
    ? { changes: [], withheldFieldCount: policy.withheldFieldCount, unreadable: true }
    : null;
}

function managerFromJson(json: ManagerReviewJson): ManagerReview {
  const { before, after } = json.trafficMode;
  return {
    name: json.name,
    kind: json.kind,
    address: json.address,
    sources: json.sources,
    trafficMode: { before, after },
    counts: json.counts,
    serviceChanges: json.serviceChanges,
    protectionGap: json.protectionGap,
    introspection: json.introspection,
    policy: json.policy && {
      change: json.policy.change as ChangeKind,
      diff: policyDiffOf(json.policy),
      hidden: json.policy.hidden,
    },
    applyOrder: json.applyOrder,
    acknowledgedWarnings: json.acknowledgedWarnings,
    // Severity and message are the renderers' words for the finding: derived again.
    findings: json.findings.map(
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      ({ severity, message, ...finding }) => finding as ReviewFinding,
    ),
    disruptive: json.disruptive,
    hasReplacements: json.hasReplacements,
    hasChanges: json.hasChanges,
  };
}

/** A JSON review (parsed), checked and read back into the review. Throws UserError naming `source`. */
export function reviewFromJson(value: unknown, source: string): PlanReview {
  const json = checkReviewJson(value, source);
  const managers = json.managers.map(managerFromJson);
  return {
    inputs: json.inputs,
    managers,
    disruptive: managers.some((m) => m.disruptive),
    ...(json.changedSince ? { changedSince: json.changedSince } : {}),
  };
}
