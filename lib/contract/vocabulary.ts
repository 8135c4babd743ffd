/*
 * Words the estate, the stacks and the readers of their plans and state all use. Defined here,
 * once: lib/estate validates them, lib/constructs writes them, lib/plan-review and lib/verify read
 * them, and none of those may import another for them.
 */

/** `null_resource` (hashicorp/null) or `terraform_data` (built into Terraform). */
export const RESOURCE_TYPES = ["null_resource", "terraform_data"] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** The NSX Manager kinds: NSX-V (Service Composer) and NSX-T (Network Service Insertion). */
export const MANAGER_KINDS = ["nsx-v", "nsx-t"] as const;
export type ManagerKind = (typeof MANAGER_KINDS)[number];

/**
 * How Network Threat Protection receives traffic (KSV help 203926): standard (inline: scan and
 * act) or monitoring (a copy: report only). Fixed at registration on NSX-V; NSX-T has standard only.
 */
export const TRAFFIC_MODES = ["standard", "monitoring"] as const;
export type TrafficMode = (typeof TRAFFIC_MODES)[number];

/** The hooks Terraform runs as resources are created and destroyed. */
export const LIFECYCLE_HOOKS = [
  "register",
  "unregister",
  "createSegment",
  "removeSegment",
  "deploySvms",
  "removeSvms",
  "upgradeSvms",
  "createObjects",
  "removeObjects",
  "applyGroup",
  "removeGroup",
  "applyRules",
  "applyPolicy",
] as const;
export type LifecycleHook = (typeof LIFECYCLE_HOOKS)[number];

/**
 * Hooks only our commands run, never Terraform: they read what exists and change nothing.
 * `verify` (ksv adopt, ksv drift, ksv rollout) reads one resource; `inventory` (ksv discover)
 * reads the clusters and hosts a manager has.
 */
export const READ_ONLY_HOOKS = ["verify", "inventory"] as const;

/** Every hook an estate may set. */
export const HOOK_NAMES = [...LIFECYCLE_HOOKS, ...READ_ONLY_HOOKS] as const;
export type HookName = (typeof HOOK_NAMES)[number];
