import type { LifecycleHook, ManagerKind, ResourceType } from "./vocabulary";

/*
 * The resources of a stack, by what they stand for. Constructs write each resource under its
 * role's name and with its role's keys; readers find resources by the same role and keys.
 */

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

/** The roles a stack of each kind holds (the lock only with lockTrafficMode). */
export const ROLES_OF_KIND: Readonly<Record<ManagerKind, readonly Role[]>> = {
  "nsx-v": [
    "protection-service",
    "service-deployment",
    "nsx-objects",
    "threat-policy",
    "traffic-mode-lock",
  ],
  "nsx-t": ROLES,
};

/** The hook a role's resource runs when it is created, and when it is destroyed. */
export const ROLE_HOOKS: Readonly<
  Record<Role, { readonly create?: LifecycleHook; readonly destroy?: LifecycleHook }>
> = {
  "protection-service": { create: "register", destroy: "unregister" },
  "service-segment": { create: "createSegment", destroy: "removeSegment" },
  "service-deployment": { create: "deploySvms", destroy: "removeSvms" },
  "nsx-objects": { create: "createObjects", destroy: "removeObjects" },
  "threat-policy": { create: "applyPolicy" },
  "traffic-mode-lock": {},
};

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

/** All keys a role's resource may store, ROLE_KEY first. */
export function knownKeys(role: Role): readonly string[] {
  return [ROLE_KEY, ...ROLE_KEYS[role]];
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
