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

const COVERS: Readonly<Record<RuleDirection, readonly RuleDirection[]>> = {
  "in-out": ["in", "out"],
  in: ["in"],
  out: ["out"],
};

/**
 * The directions of a group's traffic that are redirected: decided by the first rule (in order)
 * that names the group, or `any`, as a source or destination, in each direction.
 */
function redirectedDirections(
  rules: readonly RedirectionRule[],
  group: string,
): Set<RuleDirection> {
  const decided = new Map<RuleDirection, boolean>();
  for (const rule of rules) {
    const names = [...rule.sources, ...rule.destinations];
    if (!names.includes(group) && !names.includes(ANY_GROUP)) continue;
    for (const direction of COVERS[rule.direction]) {
      if (!decided.has(direction)) decided.set(direction, rule.action === "redirect");
    }
  }
  return new Set([...decided].filter(([, redirected]) => redirected).map(([d]) => d));
}

/** Groups (or `any`) whose traffic was redirected in a direction and no longer is. */
function groupsLeavingRedirection(
  before: readonly RedirectionRule[],
  after: readonly RedirectionRule[],
): string[] {
  const groups = new Set([ANY_GROUP]);
  for (const rule of [...before, ...after]) {
    for (const name of [...rule.sources, ...rule.destinations]) groups.add(name);
  }
  return [...groups].sort().filter((group) => {
    const now = redirectedDirections(after, group);
    return [...redirectedDirections(before, group)].some((d) => !now.has(d));
  });
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
    leavingRedirection: rules?.after ? groupsLeavingRedirection(beforeRules, afterRules) : [],
    removedGroupsInUse: [...resources.groups]
      .filter(
        ([name, kind]) =>
          kind === "delete" &&
          beforeRules.some((r) => [...r.sources, ...r.destinations].includes(name)),
      )
      .map(([name]) => name),
  };
}
