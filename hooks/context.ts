import {
  environmentName,
  HOSTS_ENVIRONMENT,
  KEYS,
  HOOK_NAMES,
  MANAGER_KINDS,
  ROLE_KEY,
  VERIFIED_ROLES,
  type HookName,
  type ManagerKind,
  type VerifiedRole,
} from "../lib/contract";
import { HookError } from "./hook-error";

/*
 * What Terraform (and ksv adopt / ksv drift) give a hook: KSV_* environment variables, named by
 * lib/contract. Every name the reference hooks read is here, so that a change of the contract is
 * one edit.
 */

/** The environment variables of the hook contract, by what they carry. */
export const CONTEXT_ENV = {
  hook: "KSV_HOOK",
  manager: environmentName(KEYS.manager),
  managerKind: environmentName(KEYS.managerKind),
  managerAddress: environmentName(KEYS.managerAddress),
  trafficMode: environmentName(KEYS.trafficMode),
  role: environmentName(ROLE_KEY),
  svmImageUrl: environmentName(KEYS.svmImageUrl),
  kscAddress: environmentName("ksc_address"),
  kscPort: environmentName("ksc_port"),
  cluster: environmentName(KEYS.cluster),
  datastore: environmentName("datastore"),
  network: environmentName("network"),
  ipPool: environmentName("ip_pool"),
  hosts: HOSTS_ENVIRONMENT,
  computeManager: environmentName("compute_manager"),
  objects: environmentName("objects"),
  failurePolicy: environmentName("failure_policy"),
  group: environmentName("group"),
  groupMembers: environmentName("group_members"),
  rules: environmentName("rules"),
} as const;

export const HOOKS = HOOK_NAMES;
export type Hook = HookName;

/** Roles a verify hook answers for (lib/contract). */
export const VERIFY_ROLES = VERIFIED_ROLES;
export type VerifyRole = VerifiedRole;

export type Environment = Readonly<Record<string, string | undefined>>;

/** The hook's view of its environment: each read names the variable when it is missing. */
export class HookContext {
  constructor(
    readonly env: Environment,
    readonly hook: Hook,
  ) {}

  /** A variable the hook cannot do without. */
  required(name: string): string {
    const value = this.env[name];
    if (value === undefined || value === "") {
      throw new HookError(`${name} is not set; the ${this.hook} hook needs it`);
    }
    return value;
  }

  /** A variable that may be absent or empty (empty reads as absent). */
  optional(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value === "" ? undefined : value;
  }

  /** A comma-separated list (KSV_HOSTS, KSV_OBJECTS); absent or empty is the empty list. */
  list(name: string): string[] {
    return (this.optional(name) ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean);
  }

  get manager(): string {
    const manager = this.required(CONTEXT_ENV.manager);
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(manager)) {
      throw new HookError(
        `${CONTEXT_ENV.manager} must be a stack name (lowercase letters, digits, -; at most 63 characters)`,
      );
    }
    return manager;
  }

  get managerAddress(): string {
    return this.required(CONTEXT_ENV.managerAddress);
  }
}

export function isHook(value: string): value is Hook {
  return (HOOKS as readonly string[]).includes(value);
}

export function isManagerKind(value: string): value is ManagerKind {
  return (MANAGER_KINDS as readonly string[]).includes(value);
}

export function isVerifyRole(value: string): value is VerifyRole {
  return (VERIFY_ROLES as readonly string[]).includes(value);
}
