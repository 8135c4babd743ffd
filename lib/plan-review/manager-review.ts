import { ROLES, type Role } from "../contract";
import { isDisruptive } from "./exit-policy";
import type {
  ApplyOrder,
  ApplyStep,
  ApplyStepId,
  ChangeCounts,
  ManagerReview,
  PolicyReview,
  ReviewFinding,
  ValueChange,
} from "./model";
import { SENSITIVE_VALUE, UNKNOWN_VALUE } from "./model";
import { CHANGE_KINDS, type ChangeKind } from "./plan-json";
import { diffPolicies } from "./policy-diff";
import type { ModelResource } from "./read-resource";

/*
 * One manager's resources, collected as they stream by from one or more plans, turned into the
 * facts of its review: counts by role and change, the protection gap, the findings, the policy
 * diff and the order of the apply.
 */

function emptyCounts(): ChangeCounts {
  return Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, 0])) as ChangeCounts;
}

const REMOVES: ReadonlySet<ChangeKind> = new Set(["delete", "replace"]);
const CREATES: ReadonlySet<ChangeKind> = new Set(["create", "replace"]);

/** Collects one manager's resources as they stream by; `review()` turns them into facts. */
export class ManagerAccumulator {
  readonly sources: string[] = [];
  readonly counts = Object.fromEntries(ROLES.map((role) => [role, emptyCounts()])) as Record<
    Role,
    ChangeCounts
  >;
  private service?: ModelResource;
  private policy?: ModelResource;
  private lockRemoved = false;
  private kind?: string;
  private address?: string;
  private readonly gapHosts: string[] = [];
  private readonly gapClusters = new Map<string, number>();

  constructor(readonly name: string) {}

  add(resource: ModelResource, source: string): void {
    if (!this.sources.includes(source)) this.sources.push(source);
    this.counts[resource.role][resource.kind]++;
    this.kind ??= resource.current.manager_kind;
    this.address ??= resource.current.manager_address;
    switch (resource.role) {
      case "protection-service":
        // Of several services (one manager in two plans), the one that changes tells the story.
        if (!this.service || (this.service.kind === "no-op" && resource.kind !== "no-op")) {
          this.service = resource;
        }
        break;
      case "threat-policy":
        if (!this.policy || (this.policy.kind === "no-op" && resource.kind !== "no-op")) {
          this.policy = resource;
        }
        break;
      case "svm":
        if (REMOVES.has(resource.kind)) {
          const values = resource.before ?? resource.current;
          this.gapHosts.push(values.host ?? "(unnamed host)");
          const cluster = values.cluster ?? "(no cluster)";
          this.gapClusters.set(cluster, (this.gapClusters.get(cluster) ?? 0) + 1);
        }
        break;
      case "traffic-mode-lock":
        if (resource.kind === "delete") this.lockRemoved = true;
        break;
      default:
        break;
    }
  }

  review(): ManagerReview {
    const service = this.service;
    const trafficMode = {
      before: service?.before?.traffic_mode ?? null,
      after: service?.after?.traffic_mode ?? null,
    };
    const serviceChanges = service?.before && service.after ? changedValues(service) : [];
    const findings = this.findings(trafficMode, serviceChanges);
    const counts = this.counts;
    const hasChanges = ROLES.some((role) =>
      CHANGE_KINDS.some((kind) => kind !== "no-op" && counts[role][kind] > 0),
    );
    return {
      name: this.name,
      kind: service?.current.manager_kind ?? this.kind ?? null,
      address: service?.current.manager_address ?? this.address ?? null,
      sources: this.sources,
      trafficMode,
      counts,
      serviceChanges,
      protectionGap:
        this.gapHosts.length === 0
          ? null
          : {
              hostCount: this.gapHosts.length,
              hosts: this.gapHosts,
              clusters: [...this.gapClusters].map(([name, hostCount]) => ({ name, hostCount })),
            },
      policy: this.policyReview(),
      applyOrder: this.applyOrder(trafficMode),
      findings,
      disruptive: findings.some(isDisruptive),
      hasReplacements: ROLES.some((role) => counts[role].replace > 0),
      hasChanges,
    };
  }

