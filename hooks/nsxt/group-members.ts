import { z } from "zod";
import { HookError } from "../hook-error";

/*
 * Group members of the estate ↔ a Policy Group's `expression` (API `types_Group`, `types_Condition`,
 * `types_IPAddressExpression`, `types_ConjunctionOperator`). Any member matches (OR):
 *   {"tag":"web"}                → Condition VirtualMachine Tag EQUALS "|web"  (any scope)
 *   {"tag":"web","scope":"app"}  → Condition VirtualMachine Tag EQUALS "app|web"
 *   {"vmNameStartsWith":"web-"}  → Condition VirtualMachine Name STARTSWITH "web-"
 *   {"ipAddress":"10.0.8.0/24"}  → IPAddressExpression ["10.0.8.0/24"]
 * A tag condition's value is "scope|tag"; the Condition page says a value of "|tag" "would be
 * evaluated for tag value not for empty scope value". The published grammar allows at most 5
 * Conditions in one expression list.
 */

const text = z.string().min(1).max(256);

export const memberSchema = z.union([
  z.strictObject({ tag: text, scope: z.string().min(1).max(128).optional() }),
  z.strictObject({ vmNameStartsWith: text }),
  z.strictObject({ ipAddress: z.string().min(1).max(64) }),
]);
export type GroupMember = z.infer<typeof memberSchema>;

/** An expression element the estate's member forms cannot say, shown as what it is. */
export type ReadMember = GroupMember | { readonly unsupported: string };

const MAX_CONDITIONS = 5;

export function parseMembers(variable: string, json: string): GroupMember[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new HookError(`${variable} is not JSON; it must be a JSON array of group members`);
  }
  const parsed = z.array(memberSchema).max(500).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HookError(
      `${variable}${issue.path.map((p) => `[${String(p)}]`).join("")}: not a group member; each is {"tag"[, "scope"]}, {"vmNameStartsWith"} or {"ipAddress"}`,
    );
  }
  return parsed.data;
}

function vmCondition(key: "Tag" | "Name", operator: string, value: string) {
  return { resource_type: "Condition", member_type: "VirtualMachine", key, operator, value };
}

export function toExpression(group: string, members: readonly GroupMember[]): unknown[] {
  const expressions = members.map((member) => {
    if ("ipAddress" in member) {
      return { resource_type: "IPAddressExpression", ip_addresses: [member.ipAddress] };
    }
    if ("vmNameStartsWith" in member) {
      return vmCondition("Name", "STARTSWITH", member.vmNameStartsWith);
    }
    return vmCondition("Tag", "EQUALS", `${member.scope ?? ""}|${member.tag}`);
  });
  const conditions = expressions.filter((e) => e.resource_type === "Condition").length;
  if (conditions > MAX_CONDITIONS) {
    throw new HookError(
      `group "${group}" has ${conditions} tag and name members; NSX takes at most ${MAX_CONDITIONS} conditions in a group's expression: split the group`,
    );
  }
  return expressions.flatMap((expression, index) =>
    index === 0
      ? [expression]
      : [{ resource_type: "ConjunctionOperator", conjunction_operator: "OR" }, expression],
  );
}

type Expression = Record<string, unknown>;

function fromCondition(condition: Expression): ReadMember {
  const value = String(condition.value ?? "");
  if (condition.member_type === "VirtualMachine" && condition.key === "Name") {
    if (condition.operator === "STARTSWITH") return { vmNameStartsWith: value };
  }
  if (
    condition.member_type === "VirtualMachine" &&
    condition.key === "Tag" &&
    (condition.operator ?? "EQUALS") === "EQUALS"
  ) {
    const bar = value.indexOf("|");
    if (bar < 0) return { tag: value };
    const scope = value.slice(0, bar);
    const tag = value.slice(bar + 1);
    return scope ? { tag, scope } : { tag };
  }
  return {
    unsupported: `Condition ${String(condition.member_type)} ${String(condition.key)} ${String(condition.operator)} ${value}`,
  };
}

/** The members a group's expression says, in its order; what the forms cannot say, as such. */
export function fromExpression(expression: readonly Expression[] | undefined): ReadMember[] {
  const members: ReadMember[] = [];
  for (const element of expression ?? []) {
    if (element.resource_type === "ConjunctionOperator") {
      if (element.conjunction_operator !== "OR") members.push({ unsupported: "AND conjunction" });
    } else if (element.resource_type === "Condition") {
      members.push(fromCondition(element));
    } else if (element.resource_type === "IPAddressExpression") {
      for (const address of (element.ip_addresses as string[] | undefined) ?? []) {
        members.push({ ipAddress: address });
      }
    } else {
      members.push({ unsupported: String(element.resource_type) });
    }
  }
  return members;
}
