import { KEYS, ROLES, type Role } from "../contract";
import { isDisruptive } from "./exit-policy";
import {
  APPLY_STEPS,
  SENSITIVE_VALUE,
  UNKNOWN_VALUE,
  type ApplyOrder,
  type ApplyStep,
  type ApplyStepId,
  type ChangeCounts,
  type HostChanges,
  type ManagerReview,
  type PolicyReview,
  type ProtectionGap,
  type ReviewFinding,
  type ValueChange,
} from "./model";
import { CHANGE_KINDS, type ChangeKind } from "./plan-json";
import { diffPolicies } from "./policy-diff";
import { hostsOf, type HostInventory, type ModelResource } from "./read-resource";

/*
 * One manager's resources, collected as they stream by from its plan, turned into the facts of
 * its review: counts by role and change, the protection gap, the findings, the policy diff and
 * the order of the apply.
 */

function emptyCounts(): ChangeCounts {
  return Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, 0])) as ChangeCounts;
}

const REMOVES: ReadonlySet<ChangeKind> = new Set(["delete", "replace"]);
const CREATES: ReadonlySet<ChangeKind> = new Set(["create", "replace"]);

/**
 * Which step must finish before which (the stacks' depends_on and replace_triggered_by).
 * Removals run from the objects down, creations from the service up; a removal comes before a
 * creation only for a replaced resource, whose old instance goes before the new one comes.
 */
const MUST_PRECEDE: ReadonlyArray<readonly [ApplyStepId, ApplyStepId]> = [
  ["remove-nsx-objects", "remove-svms"],
  ["remove-nsx-objects", "unregister-service"],
  ["remove-svms", "unregister-service"],
  ["remove-svms", "remove-segment"],
  ["register-service", "deploy-svms"],
  ["register-service", "create-nsx-objects"],
  ["create-segment", "deploy-svms"],
  ["deploy-svms", "create-nsx-objects"],
];

