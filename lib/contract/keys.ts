/*
 * Where readers find the facts they report on: the keys resources store, the root outputs, the
 * fields of the threat policy, and how hooks receive them.
 */

export const KEYS = {
  manager: "manager",
  managerKind: "manager_kind",
  managerAddress: "manager_address",
  trafficMode: "traffic_mode",
  /** Of a `service-deployment` instance (one per vSphere cluster): the cluster. */
  cluster: "cluster",
  /** Of the `threat-policy`: the policy as JSON (lib/estate's threat policy, defaults applied). */
  policy: "policy",
  /**
   * Of the `protection-service` (the image at registration) and of each `svm-image` (the image a
   * cluster's SVMs run). May carry credentials in a hand-edited stack, so it is masked.
   */
  svmImageUrl: "svm_image_url",
  /** Of `nsx-group` and `group-members`: the group's name in the estate. */
  group: "group",
  /** Of `group-members`: GroupMember[] as JSON. */
  groupMembers: "group_members",
  /** Of `redirection-rules`: RedirectionRule[] as JSON, in order. */
  rules: "rules",
  /** Of `redirection-rules`: FailurePolicy. */
  failurePolicy: "failure_policy",
} as const;

/**
 * Root outputs readers depend on. `svm_hosts` maps each cluster (the key of its deployment) to the
 * ESXi hosts it is expected to have, sorted: NSX puts an SVM on each of them, so they are the
 * hosts whose protection a deployment's replacement interrupts. Hosts are not resources (NSX
 * deploys the SVM of a new host by itself), so a plan carries them here, before and after.
 * `acknowledged_warnings` maps each warning rule (RULE_LEVELS) the site acknowledged for the
 * manager, and that the manager gives rise to, to the reason given; a stack without any has no
 * such output (nor has a stack of release 0.1).
 */
export const OUTPUTS = {
  svmHosts: "svm_hosts",
  acknowledgedWarnings: "acknowledged_warnings",
} as const;

/**
 * The settings of the threat policy's JSON (KEYS.policy), as paths with list indexes written
 * `[]`: the only ones a reader may print. Lists of plain values (categories) are one setting.
 */
export const POLICY_FIELDS = [
  "networkAttack.enabled",
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

/**
 * Context a create-time hook gets beyond its resource's keys (a destroy-time hook reads only its
 * own instance): deploySvms the image (KSV_SVM_IMAGE_URL) and, when the estate names it, the
 * compute manager of its cluster; createObjects the failure policy of the chain it creates.
 */
export const CREATE_ENVIRONMENT = {
  svmImageUrl: "KSV_SVM_IMAGE_URL",
  computeManager: "KSV_COMPUTE_MANAGER",
  failurePolicy: "KSV_FAILURE_POLICY",
} as const;
