import { ipFamily, semanticError } from "./path-rules";

type Expression = Record<string, unknown>;

const MAX_CONDITIONS = 5;
const MAX_MEMBERS = 500;
const MEMBER_LISTS = ["ip_addresses", "mac_addresses", "external_ids", "paths"];

function members(expression: Expression): number {
  const own = MEMBER_LISTS.reduce(
    (sum, field) => sum + ((expression[field] as unknown[] | undefined)?.length ?? 0),
    0,
  );
  const inner = (expression.expressions as Expression[] | undefined) ?? [];
  return own + inner.reduce((sum, e) => sum + members(e), 0);
}

function checkLeaf(expression: Expression, where: string): void {
  if (expression.resource_type === "Condition") {
    const memberType = expression.member_type;
    if (
      expression.operator === undefined &&
      memberType !== "Segment" &&
      memberType !== "SegmentPort"
    ) {
      throw semanticError(`${where}: operator is required for a ${String(memberType)} condition.`);
    }
  }
  if (expression.resource_type === "IPAddressExpression") {
    const families = new Set<number>();
    for (const address of expression.ip_addresses as string[]) {
      const family = ipFamily(address);
      if (family === undefined)
        throw semanticError(`${where}: ${address} is not an IP address, range or subnet.`);
      families.add(family);
    }
    if (families.size > 1) {
      throw semanticError(
        `${where}: IPv4 and IPv6 addresses within one expression is not allowed.`,
      );
    }
  }
}

/**
 * The published rules of a Group's expression list: odd length, non-conjunctions at even indices
 * separated by a ConjunctionOperator at each odd index; at most 5 Conditions and
 * NestedExpressions in a list; at most 500 IP addresses, MAC addresses, external ids and paths
 * in all. A NestedExpression's list follows the same grammar.
 */
export function checkExpressionList(list: readonly Expression[], where = "expression"): void {
  if (list.length === 0) return;
  if (list.length % 2 === 0) {
    throw semanticError(
      `${where}: a non-empty expression list must be of odd size, got ${list.length}.`,
    );
  }
  list.forEach((expression, index) => {
    const isConjunction = expression.resource_type === "ConjunctionOperator";
    if (index % 2 === 1 && !isConjunction) {
      throw semanticError(
        `${where}[${index}]: expressions must be separated by a ConjunctionOperator.`,
      );
    }
    if (index % 2 === 0 && isConjunction) {
      throw semanticError(
        `${where}[${index}]: a ConjunctionOperator can only join two expressions.`,
      );
    }
    checkLeaf(expression, `${where}[${index}]`);
    if (expression.resource_type === "NestedExpression") {
      checkExpressionList(expression.expressions as Expression[], `${where}[${index}].expressions`);
    }
  });
  const conditions = list.filter(
    (e) => e.resource_type === "Condition" || e.resource_type === "NestedExpression",
  );
  if (conditions.length > MAX_CONDITIONS) {
    throw semanticError(
      `${where}: at most ${MAX_CONDITIONS} Condition and NestedExpression in a list, got ${conditions.length}.`,
    );
  }
  const total = list.reduce((sum, e) => sum + members(e), 0);
  if (total > MAX_MEMBERS) {
    throw semanticError(
      `${where}: at most ${MAX_MEMBERS} addresses, external ids and paths in all, got ${total}.`,
    );
  }
}

/** Paths of PathExpressions at any depth: the objects (groups) the group refers to. */
export function expressionPaths(list: readonly Expression[] | undefined): string[] {
  return (list ?? []).flatMap((expression) => [
    ...((expression.paths as string[] | undefined) ?? []),
    ...expressionPaths(expression.expressions as Expression[] | undefined),
  ]);
}
