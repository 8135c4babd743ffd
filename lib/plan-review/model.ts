import type { Role } from "../contract";
import type { PolicyDiff } from "./policy-diff";
import type { ChangeKind } from "./plan-json";

/*
 * The review as data: what the analysis finds in plans, per NSX Manager. Renderers turn it into
 * text; nothing here formats a sentence.
 */

/** Shown instead of a value Terraform marks sensitive. */
export const SENSITIVE_VALUE = "(sensitive)";
/** Shown instead of a value Terraform knows only after apply. */
export const UNKNOWN_VALUE = "(known after apply)";
/** The group of resources that carry no manager key. */
export const UNKNOWN_MANAGER = "(no manager)";

export type ChangeCounts = Record<ChangeKind, number>;

/** A known key whose value differs between before and after. */
export interface ValueChange {
  readonly field: string;
  readonly before: string | null;
  readonly after: string | null;
}

/**
 * Something a reviewer must see, as data. `disruptive` findings make the review fail (exit 2)
 * unless disruption is allowed; `notice` findings are shown only.
 */
export type ReviewFinding =
  | { readonly id: "traffic-mode-change"; readonly before: string; readonly after: string }
  | { readonly id: "service-replaced"; readonly changedFields: readonly string[] }
  | { readonly id: "service-deleted" }
  | { readonly id: "segment-replaced" }
  | { readonly id: "segment-deleted" }
  | ({ readonly id: "deployments-replaced" } & HostCounts)
  | ({ readonly id: "deployments-deleted" } & HostCounts)
  | { readonly id: "nsx-objects-deleted" }
  | { readonly id: "nsx-objects-replaced" }
  | ({ readonly id: "hosts-added" } & HostChanges)
  | ({ readonly id: "hosts-removed" } & HostChanges)
  | { readonly id: "traffic-mode-lock-removed" }
  | { readonly id: "resource-type-switched"; readonly from: string; readonly to: string }
  | ({ readonly id: "svms-upgraded" } & HostCounts & { readonly images: readonly ImageChange[] })
  | {
      readonly id: "failure-policy-changed";
      readonly before: string;
      readonly after: string;
      /** NSX-V changes it on the service profile, unbinding the protected groups meanwhile. */
      readonly managerKind: string | null;
    }
  | { readonly id: "redirection-reduced"; readonly flows: readonly string[] }
  | { readonly id: "rules-changed"; readonly count: number }
  | { readonly id: "groups-changed"; readonly groups: readonly string[] }
  | { readonly id: "group-removed-while-in-use"; readonly groups: readonly string[] };

/** A cluster's image before and after an upgrade in place. */
export interface ImageChange {
  readonly cluster: string;
  readonly before: string | null;
  readonly after: string | null;
}

/** Service deployments (one per cluster) and the hosts they put SVMs on. */
export interface HostCounts {
  readonly clusterCount: number;
  /** Hosts of those clusters, as the plan's svm_hosts output lists them. */
  readonly hostCount: number;
}

/** Hosts a cluster is expected to have that a plan adds or removes (no deployment changes). */
export interface HostChanges {
  readonly hostCount: number;
  readonly clusters: ReadonlyArray<{ readonly name: string; readonly hosts: readonly string[] }>;
}

export type FindingId = ReviewFinding["id"];

/**
 * What the VMs of a gap's hosts get while their SVM is missing. `unscanned`: their traffic is not
 * redirected to a missing SVM (the redirection is removed first, as in a re-registration, or the
 * failure policy is allow): it passes, unscanned. `blocked`: redirection stays in place while the
 * SVMs are absent and the failure policy is block: those VMs lose their traffic. `unknown`: the
 * stack manages no failure policy (no introspection in the estate) and the redirection stays.
 */
export const GAP_EFFECTS = ["unscanned", "blocked", "unknown"] as const;
export type GapEffect = (typeof GAP_EFFECTS)[number];

/**
 * Hosts left without an SVM for part of the apply: every host of each cluster whose service
 * deployment is removed or replaced, or whose SVMs are upgraded (NSX redeploys them host by host).
 */
export interface ProtectionGap {
  /** The worst of the clusters' effects: blocked, then unknown, then unscanned. */
  readonly effect: GapEffect;
  readonly hostCount: number;
  /** Every host, cluster by cluster (clusters in Terraform's order, hosts sorted). */
  readonly hosts: readonly string[];
  /**
   * The clusters. `hostsKnown` is false where the plan does not say the cluster's hosts (a plan
   * without the svm_hosts output); its hosts are then missing from the counts.
   */
  readonly clusters: ReadonlyArray<{
    readonly name: string;
    readonly hostCount: number;
    readonly hostsKnown: boolean;
    /** What takes the cluster's SVMs away: its deployment removed or replaced, or an upgrade. */
    readonly cause: "removed" | "replaced" | "upgraded";
    readonly effect: GapEffect;
  }>;
}

/** A group the plan adds, removes or whose members it changes. */
export interface GroupReview {
  readonly name: string;
  readonly change: "added" | "removed" | "changed";
  /** Member criteria as one line each (`tag web`, `ipAddress 10.0.8.0/24`). */
  readonly membersAdded: readonly string[];
  readonly membersRemoved: readonly string[];
}

/** A redirection rule's change, by name; positions are 0-based in the rule list. */
export interface RuleChange {
  readonly name: string;
  readonly change: "added" | "removed" | "moved" | "changed";
  readonly before: number | null;
  readonly after: number | null;
  /** Changed fields (sources, destinations, direction, action). */
  readonly fields: readonly string[];
}

