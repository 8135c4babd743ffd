import { isDisruptive, reviewExitCode } from "./exit-policy";
import type {
  AcknowledgedWarning,
  ApplyOrder,
  ChangeCounts,
  ChangedSince,
  InputReview,
  IntrospectionReview,
  PlanReview,
  ProtectionGap,
  ReviewFinding,
  ValueChange,
} from "./model";
import { describeReviewFinding } from "./review-finding-text";
import type { PolicyFieldChange } from "./policy-diff";
import type { Role } from "../contract";

/*
 * The review for machines. The shape below is a contract: fields are added, never renamed or
 * removed, while `version` stays 1. Keys and enum values are the ones of the analysis. It holds
 * every fact the markdown review shows, so that reviews made apart (one per CI job) are merged
 * into the review they would have been together (./review-from-json, ksv-plan-review --merge).
 */

export const REVIEW_JSON_VERSION = 1;

export type FindingJson = ReviewFinding & {
  readonly severity: "disruptive" | "notice";
  /** The finding in words, as the markdown review says it (without formatting). */
  readonly message: string;
};

export interface ManagerReviewJson {
  readonly name: string;
  readonly kind: string | null;
  readonly address: string | null;
  readonly sources: readonly string[];
  readonly disruptive: boolean;
  readonly hasChanges: boolean;
  readonly trafficMode: {
    readonly before: string | null;
    readonly after: string | null;
    readonly changed: boolean;
  };
  /** role → change kind → number of resource instances. */
  readonly counts: Record<Role, ChangeCounts>;
  readonly findings: readonly FindingJson[];
  /** Every host without an SVM during the apply, and what their VMs' traffic does; null when none. */
  readonly protectionGap: ProtectionGap | null;
  /** The failure policy after the plan (`allow` or `block`); null where the stack manages none. */
  readonly failurePolicy: string | null;
  /** Groups, ordered rule changes, failure policy before and after; null where none is managed. */
  readonly introspection: IntrospectionReview | null;
  readonly serviceChanges: readonly ValueChange[];
  readonly policy: {
    readonly change: string;
    /** null when there is nothing to compare (created, removed, unchanged, hidden, unreadable). */
    readonly changes: readonly PolicyFieldChange[] | null;
    readonly withheldFieldCount: number;
    readonly hidden: boolean;
    readonly unreadable: boolean;
  } | null;
  readonly applyOrder: ApplyOrder;
  /** Whether any resource is replaced (the markdown then draws the order of the apply). */
  readonly hasReplacements: boolean;
  /**
   * Warnings of the protection rules the site acknowledged (rule, reason, change against the
   * state); empty for a stack without acknowledgements or of an earlier release.
   */
  readonly acknowledgedWarnings: readonly AcknowledgedWarning[];
}

export interface PlanReviewJson {
  readonly version: typeof REVIEW_JSON_VERSION;
  readonly disruptive: boolean;
  readonly allowDisruptive: boolean;
  /** The exit code of the review: 0, or 2 for disruptive changes that are not allowed. */
  readonly exitCode: number;
  readonly inputs: readonly InputReview[];
  readonly managers: readonly ManagerReviewJson[];
  /** With --changed-since: the ref and the stacks not planned because they did not change. */
  readonly changedSince: ChangedSince | null;
}

export interface JsonOptions {
  readonly allowDisruptive?: boolean;
}

export function reviewToJson(review: PlanReview, options: JsonOptions = {}): PlanReviewJson {
  const allowDisruptive = options.allowDisruptive ?? false;
  return {
    version: REVIEW_JSON_VERSION,
    disruptive: review.disruptive,
    allowDisruptive,
    exitCode: reviewExitCode(review, allowDisruptive),
    inputs: review.inputs,
    managers: review.managers.map((m) => ({
      name: m.name,
      kind: m.kind,
      address: m.address,
      sources: m.sources,
      disruptive: m.disruptive,
      hasChanges: m.hasChanges,
      trafficMode: {
        ...m.trafficMode,
        changed:
          m.trafficMode.before !== null &&
          m.trafficMode.after !== null &&
          m.trafficMode.before !== m.trafficMode.after,
      },
      counts: m.counts,
      findings: m.findings.map((finding) => ({
        ...finding,
        severity: isDisruptive(finding) ? "disruptive" : "notice",
        message: describeReviewFinding(finding),
      })),
      protectionGap: m.protectionGap,
      failurePolicy: m.introspection?.failurePolicy.after ?? null,
      introspection: m.introspection,
      serviceChanges: m.serviceChanges,
      policy: m.policy && {
        change: m.policy.change,
        changes: m.policy.diff && !m.policy.diff.unreadable ? m.policy.diff.changes : null,
        withheldFieldCount: m.policy.diff?.withheldFieldCount ?? 0,
        hidden: m.policy.hidden,
        unreadable: m.policy.diff?.unreadable ?? false,
      },
      applyOrder: m.applyOrder,
      hasReplacements: m.hasReplacements,
      acknowledgedWarnings: m.acknowledgedWarnings,
    })),
    changedSince: review.changedSince ?? null,
  };
}

export function renderJson(review: PlanReview, options: JsonOptions = {}): string {
  return `${JSON.stringify(reviewToJson(review, options), null, 2)}\n`;
}