/** For a replaced resource: its removal step before its creation step. */
const REPLACEMENT_STEPS: Readonly<Partial<Record<Role, readonly [ApplyStepId, ApplyStepId]>>> = {
  "protection-service": ["unregister-service", "register-service"],
  "service-segment": ["remove-segment", "create-segment"],
  "service-deployment": ["remove-svms", "deploy-svms"],
  "nsx-objects": ["remove-nsx-objects", "create-nsx-objects"],
};

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
  /** Clusters by what happens to their service deployment. */
  private readonly clusters = new Map<string, ChangeKind>();
  /** Resource types whose resources the plan deletes, and creates. */
  private readonly deletedTypes = new Set<string>();
  private readonly createdTypes = new Set<string>();

  /** `hosts`: the stack's hosts by cluster (its plan's svm_hosts output). */
  constructor(
    readonly name: string,
    private readonly hosts: HostInventory,
  ) {}

  add(resource: ModelResource, source: string): void {
    if (!this.sources.includes(source)) this.sources.push(source);
    this.counts[resource.role][resource.kind]++;
    if (resource.kind === "delete") this.deletedTypes.add(resource.type);
    if (resource.kind === "create") this.createdTypes.add(resource.type);
    this.kind ??= resource.current[KEYS.managerKind];
    this.address ??= resource.current[KEYS.managerAddress];
    switch (resource.role) {
      case "protection-service":
        this.service = resource;
        break;
      case "threat-policy":
        this.policy = resource;
        break;
      case "service-deployment":
        this.clusters.set(
          (resource.before ?? resource.current)[KEYS.cluster] ?? "(no cluster)",
          resource.kind,
        );
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
      before: service?.before?.[KEYS.trafficMode] ?? null,
      after: service?.after?.[KEYS.trafficMode] ?? null,
    };
    const serviceChanges = service?.before && service.after ? changedValues(service) : [];
    const protectionGap = this.protectionGap();
    const findings = this.findings(trafficMode, serviceChanges);
    const counts = this.counts;
    const hasChanges =
      ROLES.some((role) =>
        CHANGE_KINDS.some((kind) => kind !== "no-op" && counts[role][kind] > 0),
      ) || findings.some((f) => f.id === "hosts-added" || f.id === "hosts-removed");
    return {
      name: this.name,
      kind: service?.current[KEYS.managerKind] ?? this.kind ?? null,
      address: service?.current[KEYS.managerAddress] ?? this.address ?? null,
      sources: this.sources,
      trafficMode,
      counts,
      serviceChanges,
      protectionGap,
      policy: this.policyReview(),
      applyOrder: this.applyOrder(trafficMode),
      findings,
      disruptive: findings.some(isDisruptive),
      hasReplacements: ROLES.some((role) => counts[role].replace > 0),
      hasChanges,
    };
  }

  /** Clusters whose deployment undergoes one of `kinds`, in Terraform's (sorted) order. */
  private clustersWhere(kinds: ReadonlySet<ChangeKind>): string[] {
    return [...this.clusters].filter(([, kind]) => kinds.has(kind)).map(([name]) => name);
  }

  /** A cluster's hosts, as the plan lists them before the apply (or after, for a new cluster). */
  private hostsOf(cluster: string, side: "before" | "after"): readonly string[] | undefined {
    return hostsOf(this.hosts, cluster, side);
  }

  private hostCount(clusters: readonly string[], side: "before" | "after"): number {
    return clusters.reduce((sum, cluster) => sum + (this.hostsOf(cluster, side)?.length ?? 0), 0);
  }

  private protectionGap(): ProtectionGap | null {
    const clusters = this.clustersWhere(REMOVES);
    if (clusters.length === 0) return null;
    const hosts: string[] = [];
    const byCluster = clusters.map((name) => {
      const list = this.hostsOf(name, "before");
      if (list) hosts.push(...list);
      return { name, hostCount: list?.length ?? 0, hostsKnown: list !== undefined };
    });
    return { hostCount: hosts.length, hosts, clusters: byCluster };
  }

  /** Hosts added to or removed from clusters whose deployment stays: no hook runs for them. */
  private hostChanges(): { added: HostChanges; removed: HostChanges } {
    const added: Array<{ name: string; hosts: string[] }> = [];
    const removed: Array<{ name: string; hosts: string[] }> = [];
    const { before, after } = this.hosts;
    if (before && after) {
      for (const [cluster, kind] of this.clusters) {
        if (kind !== "no-op" && kind !== "update") continue;
        const was = new Set(before.get(cluster) ?? []);
        const will = new Set(after.get(cluster) ?? []);
        const plus = [...will].filter((h) => !was.has(h));
        const minus = [...was].filter((h) => !will.has(h));
        if (plus.length > 0) added.push({ name: cluster, hosts: plus });
        if (minus.length > 0) removed.push({ name: cluster, hosts: minus });
      }
    }
    const total = (list: typeof added) => list.reduce((sum, c) => sum + c.hosts.length, 0);
    return {
      added: { hostCount: total(added), clusters: added },
      removed: { hostCount: total(removed), clusters: removed },
    };
  }

  private findings(
    trafficMode: ManagerReview["trafficMode"],
    serviceChanges: readonly ValueChange[],
  ): ReviewFinding[] {
    const findings: ReviewFinding[] = [];
    const { counts } = this;
    const service = counts["protection-service"];
    const segment = counts["service-segment"];
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
    if (segment.replace > 0) findings.push({ id: "segment-replaced" });
    if (segment.delete > 0) findings.push({ id: "segment-deleted" });
    const replaced = this.clustersWhere(new Set(["replace"]));
    if (replaced.length > 0) {
      findings.push({
        id: "deployments-replaced",
        clusterCount: replaced.length,
        hostCount: this.hostCount(replaced, "before"),
      });
    }
    const deleted = this.clustersWhere(new Set(["delete"]));
    if (deleted.length > 0) {
      findings.push({
        id: "deployments-deleted",
        clusterCount: deleted.length,
        hostCount: this.hostCount(deleted, "before"),
      });
    }
    if (counts["nsx-objects"].delete > 0) findings.push({ id: "nsx-objects-deleted" });
    // Re-registering the service redeploys the objects anyway; said once is enough.
    if (counts["nsx-objects"].replace > 0 && service.replace === 0) {
      findings.push({ id: "nsx-objects-replaced" });
    }
    const { added, removed } = this.hostChanges();
    if (added.hostCount > 0) findings.push({ id: "hosts-added", ...added });
    if (removed.hostCount > 0) findings.push({ id: "hosts-removed", ...removed });
    if (this.lockRemoved) findings.push({ id: "traffic-mode-lock-removed" });
    for (const from of this.deletedTypes) {
      for (const to of this.createdTypes) {
        if (from !== to) findings.push({ id: "resource-type-switched", from, to });
      }
    }
    return findings;
  }

  private policyReview(): PolicyReview | null {
    const policy = this.policy;
    if (!policy) return null;
    const before = policy.before?.[KEYS.policy];
    const after = policy.after?.[KEYS.policy];
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
    const removedClusters = this.clustersWhere(REMOVES);
    const createdClusters = this.clustersWhere(CREATES);
    const candidates: Record<ApplyStepId, ApplyStep> = {
      "remove-nsx-objects": { id: "remove-nsx-objects", count: sum("nsx-objects", REMOVES) },
      "remove-svms": {
        id: "remove-svms",
        count: removedClusters.length,
        hostCount: this.hostCount(removedClusters, "before"),
      },
      "remove-segment": { id: "remove-segment", count: sum("service-segment", REMOVES) },
      "unregister-service": {
        id: "unregister-service",
        count: sum("protection-service", REMOVES),
        ...(trafficMode.before ? { trafficMode: trafficMode.before } : {}),
      },
      "register-service": {
        id: "register-service",
        count: sum("protection-service", CREATES),
        ...(trafficMode.after ? { trafficMode: trafficMode.after } : {}),
      },
      "create-segment": { id: "create-segment", count: sum("service-segment", CREATES) },
      "deploy-svms": {
        id: "deploy-svms",
        count: createdClusters.length,
        hostCount: this.hostCount(createdClusters, "after"),
      },
      "create-nsx-objects": { id: "create-nsx-objects", count: sum("nsx-objects", CREATES) },
    };
    const steps = APPLY_STEPS.map((id) => candidates[id]).filter((step) => step.count > 0);
    const present = new Set(steps.map((step) => step.id));
    const precedes: Array<readonly [ApplyStepId, ApplyStepId]> = [...MUST_PRECEDE];
    for (const [role, pair] of Object.entries(REPLACEMENT_STEPS)) {
      if (counts[role as Role].replace > 0 && pair) precedes.push(pair);
    }
    const policy = counts["threat-policy"];
    return {
      steps,
      edges: directEdges(precedes, present),
      policy:
        policy.create + policy.replace + policy.update > 0
          ? "apply"
          : policy.delete > 0
            ? "remove"
            : null,
    };
  }
}

