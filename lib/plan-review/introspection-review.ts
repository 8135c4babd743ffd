import {
  ANY_GROUP,
  KEYS,
  type GroupMember,
  type RedirectionRule,
  type RuleDirection,
} from "../contract";
import type { ManagerResources } from "./manager-resources";
import type { GroupReview, IntrospectionReview, RuleChange } from "./model";
import type { ModelResource } from "./read-resource";

/*
 * What a plan does to NSX's redirection: groups (members added and removed), the ordered rules
 * (added, removed, moved, changed), the failure policy, and which groups' traffic stops being
 * redirected to the SVMs (a protection change, as much as removing SVMs is).
 */

function parseList<T>(text: string | undefined): T[] | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : undefined;
  } catch {
    return undefined;
  }
}

/** One member criterion as one line: `tag app|web`, `vmNameStartsWith web-`, `ipAddress 10.0.8.0/24`. */
export function describeMember(member: GroupMember): string {
  if ("tag" in member) return `tag ${member.scope ? `${member.scope}|` : ""}${member.tag}`;
  if ("vmNameStartsWith" in member) return `vmNameStartsWith ${member.vmNameStartsWith}`;
  return `ipAddress ${member.ipAddress}`;
}

function membersOf(resource: ModelResource | undefined, side: "before" | "after"): string[] {
  const list = parseList<GroupMember>(resource?.[side]?.[KEYS.groupMembers]) ?? [];
  return list.map(describeMember);
}

function groupReviews(resources: ManagerResources): GroupReview[] {
  const names = [...new Set([...resources.groups.keys(), ...resources.groupMembers.keys()])];
  return names.sort().flatMap((name) => {
    const members = resources.groupMembers.get(name);
    const life = resources.groups.get(name) ?? "no-op";
    const change =
      life === "delete"
        ? "removed"
        : life === "create"
          ? "added"
          : members?.kind === "replace"
            ? "changed"
            : "unchanged";
    if (change === "unchanged") return [];
    const before = new Set(membersOf(members, "before"));
    const after = new Set(membersOf(members, "after"));
    return [
      {
        name,
        change,
        membersAdded: [...after].filter((m) => !before.has(m)),
        membersRemoved: [...before].filter((m) => !after.has(m)),
      },
    ];
  });
}

/** Names in both lists whose relative order changed: those outside a longest common order. */
function movedNames(before: readonly string[], after: readonly string[]): Set<string> {
  const common = after.filter((name) => before.includes(name));
  const order = before.filter((name) => common.includes(name));
  // Longest common subsequence of two orderings of the same names.
  const n = order.length;
  const table = Array.from({ length: n + 1 }, () => new Array<number>(n + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      table[i][j] =
        order[i] === common[j]
          ? table[i + 1][j + 1] + 1
          : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const kept = new Set<string>();
  for (let i = 0, j = 0; i < n && j < n;) {
    if (order[i] === common[j]) {
      kept.add(order[i]);
      i++;
      j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return new Set(common.filter((name) => !kept.has(name)));
}

const RULE_FIELDS = ["sources", "destinations", "direction", "action"] as const;

function ruleChanges(
  before: readonly RedirectionRule[],
  after: readonly RedirectionRule[],
): RuleChange[] {
  const was = new Map(before.map((rule, index) => [rule.name, { rule, index }]));
  const will = new Map(after.map((rule, index) => [rule.name, { rule, index }]));
  const moved = movedNames(
    before.map((r) => r.name),
    after.map((r) => r.name),
  );
  const changes: RuleChange[] = [];
  after.forEach((rule, index) => {
    const old = was.get(rule.name);
    if (!old) {
      changes.push({ name: rule.name, change: "added", before: null, after: index, fields: [] });
      return;
    }
    const fields = RULE_FIELDS.filter(
      (f) => JSON.stringify(old.rule[f]) !== JSON.stringify(rule[f]),
    );
    if (fields.length > 0 || moved.has(rule.name)) {
      const change = fields.length > 0 ? "changed" : "moved";
      changes.push({ name: rule.name, change, before: old.index, after: index, fields });
    }
  });
  for (const [name, { index }] of was) {
    if (!will.has(name))
      changes.push({ name, change: "removed", before: index, after: null, fields: [] });
  }
  return changes;
}

/** Where a flow is seen: leaving its source's vNIC (out) or entering its destination's (in). */
type End = "in" | "out";

const ENDS_OF: Readonly<Record<RuleDirection, readonly End[]>> = {
  "in-out": ["in", "out"],
  in: ["in"],
  out: ["out"],
};

/** VMs in no group a rule names: only `any` matches them. */
const OTHER_VMS = ANY_GROUP;

/** Whether the first rule that matches a flow, at one end, redirects it (no rule: it is not). */
function redirects(
  rules: readonly RedirectionRule[],
  source: string,
  destination: string,
  end: End,
): boolean {
  const names = (side: readonly string[], group: string) =>
    side.includes(ANY_GROUP) || side.includes(group);
  const rule = rules.find(
    (r) =>
      names(r.sources, source) &&
      names(r.destinations, destination) &&
      ENDS_OF[r.direction].includes(end),
  );
  return rule?.action === "redirect";
}

/**
 * Flows that were redirected to the SVMs and no longer are, as `source → destination (end)`.
 * Each group named by a rule is read as its own VMs, and `any` as VMs in none of them: the review
 * does not know the groups' members, only how the rules treat them.
 */
function flowsLeavingRedirection(
  before: readonly RedirectionRule[],
  after: readonly RedirectionRule[],
): string[] {
  const groups = new Set<string>([OTHER_VMS]);
  for (const rule of [...before, ...after]) {
    for (const name of [...rule.sources, ...rule.destinations]) groups.add(name);
  }
  const sorted = [...groups].sort();
  const flows: string[] = [];
  for (const source of sorted) {
    for (const destination of sorted) {
      for (const end of ["out", "in"] as const) {
        if (
          redirects(before, source, destination, end) &&
          !redirects(after, source, destination, end)
        ) {
          flows.push(`${source} → ${destination} (${end === "out" ? "leaving" : "entering"})`);
        }
      }
    }
  }
  return flows;
}

/** The review of a manager's introspection, or null when its stack manages none. */
export function introspectionReview(resources: ManagerResources): IntrospectionReview | null {
  const rules = resources.rules;
  if (!rules && resources.groups.size === 0) return null;
  const beforeRules = parseList<RedirectionRule>(rules?.before?.[KEYS.rules]) ?? [];
  const afterRules = parseList<RedirectionRule>(rules?.after?.[KEYS.rules]) ?? [];
  return {
    failurePolicy: {
      before: rules?.before?.[KEYS.failurePolicy] ?? null,
      after: rules?.after?.[KEYS.failurePolicy] ?? null,
    },
    groups: groupReviews(resources),
    rulesChange: rules?.kind ?? "no-op",
    rules:
      rules?.kind === "replace" || rules?.kind === "create"
        ? ruleChanges(beforeRules, afterRules)
        : [],
    leavingRedirection: rules?.after ? flowsLeavingRedirection(beforeRules, afterRules) : [],
    removedGroupsInUse: [...resources.groups]
      .filter(
        ([name, kind]) =>
          kind === "delete" &&
          beforeRules.some((r) => [...r.sources, ...r.destinations].includes(name)),
      )
      .map(([name]) => name),
  };
}
