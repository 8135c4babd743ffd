import { KEYS, type GroupMember, type RedirectionRule } from "../contract";
import type { VerifyTarget } from "./instances";

/*
 * Groups, redirection rules and SVM images as NSX has them against what the stack applied: the
 * parts of verify that read JSON the stacks wrote (KSV_GROUP_MEMBERS, KSV_RULES) and compare it
 * with what the hook read back.
 */

export type IntrospectionFindingId =
  | "svm-image-differs"
  | "svm-upgrade-in-progress"
  | "group-missing"
  | "group-members-differ"
  | "rules-missing"
  | "rules-differ"
  | "failure-policy-differs";

export interface Difference {
  readonly id: IntrospectionFindingId;
  readonly field?: string;
  readonly expected?: string | null;
  readonly found?: string | null;
}

function parseJson<T>(text: string | undefined): T | undefined {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as T);
  } catch {
    return undefined;
  }
}

/** A member criterion in one canonical line, whatever the order of its keys. */
function memberKey(member: GroupMember): string {
  if ("tag" in member) return `tag ${member.scope ?? ""}|${member.tag}`;
  if ("vmNameStartsWith" in member) return `vmNameStartsWith ${member.vmNameStartsWith}`;
  return `ipAddress ${member.ipAddress}`;
}

/** A rule in one canonical line: its order matters in the list, the order of its groups does not. */
function ruleKey(rule: RedirectionRule): string {
  const groups = (names: readonly string[]) => [...names].sort().join(",");
  return `${rule.name}: ${groups(rule.sources)} -> ${groups(rule.destinations)} ${rule.direction} ${rule.action}`;
}

export function compareImage(
  target: VerifyTarget,
  observed: Record<string, unknown>,
): Difference[] {
  const expected = target.values[KEYS.svmImageUrl] ?? null;
  const found = typeof observed.svmImageUrl === "string" ? observed.svmImageUrl : null;
  // No deployment, no image: the deployment's own finding says it (cluster-not-deployed).
  if (found === null) return [];
  if (found !== expected)
    return [{ id: "svm-image-differs", field: "svmImageUrl", expected, found }];
  return observed.upgrading === true
    ? [{ id: "svm-upgrade-in-progress", expected: "SVMs running", found: "upgrade in progress" }]
    : [];
}

export function compareGroup(
  target: VerifyTarget,
  observed: Record<string, unknown>,
): Difference[] {
  if (observed.present !== true) return [{ id: "group-missing", found: "absent" }];
  const expected = (parseJson<GroupMember[]>(target.values[KEYS.groupMembers]) ?? []).map(
    memberKey,
  );
  const found = (observed.members as GroupMember[]).map(memberKey);
  const missing = expected.filter((m) => !found.includes(m));
  const extra = found.filter((m) => !expected.includes(m));
  if (missing.length === 0 && extra.length === 0) return [];
  return [
    {
      id: "group-members-differ",
      field: "members",
      expected: missing.length > 0 ? `also ${missing.join("; ")}` : null,
      found: extra.length > 0 ? `also ${extra.join("; ")}` : null,
    },
  ];
}

export function compareRules(
  target: VerifyTarget,
  observed: Record<string, unknown>,
): Difference[] {
  if (observed.present !== true) return [{ id: "rules-missing", found: "absent" }];
  const differences: Difference[] = [];
  const policy = target.values[KEYS.failurePolicy] ?? null;
  if (observed.failurePolicy !== policy) {
    differences.push({
      id: "failure-policy-differs",
      field: "failurePolicy",
      expected: policy,
      found: String(observed.failurePolicy),
    });
  }
  const expected = (parseJson<RedirectionRule[]>(target.values[KEYS.rules]) ?? []).map(ruleKey);
  const found = (observed.rules as RedirectionRule[]).map(ruleKey);
  if (expected.join("\n") !== found.join("\n")) {
    differences.push({
      id: "rules-differ",
      field: "rules",
      expected: expected.join("; ") || "(none)",
      found: found.join("; ") || "(none)",
    });
  }
  return differences;
}
