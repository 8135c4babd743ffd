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
  "service-identity",
  "protection-service",
  "service-segment",
  "service-deployment",
  "svm-image",
  "nsx-objects",
  "nsx-group",
  "group-members",
  "redirection-rules",
  "threat-policy",
  "traffic-mode-lock",
] as const;
export type Role = (typeof ROLES)[number];

/** The Terraform resource name of each role: state addresses depend on it, so it never changes. */
export const RESOURCE_NAMES = {
  "service-identity": "service_identity",
  "protection-service": "service",
  "service-segment": "service_segment",
  "service-deployment": "deployment",
  "svm-image": "svm_image",
  "nsx-objects": "nsx_objects",
  "nsx-group": "group",
  "group-members": "group_members",
  "redirection-rules": "redirection_rules",
  "threat-policy": "threat_policy",
  "traffic-mode-lock": "traffic_mode_lock",
} as const satisfies Record<Role, string>;

/**
 * The roles a stack of each kind may hold (the lock only with lockTrafficMode; groups and rules
 * only with the estate's introspection section).
 */
export const ROLES_OF_KIND: Readonly<Record<ManagerKind, readonly Role[]>> = {
  "nsx-v": ROLES.filter((role) => role !== "service-segment"),
  "nsx-t": ROLES,
};

/**
 * The roles that stand for something in NSX or KSC, which the `verify` hook is asked about (one
 * run per resource). The service's identity, a group's life and the lock are Terraform's alone.
 */
export const VERIFIED_ROLES = [
  "protection-service",
  "service-segment",
  "service-deployment",
  "svm-image",
  "nsx-objects",
  "group-members",
  "redirection-rules",
  "threat-policy",
] as const satisfies readonly Role[];
export type VerifiedRole = (typeof VERIFIED_ROLES)[number];

/** The hook a role's resource runs when it is created, and when it is destroyed. */
export const ROLE_HOOKS: Readonly<
  Record<Role, { readonly create?: LifecycleHook; readonly destroy?: LifecycleHook }>
> = {
  "service-identity": {},
  "protection-service": { create: "register", destroy: "unregister" },
  "service-segment": { create: "createSegment", destroy: "removeSegment" },
  "service-deployment": { create: "deploySvms", destroy: "removeSvms" },
  "svm-image": { create: "upgradeSvms" },
  "nsx-objects": { create: "createObjects", destroy: "removeObjects" },
  "nsx-group": { destroy: "removeGroup" },
  "group-members": { create: "applyGroup" },
  "redirection-rules": { create: "applyRules" },
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
  /**
   * What the registration wizard asks, but the SVM image: a change re-registers the service
   * (replace_triggered_by). A resource of its own, because the service keeps the keys 0.1 wrote.
   */
  "service-identity": [...MANAGER_KEYS, "traffic_mode", "ksc_address", "ksc_port"],
  /**
   * The registration. Its keys are those it was registered with and never change afterwards
   * (ignore_changes): `svm_image_url` is the image at registration; later images are upgrades.
   */
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
  /** Per cluster: the image its SVMs run; a change upgrades them in place (upgradeSvms). */
  "svm-image": [...MANAGER_KEYS, "cluster", "svm_image_url"],
  "nsx-objects": [...MANAGER_KEYS, "traffic_mode", "objects"],
  /** An NSX group's life: created with its members, removed (removeGroup) when it leaves. */
  "nsx-group": [...MANAGER_KEYS, "group"],
  /** A group's members as JSON (GroupMember[]): a change re-applies them (applyGroup). */
  "group-members": [...MANAGER_KEYS, "group", "group_members"],
  /** The ordered rules as JSON (RedirectionRule[]) and the failure policy (applyRules). */
  "redirection-rules": [...MANAGER_KEYS, "traffic_mode", "rules", "failure_policy"],
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
