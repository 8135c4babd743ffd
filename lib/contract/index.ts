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
  "service-segment",
  "service-deployment",
  "nsx-objects",
  "threat-policy",
  "traffic-mode-lock",
] as const;
export type Role = (typeof ROLES)[number];

/** The Terraform resource name of each role: state addresses depend on it, so it never changes. */
export const RESOURCE_NAMES = {
  "protection-service": "service",
  "service-segment": "service_segment",
  "service-deployment": "deployment",
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
  "service-segment": [...MANAGER_KEYS],
  "service-deployment": [
    ...MANAGER_KEYS,
    "traffic_mode",
    "cluster",
    "datastore",
    "network",
    "ip_pool",
  ],
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
  /** Of a `service-deployment` instance (one per vSphere cluster): the cluster. */
  cluster: "cluster",
  /** Of the `threat-policy`: the policy as JSON (lib/estate's threat policy, defaults applied). */
  policy: "policy",
  /** Of the `protection-service`: may carry credentials in a hand-edited stack, so it is masked. */
  svmImageUrl: "svm_image_url",
} as const;

/**
 * Root outputs readers depend on. `svm_hosts` maps each cluster (the key of its deployment) to the
 * ESXi hosts it is expected to have, sorted: NSX puts an SVM on each of them, so they are the
 * hosts whose protection a deployment's replacement interrupts. Hosts are not resources (NSX
 * deploys the SVM of a new host by itself), so a plan carries them here, before and after.
 */
export const OUTPUTS = { svmHosts: "svm_hosts" } as const;

/**
 * The settings of the threat policy's JSON (KEYS.policy), as paths with list indexes written
 * `[]`: the only ones a reader may print. Lists of plain values (categories) are one setting.
 */
export const POLICY_FIELDS = [
  "networkAttack.action",
  "networkActivity.monitor",
  "networkActivity.categories",
  "networkActivity.action",
  "networkActivity.ignoredRules",
  "blockMinutes",
  "webAddresses.enabled",
  "webAddresses.action",
  "webAddresses.categories",
  "webAddresses.trustedAddresses",
  /** An empty list of exclusions; each one is read field by field. */
  "exclusions",
  "exclusions[].source",
  "exclusions[].vlan",
  "exclusions[].rule",
] as const;

/**
 * Hooks get each key of their resource as an environment variable: `KSV_MANAGER_ADDRESS` for
 * `manager_address`. ksv adopt and ksv drift give the `verify` hook the same.
 */
export function environmentName(key: string): string {
  return `KSV_${key.toUpperCase()}`;
}

/** Host names are case-insensitive and may carry the root's trailing dot: one host, one identity. */
export function hostIdentity(host: string): string {
  return host.toLowerCase().replace(/\.$/, "");
}

/** The hosts of a service deployment's cluster, comma-separated, for the hooks that may read them. */
export const HOSTS_ENVIRONMENT = "KSV_HOSTS";

/** All keys a role's resource may store, ROLE_KEY first. */
export function knownKeys(role: Role): readonly string[] {
  return [ROLE_KEY, ...ROLE_KEYS[role]];
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
