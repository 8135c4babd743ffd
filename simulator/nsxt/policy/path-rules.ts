import { isIP } from "net";
import {
  ERROR_CODE,
  invalidPath,
  MODULE,
  NsxApiError,
  objectNotFound,
} from "../http/nsx-api-error";
import type { PolicyContext } from "./policy-kind";

/** The published domain, site and enforcement point: the only ones a fresh NSX has. */
export const DEFAULT_DOMAIN = "default";
export const DEFAULT_SITE = "default";
export const DEFAULT_ENFORCEMENT_POINT = "default";

export function requireDefault(kind: string, value: string): void {
  if (value !== "default") throw objectNotFound(`${kind}/${value}`, MODULE.policy);
}

export function requireParentObject(
  context: PolicyContext,
  path: string,
  resourceType: string,
): void {
  const parent = context.store.get(path);
  if (!parent || parent.resourceType !== resourceType) throw objectNotFound(path, MODULE.policy);
}

/** Each path must name an existing object of one of the given types. */
export function requireObjects(
  context: PolicyContext,
  paths: readonly string[] | undefined,
  resourceTypes: readonly string[],
  field: string,
): void {
  for (const path of paths ?? []) {
    const target = context.store.get(path);
    if (!target || !resourceTypes.includes(target.resourceType)) throw invalidPath(path, field);
  }
}

export function semanticError(message: string): NsxApiError {
  return new NsxApiError(400, ERROR_CODE.invalidRequest, message, MODULE.policy);
}

/** An IPv4/IPv6 address, range (`a-b`) or subnet (`a/n`), as rules and IP expressions accept. */
export function ipFamily(value: string): 4 | 6 | undefined {
  const [address, prefix, extra] = value.split("/");
  if (extra !== undefined) return undefined;
  if (prefix !== undefined) {
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    return family !== 0 && /^\d+$/.test(prefix) && Number(prefix) <= max
      ? (family as 4 | 6)
      : undefined;
  }
  const [from, to, more] = value.split("-");
  if (more !== undefined) return undefined;
  const family = isIP(from);
  if (family === 0 || (to !== undefined && isIP(to) !== family)) return undefined;
  return family as 4 | 6;
}

/**
 * `source_groups`, `destination_groups` and `scope` of a rule: "ANY" alone (case-insensitive, as
 * published), or group paths that exist, or IP addresses, ranges and subnets.
 */
export function checkGroupList(
  context: PolicyContext,
  values: readonly string[] | undefined,
  field: string,
): void {
  if (!values) return;
  const anyCount = values.filter((v) => v.toUpperCase() === "ANY").length;
  if (anyCount > 0 && values.length > 1) {
    throw semanticError(`${field}: ANY must be the only element when it is used.`);
  }
  for (const value of values) {
    if (value.toUpperCase() === "ANY" || ipFamily(value) !== undefined) continue;
    requireObjects(context, [value], ["Group"], field);
  }
}

/** `services` and `profiles` of a rule: "ANY" alone, or paths (not checked: not simulated). */
export function checkAnyOrPaths(values: readonly string[] | undefined, field: string): void {
  if (!values) return;
  if (values.some((v) => v.toUpperCase() === "ANY") && values.length > 1) {
    throw semanticError(`${field}: ANY must be the only element when it is used.`);
  }
  for (const value of values) {
    if (value.toUpperCase() !== "ANY" && !value.startsWith("/")) {
      throw invalidPath(value, field);
    }
  }
}

export function policyPaths(values: unknown): string[] {
  return Array.isArray(values)
    ? values.filter((v): v is string => typeof v === "string" && v.startsWith("/infra/"))
    : [];
}