  private findings(
    trafficMode: ManagerReview["trafficMode"],
    serviceChanges: readonly ValueChange[],
  ): ReviewFinding[] {
    const findings: ReviewFinding[] = [];
    const { counts } = this;
    const service = counts["protection-service"];
    if (trafficMode.before && trafficMode.after && trafficMode.before !== trafficMode.after) {
      findings.push({
        id: "traffic-mode-change",
        before: trafficMode.before,
        after: trafficMode.after,
      });
    }
    if (service.replace > 0) {
      findings.push({ id: "service-replaced", changedFields: serviceChanges.map((c) => c.field) });
    }
    if (service.delete > 0) findings.push({ id: "service-deleted" });
    if (counts.svm.replace > 0)
      findings.push({ id: "svms-replaced", hostCount: counts.svm.replace });
    if (counts["nsx-objects"].delete > 0) findings.push({ id: "nsx-objects-deleted" });
    if (counts.svm.delete > 0) findings.push({ id: "svms-deleted", hostCount: counts.svm.delete });
    // Re-registering the service redeploys the objects anyway; said once is enough.
    if (counts["nsx-objects"].replace > 0 && service.replace === 0) {
      findings.push({ id: "nsx-objects-replaced" });
    }
    if (this.lockRemoved) findings.push({ id: "traffic-mode-lock-removed" });
    return findings;
  }

  private policyReview(): PolicyReview | null {
    const policy = this.policy;
    if (!policy) return null;
    const before = policy.before?.policy;
    const after = policy.after?.policy;
    const markers = [SENSITIVE_VALUE, UNKNOWN_VALUE];
    const hidden = [before, after].some((value) => value !== undefined && markers.includes(value));
    const comparable =
      !hidden && before !== undefined && after !== undefined && policy.kind !== "no-op";
    return {
      change: policy.kind,
      diff: comparable ? diffPolicies(before, after) : null,
      hidden,
    };
  }

  private applyOrder(trafficMode: ManagerReview["trafficMode"]): ApplyOrder {
    const { counts } = this;
    const sum = (role: Role, kinds: ReadonlySet<ChangeKind>) =>
      [...kinds].reduce((total, kind) => total + counts[role][kind], 0);
    const candidates: ApplyStep[] = [
      { id: "remove-nsx-objects", count: sum("nsx-objects", REMOVES) },
      { id: "remove-svms", count: sum("svm", REMOVES) },
      {
        id: "unregister-service",
        count: sum("protection-service", REMOVES),
        trafficMode: trafficMode.before ?? undefined,
      },
      {
        id: "register-service",
        count: sum("protection-service", CREATES),
        trafficMode: trafficMode.after ?? undefined,
      },
      { id: "deploy-svms", count: sum("svm", CREATES) },
      { id: "create-nsx-objects", count: sum("nsx-objects", CREATES) },
    ];
    const steps = candidates
      .filter((step) => step.count > 0)
      .map((step) => (step.trafficMode === undefined ? { id: step.id, count: step.count } : step));
    // Removals wait for the removal of what depends on them, creations for the creation of what
    // they depend on. A removal is followed by a creation only through a replaced resource.
    const replaced = ROLES.some((role) => role !== "threat-policy" && counts[role].replace > 0);
    const edges: Array<readonly [ApplyStepId, ApplyStepId]> = [];
    for (let i = 1; i < steps.length; i++) {
      const from = steps[i - 1].id;
      const to = steps[i].id;
      const crossesOver = isRemoval(from) && !isRemoval(to);
      if (!crossesOver || replaced) edges.push([from, to]);
    }
    const policy = counts["threat-policy"];
    return {
      steps,
      edges,
      policy:
        policy.create + policy.replace + policy.update > 0
          ? "apply"
          : policy.delete > 0
            ? "remove"
            : null,
    };
  }
}

function isRemoval(step: ApplyStepId): boolean {
  return step === "remove-nsx-objects" || step === "remove-svms" || step === "unregister-service";
}

/** The changed known keys of a resource with their (masked) values. */
function changedValues(resource: ModelResource): ValueChange[] {
  return resource.changedFields.map((field) => ({
    field,
    before: resource.before?.[field] ?? null,
    after: resource.after?.[field] ?? null,
  }));
}