/** What a plan does to NSX's redirection, where the stack manages it (the estate's introspection). */
export interface IntrospectionReview {
  readonly failurePolicy: { readonly before: string | null; readonly after: string | null };
  readonly groups: readonly GroupReview[];
  /** What happens to the rules resource (applyRules runs on create and replace). */
  readonly rulesChange: ChangeKind;
  readonly rules: readonly RuleChange[];
  /**
   * Flows the new rules stop redirecting, as `source → destination (leaving|entering)`: each group
   * a rule names read as its own VMs, `any` as VMs in none of them.
   */
  readonly leavingRedirection: readonly string[];
  /** Groups removed while a rule of the current list names them (Terraform cannot order it). */
  readonly removedGroupsInUse: readonly string[];
}

export interface PolicyReview {
  readonly change: ChangeKind;
  /** Present when both the current and the planned policy exist (update or replace). */
  readonly diff: PolicyDiff | null;
  /** The policy value is sensitive or unknown: no diff possible. */
  readonly hidden: boolean;
}

/** A step of the protection lifecycle that the plan runs, in Terraform's order. */
export const APPLY_STEPS = [
  "remove-nsx-objects",
  "remove-groups",
  "remove-svms",
  "remove-segment",
  "unregister-service",
  "register-service",
  "create-segment",
  "deploy-svms",
  "upgrade-svms",
  "create-nsx-objects",
  "apply-groups",
  "apply-rules",
] as const;
export type ApplyStepId = (typeof APPLY_STEPS)[number];

export interface ApplyStep {
  readonly id: ApplyStepId;
  /** Resource instances the step acts on (SVMs: service deployments, one per cluster). */
  readonly count: number;
  /** SVM steps: the hosts of those clusters. */
  readonly hostCount?: number;
  /** The traffic mode of the registration that is removed or created (service steps only). */
  readonly trafficMode?: string;
}

/**
 * The order Terraform follows. `edges` link a step to each step that waits for it, following the
 * stack's dependencies (objects → deployments → service and segment); steps without a path
 * between them run independently. The threat policy depends on nothing and runs beside them.
 */
export interface ApplyOrder {
  readonly steps: readonly ApplyStep[];
  readonly edges: ReadonlyArray<readonly [ApplyStepId, ApplyStepId]>;
  readonly policy: "apply" | "remove" | null;
}

/**
 * A warning of the protection rules the site acknowledged for the manager (the stack's
 * acknowledged_warnings output), and why. `change` is against the state: new in this plan, its
 * reason changed, unchanged, or no longer acknowledged (`reason` is then the one it had).
 */
export interface AcknowledgedWarning {
  readonly rule: string;
  readonly reason: string;
  readonly change: "added" | "changed" | "unchanged" | "removed";
}

export interface ManagerReview {
  readonly name: string;
  /** nsx-v or nsx-t, as the resources say. */
  readonly kind: string | null;
  readonly address: string | null;
  /** The plans (files) the manager's resources came from. */
  readonly sources: readonly string[];
  /** The service's traffic mode before and after; null where the service does not exist. */
  readonly trafficMode: { readonly before: string | null; readonly after: string | null };
  readonly counts: Record<Role, ChangeCounts>;
  /** Known keys of the protection service that change (why it is replaced). */
  readonly serviceChanges: readonly ValueChange[];
  readonly protectionGap: ProtectionGap | null;
  /** Groups, rules and failure policy; null where the stack manages no introspection. */
  readonly introspection: IntrospectionReview | null;
  readonly policy: PolicyReview | null;
  readonly applyOrder: ApplyOrder;
  /** What the site acknowledged, by rule id; none for a stack without acknowledgements. */
  readonly acknowledgedWarnings: readonly AcknowledgedWarning[];
  readonly findings: readonly ReviewFinding[];
  readonly disruptive: boolean;
  /** Whether any resource is replaced (the case the apply order matters most). */
  readonly hasReplacements: boolean;
  /** Whether anything changes at all. */
  readonly hasChanges: boolean;
}

export interface InputReview {
  readonly source: string;
  readonly formatVersion: string;
  readonly terraformVersion: string | null;
  /** false: Terraform will need another plan after this one (targeting, deferred changes). */
  readonly complete: boolean;
  /** Resources of the protection model in this plan. */
  readonly reviewedResourceCount: number;
  /** Other resources in the plan (other types, other roles), left out of the review. */
  readonly ignoredResourceCount: number;
  readonly managers: readonly string[];
}

/**
 * Stacks left out of a review because their synthesized configuration is the same as at a git
 * ref (`npm run plan-review -- --changed-since <ref>`): not planned, listed as unchanged.
 */
export interface ChangedSince {
  readonly ref: string;
  /** Stacks (managers) whose configuration is the same as at the ref, in the estate's order. */
  readonly unchanged: readonly string[];
  /** Why every stack counts as changed, when it does. */
  readonly allChangedReason: AllChangedReason | null;
}

/**
 * Why every stack of the estate counts as changed since a ref: the estate file did not exist
 * there, or did not load; or the code that synthesizes the stacks is not the same (a change of
 * the constructs changes every stack whatever the estate says).
 */
export const ALL_CHANGED_REASONS = ["estate-missing", "estate-invalid", "code-changed"] as const;
export type AllChangedReason = (typeof ALL_CHANGED_REASONS)[number];

export interface PlanReview {
  readonly inputs: readonly InputReview[];
  readonly managers: readonly ManagerReview[];
  readonly disruptive: boolean;
  /** Present when only the stacks changed since a git ref were planned. */
  readonly changedSince?: ChangedSince;
}
