import type { z } from "zod";
import { replacementOf } from "./removed-fields";

/** A value as it may appear in a message: JSON-quoted (control characters visible), never long. */
export function quote(value: unknown): string {
  const text = typeof value === "string" ? value : String(value);
  const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return JSON.stringify(short);
}

/** `managers[0].clusters[1].hosts[2]`: the way a person reads a place in the file. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "(file)" : out;
}

/** How a value reads in a message: `the text "12"`, `a list`, `12`. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  // YAML's explicit tags (!!binary, !!set, !!timestamp) give values that are not plain data.
  if (value instanceof Uint8Array) return "binary data (!!binary)";
  if (value instanceof Set) return "a set (!!set)";
  if (value instanceof Date) return "a date";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the text ${quote(value)}`;
  return String(value);
}

const EXPECTED: Record<string, string> = {
  string: "a text value",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a mapping (key: value)",
  array: "a list",
};

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/**
 * "did you mean" for a typo: the closest allowed word within a third of its length (at least 2
 * edits), never a word that shares nothing with it; or a word it begins (monitor: monitoring).
 */
export function closest(word: string, allowed: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.min(Math.max(2, Math.floor(word.length / 3)), word.length - 1) + 1;
  for (const candidate of allowed) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined && lower.length >= 4) {
    best = allowed.find((candidate) => candidate.toLowerCase().startsWith(lower));
  }
  return best;
}

type RawIssue = z.core.$ZodRawIssue;

/** `must be one of nsx-v, nsx-t; got the text "NSX-V"; did you mean "nsx-v"?` */
function oneOf(values: readonly unknown[], input: unknown): string {
  const allowed = values.map((v) => String(v));
  const hint = typeof input === "string" ? closest(input, allowed) : undefined;
  const suggestion = hint ? `; did you mean "${hint}"?` : "";
  return `must be one of ${allowed.join(", ")}; got ${describe(input)}${suggestion}`;
}

/** Messages for a person who edits YAML, not for a TypeScript developer. */
export function estateErrorMap(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${describe(issue.input)}`;
    case "invalid_value":
      if (issue.input === undefined) {
        return `is required (${issue.values.length === 1 ? "must be" : "one of"} ${issue.values.map((v) => String(v)).join(", ")})`;
      }
      if (issue.values.length === 1) {
        return `must be ${JSON.stringify(issue.values[0])}, got ${describe(issue.input)}`;
      }
      return oneOf(issue.values, issue.input);
    case "invalid_union": {
      // A discriminated union (backend.type): name the allowed types, not zod's internals.
      const union = issue as { note?: string; discriminator?: string; options?: unknown[] };
      if (union.note !== "No matching discriminator" || !union.discriminator) return undefined;
      const input = issue.input as Record<string, unknown> | undefined;
      const value = input?.[union.discriminator];
      const options = union.options ?? [];
      if (value === undefined) return `is required (one of ${options.map(String).join(", ")})`;
      return oneOf(options, value);
    }
    case "too_small":
      if (issue.origin === "array") {
        return issue.minimum === 1
          ? "must not be empty"
          : `needs at least ${issue.minimum} entries`;
      }
      if (issue.origin === "string") return "must not be empty";
      return `must be at least ${issue.minimum}, got ${String(issue.input)}`;
    case "too_big":
      if (issue.origin === "string") return `is too long (at most ${issue.maximum} characters)`;
      if (issue.origin === "array") return `has too many entries (at most ${issue.maximum})`;
      return `must be at most ${issue.maximum}, got ${String(issue.input)}`;
    case "unrecognized_keys": {
      // One line per key, in the order of issue.keys: the loader splits them into one problem each.
      const allowed = allowedKeys(issue);
      return issue.keys
        .map((key) => {
          const replacement = replacementOf(issue.inst, key);
          if (replacement) return `${quote(key)} was removed: ${replacement}`;
          const hint = closest(key, allowed);
          const suggestion = hint
            ? `; did you mean "${hint}"?`
            : CREDENTIAL_KEY.test(key)
              ? "; the estate holds no credentials: hooks read them from the environment of terraform"
              : "";
          return `unknown key ${quote(key)}${suggestion} (allowed here: ${allowed.join(", ")})`;
        })
        .join("\n");
    }
    default:
      return undefined;
  }
}

/** Keys that look like a place for a secret: the answer to "where does it go then?". */
const CREDENTIAL_KEY =
  /password|passwd|passphrase|secret|token|credential|api[-_]?key|private[-_]?key|(^|[-_a-z])(pass|user|username|login)$/i;

/** The keys a strict object allows, read from the schema that reported an unknown key. */
function allowedKeys(issue: { inst?: unknown }): string[] {
  const inst = issue.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined;
  return Object.keys(inst?._zod?.def?.shape ?? {});
}
