import type { Problem } from "./validation";

/*
 * Which props of the constructs may be tokens: a TerraformVariable, a TerraformLocal or another
 * resource's attribute, whose value Terraform knows only when it plans. The rule, field by field:
 * a value Terraform can resolve later (an address, a URL, a vSphere name) may be a token, and the
 * stack holds the reference (`${var.ksc_address}`); a value that decides the shape of the stack
 * (what resources it holds, their for_each keys and state addresses) or that the protection
 * rules judge at synth must be literal. An estate file never holds tokens: its grammars refuse
 * `$`, `{` and `}`, so an estate's values are always literal.
 *
 * A token is validated as aws-cdk's validators do: not at all. Its field is given a valid
 * stand-in while the schema checks the rest, and the token is put back into the result.
 */

/** How a token looks to the caller: lib/constructs passes cdktf's Token.isUnresolved. */
export type IsToken = (value: unknown) => boolean;

const HOST_STAND_IN = "token.invalid";
const NAME_STAND_IN = "token";

/**
 * The props that may be tokens, as paths with list indexes written `[]`, with the valid value
 * that stands in for a token while the rest is validated. `address` and `manager.address` are
 * the same value in the shape of different constructs' props.
 */
export const TOKEN_FIELDS: Readonly<Record<string, string | number>> = {
  address: HOST_STAND_IN,
  "manager.address": HOST_STAND_IN,
  svmImageUrl: "https://token.invalid/ntp-svm.ovf",
  "ksc.address": HOST_STAND_IN,
  "ksc.port": 13000,
  "clusters[].datastore": NAME_STAND_IN,
  "clusters[].network": NAME_STAND_IN,
  "clusters[].ipPool": NAME_STAND_IN,
  "clusters[].computeManager": NAME_STAND_IN,
};

const NAMES = "it names the stack, its state and the manager key of every resource";
const KIND =
  "it decides which resources the stack holds (the NSX-T service segment, the NSX objects) and which rules apply";
const INTROSPECTION =
  "groups are for_each keys (state addresses) and the protection rules judge groups and rules at synth";
const BACKEND = "Terraform reads the backend before any variable, local or resource";

/**
 * Why a prop must be literal, by path (the longest that matches wins). Anything not listed here
 * or in TOKEN_FIELDS is literal too, for the last reason.
 */
const LITERAL_REASONS: Readonly<Record<string, string>> = {
  name: NAMES,
  "manager.name": NAMES,
  kind: KIND,
  "manager.kind": KIND,
  trafficMode:
    "the protection rules judge it at synth (NSX-T has standard only) and a change re-registers the service",
  lockTrafficMode: "it decides whether the stack holds a traffic_mode_lock",
  resourceType: "it decides the type of every resource",
  ksc: "give it as an object: its address and port may be tokens",
  clusters: "the clusters' names are the deployments' for_each keys and state addresses",
  "clusters[].hosts":
    "each host is checked to be listed once and the hosts are sorted for stable plans, which needs their names at synth",
  policy:
    "the protection rules judge the policy at synth, and the plan review compares it field by field",
  introspection: INTROSPECTION,
  groups: INTROSPECTION,
  rules: INTROSPECTION,
  failurePolicy: "the plan review reads what a missing SVM does to traffic from it",
  hooks:
    "a hook command reaches the shell as written, never as a Terraform expression; give it what it needs through the environment of terraform",
  backend: BACKEND,
  localStateFile: BACKEND,
  acknowledge: "acknowledgements are matched against the protection rules' findings at synth",
};
const DEFAULT_REASON = "it decides the shape of the stack";

/** `clusters[].datastore` for ["clusters", 0, "datastore"]. */
function fieldOf(path: ReadonlyArray<string | number>): string {
  let field = "";
  for (const part of path) {
    field += typeof part === "number" ? "[]" : field === "" ? part : `.${part}`;
  }
  return field;
}

function literalReason(field: string): string {
  let best: string | undefined;
  for (const key of Object.keys(LITERAL_REASONS)) {
    const matches = field === key || field.startsWith(`${key}.`) || field.startsWith(`${key}[`);
    if (matches && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? DEFAULT_REASON : LITERAL_REASONS[best];
}

export interface FoundToken {
  readonly path: ReadonlyArray<string | number>;
  readonly value: unknown;
}

export interface SeparatedTokens {
  /** The input with each accepted token replaced by its stand-in (the same object when none). */
  readonly input: unknown;
  readonly tokens: readonly FoundToken[];
  /** Tokens where a literal value is needed. */
  readonly problems: readonly Problem[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Finds the tokens of construct props. Only lists and plain objects are walked (constructs given
 * as props are not); nothing is copied unless a token is replaced.
 */
export function separateTokens(input: unknown, isToken: IsToken): SeparatedTokens {
  const tokens: FoundToken[] = [];
  const problems: Problem[] = [];
  const walk = (value: unknown, path: Array<string | number>): unknown => {
    if (isToken(value)) {
      const field = fieldOf(path);
      const standIn = TOKEN_FIELDS[field];
      if (standIn !== undefined) {
        tokens.push({ path: [...path], value });
        return standIn;
      }
      problems.push({
        path: [...path],
        message: `is a token (a TerraformVariable, a TerraformLocal or a resource's attribute), but must be a literal value: ${literalReason(field)}`,
      });
      return value;
    }
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      value.forEach((item, index) => {
        const walked = walk(item, [...path, index]);
        if (walked !== item) (copy ??= [...value])[index] = walked;
      });
      return copy ?? value;
    }
    if (isPlainObject(value)) {
      let copy: Record<string, unknown> | undefined;
      for (const [key, item] of Object.entries(value)) {
        const walked = walk(item, [...path, key]);
        if (walked !== item) (copy ??= { ...value })[key] = walked;
      }
      return copy ?? value;
    }
    return value;
  };
  return { input: walk(input, []), tokens, problems };
}

/** Puts each token back where its stand-in is in the validated result. */
export function restoreTokens<T>(output: T, tokens: readonly FoundToken[]): T {
  for (const token of tokens) {
    let parent = output as unknown as Record<string | number, unknown>;
    for (const part of token.path.slice(0, -1)) {
      parent = parent[part] as Record<string | number, unknown>;
    }
    parent[token.path[token.path.length - 1]] = token.value;
  }
  return output;
}
