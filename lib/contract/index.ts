/*
 * The contract between the stacks and everything that reads their plans and state (the plan
 * review, and later adopt and drift). Constructs write each resource under the name and with the
 * keys given here; readers find resources by the same names and keys. It imports nothing: both
 * sides depend on it, it depends on neither.
 */

/** `null_resource` (hashicorp/null) or `terraform_data` (built into Terraform). */
export const RESOURCE_TYPES = ["null_resource", "terraform_data"] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** The attribute each resource type keeps its keys in; a change to any key replaces it. */
export const TRIGGER_ATTRIBUTE = {
  null_resource: "triggers",
  terraform_data: "triggers_replace",
} as const satisfies Record<ResourceType, string>;

/** The key every resource stores its role under: plans are read by role, not by address. */
export const ROLE_KEY = "role";

export const ROLES = [
  "protection-service",
  "svm",
  "nsx-objects",
  "threat-policy",
  "traffic-mode-lock",
] as const;
export type Role = (typeof ROLES)[number];

/** The Terraform resource name of each role: state addresses depend on it, so it never changes. */
export const RESOURCE_NAMES = {
  "protection-service": "service",
  svm: "svm",
  "nsx-objects": "nsx_objects",
  "threat-policy": "threat_policy",
  "traffic-mode-lock": "traffic_mode_lock",
} as const satisfies Record<Role, string>;

/** Which NSX Manager a resource belongs to: every role but the lock carries all three. */
const MANAGER_KEYS = ["manager", "manager_kind", "manager_address"] as const;

/**
 * The keys each role stores besides ROLE_KEY. They are the only values a reader may print: a
 * plan holding secrets elsewhere (other resources, other attributes) cannot leak through them.
 */
export const ROLE_KEYS = {
  "protection-service": [
    ...MANAGER_KEYS,
    "traffic_mode",
    "svm_image_url",
    "ksc_address",
    "ksc_port",
  ],
  svm: [...MANAGER_KEYS, "traffic_mode", "host", "cluster", "datastore", "network"],
  "nsx-objects": [...MANAGER_KEYS, "traffic_mode", "objects"],
  "threat-policy": [...MANAGER_KEYS, "policy"],
  "traffic-mode-lock": ["manager", "traffic_mode"],
} as const satisfies Record<Role, readonly string[]>;

export type RoleKey<R extends Role> = (typeof ROLE_KEYS)[R][number];

/** The values a resource of role R stores: exactly its keys, each a string. */
export type RoleTriggers<R extends Role> = { readonly [K in RoleKey<R>]: string };

/** Where readers find the facts they report on. */
export const KEYS = {
  manager: "manager",
  managerKind: "manager_kind",
  managerAddress: "manager_address",
  trafficMode: "traffic_mode",
  /** Of an `svm` instance: the ESXi host it protects, and its cluster. */
  host: "host",
  cluster: "cluster",
  /** Of the `threat-policy`: the policy as JSON (lib/estate's threat policy, defaults applied). */
  policy: "policy",
  /** Of the `protection-service`: may carry credentials in a hand-edited stack, so it is masked. */
  svmImageUrl: "svm_image_url",
} as const;

/** All keys a role's resource may store, ROLE_KEY first. */
export function knownKeys(role: Role): readonly string[] {
  return [ROLE_KEY, ...ROLE_KEYS[role]];
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
