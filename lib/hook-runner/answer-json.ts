import type { ReadAnswer } from "./run-read-only-hook";

/*
 * A read-only hook prints one JSON object. It is parsed here once for every hook, with the checks
 * that come before any schema: JSON at all, an object, and not nested absurdly (a hostile answer
 * may nest 10^5 levels, which a recursive schema check would not survive).
 */

/** The most hosts an answer lists: the estate's bound for a manager's hosts. */
export const MAX_ANSWER_HOSTS = 100_000;

/**
 * The largest answer read: 100,000 host names of 253 characters, quoted and separated, are about
 * 25.6 MB, so the largest valid answer fits, and nothing much larger is held in memory.
 */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;
/** Why MAX_ANSWER_BYTES is enough, said when an answer is larger. */
export const ANSWER_BOUND = "100,000 hosts of 253 characters fit";

/** Levels of nesting an answer may have: a policy needs 4 (exclusions[0].source). */
export const MAX_ANSWER_DEPTH = 32;

/** How deep a parsed JSON value nests, counted without recursion (a hostile answer may nest 10^5). */
export function nestingDepth(value: unknown, stopAt = Infinity): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > stopAt) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * stdout as one JSON object, or what is wrong with it in words that never echo it. `expected`
 * says what the hook must print, for the message.
 */
export function readAnswerObject(stdout: string, expected: string): ReadAnswer<object> {
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch {
    return { ok: false, problem: `printed no JSON; it must print ${expected}` };
  }
  if (nestingDepth(value, MAX_ANSWER_DEPTH) > MAX_ANSWER_DEPTH) {
    return {
      ok: false,
      problem: `printed JSON nested more than ${MAX_ANSWER_DEPTH} levels deep; it must print ${expected}`,
    };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, problem: `printed JSON that is not an object; expected ${expected}` };
  }
  return { ok: true, value };
}
