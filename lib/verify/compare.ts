import { hostIdentity, KEYS } from "../contract";
import { flattenPolicy, isKnownField } from "../plan-review/policy-diff";
import type { VerifyTarget } from "./instances";
import { compareGroup, compareImage, compareRules } from "./compare-introspection";
import type { Observation } from "./observation";

/*
 * What exists (the verify hook's observation) against what is expected (the estate, or the
 * state), as findings: data a reader acts on, each about one resource, cluster or host.
 */

export const VERIFY_FINDINGS = [
  "service-not-registered",
  "service-mode-differs",
  "segment-missing",
  "cluster-not-deployed",
  "svm-missing",
  "svm-unexpected",
  "objects-missing",
  "policy-missing",
  "policy-differs",
  "svm-image-differs",
  "svm-upgrade-in-progress",
  "group-missing",
  "group-members-differ",
  "rules-missing",
  "rules-differ",
  "failure-policy-differs",
] as const;
export type VerifyFindingId = (typeof VERIFY_FINDINGS)[number];

export interface VerifyFinding {
  readonly id: VerifyFindingId;
  readonly role: VerifyTarget["role"];
  readonly address: string;
  readonly cluster: string | null;
  readonly host: string | null;
  /** The setting compared (policy fields, the group of a group's members), when there is one. */
  readonly field: string | null;
  /** The group a finding is about, when it is one. */
  readonly group: string | null;
  readonly expected: string | null;
  readonly found: string | null;
}

function finding(target: VerifyTarget, id: VerifyFindingId, more: Partial<VerifyFinding> = {}) {
  return {
    id,
    role: target.role,
    address: target.address,
    cluster: target.values[KEYS.cluster] ?? null,
    group: target.values[KEYS.group] ?? null,
    host: null,
    field: null,
    expected: null,
    found: null,
    ...more,
  } satisfies VerifyFinding;
}

function compareHosts(target: VerifyTarget, found: readonly string[]): VerifyFinding[] {
  const expected = new Map((target.hosts ?? []).map((h) => [hostIdentity(h), h]));
  const running = new Map(found.map((h) => [hostIdentity(h), h]));
  return [
    ...[...expected]
      .filter(([identity]) => !running.has(identity))
      .map(([, host]) => finding(target, "svm-missing", { host, expected: "SVM running" })),
    ...[...running]
      .filter(([identity]) => !expected.has(identity))
      .map(([, host]) =>
        finding(target, "svm-unexpected", { host, found: "SVM running", expected: "not listed" }),
      ),
  ];
}

/** Settings the stored policy leaves out when they have their default (lib/constructs' policyJson). */
const IMPLIED: ReadonlyMap<string, string> = new Map([["networkAttack.enabled", "true"]]);

function comparePolicy(target: VerifyTarget, observed: Record<string, unknown>): VerifyFinding[] {
  let expectedPolicy: unknown;
  try {
    expectedPolicy = JSON.parse(target.values[KEYS.policy] ?? "");
  } catch {
    return [];
  }
  const expected = flattenPolicy(expectedPolicy);
  // Everything the hook printed but `present` is a policy setting it could read.
  const found = flattenPolicy(
    Object.fromEntries(Object.entries(observed).filter(([key]) => key !== "present")),
  );
  const findings: VerifyFinding[] = [];
  for (const [field, value] of found) {
    if (!isKnownField(field)) continue;
    const want = expected.get(field) ?? IMPLIED.get(field) ?? null;
    if (want !== value) {
      findings.push(finding(target, "policy-differs", { field, expected: want, found: value }));
    }
  }
  return findings;
}

/** The differences between one resource as expected and as observed; none when they agree. */
export function compareObservation(target: VerifyTarget, observed: Observation): VerifyFinding[] {
  const o = observed as Record<string, unknown>;
  switch (target.role) {
    case "protection-service": {
      const mode = target.values[KEYS.trafficMode] ?? null;
      if (o.registered !== true) {
        return [
          finding(target, "service-not-registered", { expected: mode, found: "not registered" }),
        ];
      }
      const found = typeof o.trafficMode === "string" ? o.trafficMode : null;
      return found !== null && found !== mode
        ? [finding(target, "service-mode-differs", { field: "trafficMode", expected: mode, found })]
        : [];
    }
    case "service-segment":
      return o.present === true ? [] : [finding(target, "segment-missing", { found: "absent" })];
    case "service-deployment":
      if (o.deployed !== true) {
        return [
          finding(target, "cluster-not-deployed", {
            expected: `${target.hosts?.length ?? 0} hosts with an SVM`,
            found: "no service deployment",
          }),
        ];
      }
      return compareHosts(target, Array.isArray(o.hosts) ? (o.hosts as string[]) : []);
    case "svm-image":
      return compareImage(target, o).map((d) => finding(target, d.id, d));
    case "nsx-objects":
      return o.present === true ? [] : [finding(target, "objects-missing", { found: "absent" })];
    case "group-members":
      return compareGroup(target, o).map((d) => finding(target, d.id, d));
    case "redirection-rules":
      return compareRules(target, o).map((d) => finding(target, d.id, d));
    case "threat-policy":
      return o.present === true
        ? comparePolicy(target, o)
        : [finding(target, "policy-missing", { found: "absent" })];
  }
}
