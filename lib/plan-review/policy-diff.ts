import { POLICY_FIELDS } from "../contract";

/*
 * The threat policy travels as one JSON string (the `policy` key of threat_policy). A reviewer
 * needs the settings that change, so both versions are flattened to `path → value` and compared.
 */

/** One policy setting that differs; `null` when the setting is absent on that side. */
export interface PolicyFieldChange {
  readonly field: string;
  readonly before: string | null;
  readonly after: string | null;
}

export interface PolicyDiff {
  /** Settings of the estate's policy schema that differ, in a stable order. */
  readonly changes: readonly PolicyFieldChange[];
  /**
   * Fields outside the policy schema that differ. Their values are never shown: only the
   * settings the review knows are safe to print.
   */
  readonly withheldFieldCount: number;
  /** One side could not be read as a JSON object (no field-by-field diff then). */
  readonly unreadable: boolean;
}

const KNOWN_POLICY_FIELDS: ReadonlySet<string> = new Set(POLICY_FIELDS);

/** Only the settings of lib/contract's POLICY_FIELDS are printed (`exclusions[2].rule` is one). */
export function isKnownField(field: string): boolean {
  return KNOWN_POLICY_FIELDS.has(field.replace(/\[\d+\]/g, "[]"));
}

function isScalar(value: unknown): boolean {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

/** Lists of plain values (categories) read best as one value: `[malicious, phishing]`. */
function formatLeaf(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => String(v)).join(", ")}]`;
  return String(value);
}

/**
 * `{a: {b: 1}, c: [{d: 2}]}` → `a.b = 1`, `c[0].d = 2`. Without recursion: a value from a plan or a
 * hook may nest thousands of levels, which must not exhaust the stack.
 */
export function flattenPolicy(value: unknown): Map<string, string> {
  const into = new Map<string, string>();
  const stack: Array<[unknown, string]> = [[value, ""]];
  while (stack.length > 0) {
    const [node, prefix] = stack.pop()!;
    if (Array.isArray(node) && !node.every(isScalar)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], `${prefix}[${i}]`]);
    } else if (typeof node === "object" && node !== null && !Array.isArray(node)) {
      const entries = Object.entries(node);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        stack.push([child, prefix ? `${prefix}.${key}` : key]);
      }
    } else if (prefix) {
      into.set(prefix, formatLeaf(node));
    }
  }
  return into;
}

/** Levels a policy may nest: the estate's needs 4 (`exclusions[0].source`). */
const MAX_POLICY_DEPTH = 32;

/** How deep a value nests, without recursion, stopping once past `limit`. */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

function parsePolicy(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (deeperThan(value, MAX_POLICY_DEPTH)) return undefined;
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Field-by-field difference of two policy JSON strings. */
export function diffPolicies(beforeText: string, afterText: string): PolicyDiff {
  const before = parsePolicy(beforeText);
  const after = parsePolicy(afterText);
  if (!before || !after) return { changes: [], withheldFieldCount: 0, unreadable: true };
  const flatBefore = flattenPolicy(before);
  const flatAfter = flattenPolicy(after);
  const fields = [...new Set([...flatBefore.keys(), ...flatAfter.keys()])];
  const changes: PolicyFieldChange[] = [];
  let withheldFieldCount = 0;
  for (const field of fields) {
    const was = flatBefore.get(field) ?? null;
    const will = flatAfter.get(field) ?? null;
    if (was === will) continue;
    if (isKnownField(field)) changes.push({ field, before: was, after: will });
    else withheldFieldCount++;
  }
  return { changes, withheldFieldCount, unreadable: false };
}
