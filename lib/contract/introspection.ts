/*
 * What NSX redirects to the SVMs (Network Introspection): groups of VMs, ordered redirection
 * rules, and what traffic does when a host's SVM is not running. The estate declares them, the
 * stacks hand them to the hooks as JSON in this shape, and the plan review and verify read them.
 */

/**
 * What happens to redirected traffic when the SVM of its host is not running: NSX-T's service
 * chain `failure_policy` ALLOW | BLOCK (Policy API PolicyServiceChain), NSX-V's failOpen /
 * failClose of the service profile (Broadcom KB 327285).
 */
export const FAILURE_POLICIES = ["allow", "block"] as const;
export type FailurePolicy = (typeof FAILURE_POLICIES)[number];

/** Traffic a rule matches: into the members of its destinations, out of them, or both. */
export const RULE_DIRECTIONS = ["in", "out", "in-out"] as const;
export type RuleDirection = (typeof RULE_DIRECTIONS)[number];

export const RULE_ACTIONS = ["redirect", "do-not-redirect"] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];

/** The reserved group name of rules: every VM. */
export const ANY_GROUP = "any";

/** One criterion of a group's membership; a VM matching any of its group's criteria is a member. */
export type GroupMember =
  | { readonly tag: string; readonly scope?: string }
  | { readonly vmNameStartsWith: string }
  | { readonly ipAddress: string };

/** One redirection rule, as KSV_RULES lists them, in order: the first matching rule applies. */
export interface RedirectionRule {
  readonly name: string;
  /** Group names, or ANY_GROUP. */
  readonly sources: readonly string[];
  readonly destinations: readonly string[];
  readonly direction: RuleDirection;
  readonly action: RuleAction;
}
