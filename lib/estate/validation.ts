import type { z } from "zod";
import { UserError } from "../user-error";
import { estateErrorMap, formatPath } from "./messages";
import { renamedTo } from "./removed-fields";
import { restoreTokens, separateTokens, type IsToken } from "./token-fields";

/** One thing wrong with an estate or with a construct's props, and where. */
export interface Problem {
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
  /** 1-based, when the input came from a file. */
  readonly line?: number;
  readonly column?: number;
  /** The problem is the key itself (an unknown key), not its value. */
  readonly atKey?: boolean;
  /**
   * Found by a check JSON Schema does not make (across entries, the protection rules, an IPv6
   * subnet's host bits): schema/estate.schema.json lets it pass; README lists these checks.
   */
  readonly beyondSchema?: boolean;
}

/** `params` of a zod issue whose check is beyond JSON Schema (see Problem.beyondSchema). */
export const BEYOND_SCHEMA = { beyondSchema: true } as const;

export function describeProblem(problem: Problem): string {
  const where = problem.line ? ` (line ${problem.line}, column ${problem.column})` : "";
  return `${formatPath(problem.path)}: ${problem.message}${where}`;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** Validates with a schema of lib/estate/schema.ts and returns every problem, not only the first. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(input, { error: estateErrorMap });
  if (result.success) return { ok: true, value: result.data };
  const problems: Problem[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
    if (issue.code === "unrecognized_keys") {
      // estateErrorMap wrote one line per key, in order: one problem each, at the key itself.
      const lines = issue.message.split("\n");
      issue.keys.forEach((key, i) =>
        problems.push({ path: [...path, key], message: lines[i] ?? issue.message, atKey: true }),
      );
    } else {
      const beyondSchema = (issue as { params?: { beyondSchema?: boolean } }).params?.beyondSchema;
      problems.push({ path, message: issue.message, ...(beyondSchema ? { beyondSchema } : {}) });
    }
  }
  return { ok: false, problems: withoutRenamedRequired(problems) };
}

/**
 * `cidr` was renamed `source`: an estate that still has `cidr` is told so, and need not also be
 * told that `source` is missing.
 */
function withoutRenamedRequired(problems: Problem[]): Problem[] {
  const renamed = new Set<string>();
  for (const problem of problems) {
    const key = problem.path[problem.path.length - 1];
    const to = problem.atKey && typeof key === "string" ? renamedTo(key) : undefined;
    if (to) renamed.add(JSON.stringify([...problem.path.slice(0, -1), to]));
  }
  if (renamed.size === 0) return problems;
  return problems.filter(
    (p) => !(p.message === "is required" && renamed.has(JSON.stringify(p.path))),
  );
}

/** A construct's props failed validation: the message names the construct and each property. */
export class PropsValidationError extends UserError {
  constructor(
    readonly constructPath: string,
    readonly problems: readonly Problem[],
  ) {
    super(
      `${constructPath}: invalid props:\n` +
        problems.map((p) => `  ${describeProblem(p)}`).join("\n"),
    );
    this.name = "PropsValidationError";
  }
}

/**
 * parseWith, for constructor props: throws PropsValidationError naming the construct. With
 * `isToken`, tokens are taken where ./token-fields allows them (left unvalidated, kept in the
 * result) and named as problems elsewhere.
 */
export function validateProps<S extends z.ZodType>(
  schema: S,
  input: unknown,
  constructPath: string,
  isToken?: IsToken,
): z.output<S> {
  const separated = isToken ? separateTokens(input, isToken) : undefined;
  const parsed = parseWith(schema, separated ? separated.input : input);
  const tokenProblems = separated?.problems ?? [];
  // A token where a literal is needed is said once, not also as a value the schema refuses.
  const problems = [
    ...tokenProblems,
    ...(parsed.ok ? [] : parsed.problems).filter(
      (p) => !tokenProblems.some((t) => t.path.every((part, i) => p.path[i] === part)),
    ),
  ];
  if (problems.length > 0 || !parsed.ok) throw new PropsValidationError(constructPath, problems);
  return separated ? restoreTokens(parsed.value, separated.tokens) : parsed.value;
}