/**
 * The edges between present steps that the order needs: A → B when A must precede B (directly, or
 * through steps that do not run), and no present step lies on a path between them.
 */
function directEdges(
  precedes: ReadonlyArray<readonly [ApplyStepId, ApplyStepId]>,
  present: ReadonlySet<ApplyStepId>,
): Array<readonly [ApplyStepId, ApplyStepId]> {
  const next = new Map<ApplyStepId, ApplyStepId[]>();
  for (const [from, to] of precedes) next.set(from, [...(next.get(from) ?? []), to]);
  /** Steps reachable from `from` (at least one edge away). */
  const reach = (from: ApplyStepId): Set<ApplyStepId> => {
    const seen = new Set<ApplyStepId>();
    const stack = [...(next.get(from) ?? [])];
    while (stack.length > 0) {
      const step = stack.pop()!;
      if (seen.has(step)) continue;
      seen.add(step);
      stack.push(...(next.get(step) ?? []));
    }
    return seen;
  };
  const reachable = new Map(APPLY_STEPS.map((step) => [step, reach(step)]));
  const edges: Array<readonly [ApplyStepId, ApplyStepId]> = [];
  for (const from of APPLY_STEPS) {
    if (!present.has(from)) continue;
    for (const to of APPLY_STEPS) {
      if (!present.has(to) || !reachable.get(from)!.has(to)) continue;
      const between = APPLY_STEPS.some(
        (mid) =>
          present.has(mid) &&
          mid !== from &&
          mid !== to &&
          reachable.get(from)!.has(mid) &&
          reachable.get(mid)!.has(to),
      );
      if (!between) edges.push([from, to]);
    }
  }
  return edges;
}

/** The changed known keys of a resource with their (masked) values. */
function changedValues(resource: ModelResource): ValueChange[] {
  return resource.changedFields.map((field) => ({
    field,
    before: resource.before?.[field] ?? null,
    after: resource.after?.[field] ?? null,
  }));
}
