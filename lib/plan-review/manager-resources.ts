import { KEYS, ROLES, type ManagerKind, type Role } from "../contract";
import type { AcknowledgedWarning, ChangeCounts } from "./model";
import { CHANGE_KINDS, type ChangeKind } from "./plan-json";
import { hostsOf, type HostInventory, type ModelResource } from "./read-resource";

/*
 * One manager's resources, collected as they stream by from its plan: what the facts of its review
 * (./protection-gap, ./review-findings, ./policy-review, ./apply-order) are computed from.
 */

function emptyCounts(): ChangeCounts {
  return Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, 0])) as ChangeCounts;
}

/** A resource's old instance goes away: deleted, or replaced. */
export const REMOVES: ReadonlySet<ChangeKind> = new Set(["delete", "replace"]);
/** A resource's new instance comes: created, or replaced. */
export const CREATES: ReadonlySet<ChangeKind> = new Set(["create", "replace"]);

export class ManagerResources {
  readonly sources: string[] = [];
  readonly counts = Object.fromEntries(ROLES.map((role) => [role, emptyCounts()])) as Record<
    Role,
    ChangeCounts
  >;
  service?: ModelResource;
  policy?: ModelResource;
  objects?: ModelResource;
  rules?: ModelResource;
  /** Per cluster, its svm_image (the image its SVMs run). */
  readonly images = new Map<string, ModelResource>();
  /** Per group, its members resource, and what happens to the group itself. */
  readonly groupMembers = new Map<string, ModelResource>();
  readonly groups = new Map<string, ChangeKind>();
  lockRemoved = false;
  kind?: string;
  address?: string;
  /** Clusters by what happens to their service deployment, in Terraform's (sorted) order. */
  readonly clusters = new Map<string, ChangeKind>();
  /** Resource types whose resources the plan deletes, and creates. */
  readonly deletedTypes = new Set<string>();
  readonly createdTypes = new Set<string>();

  /**
   * `hosts`: the stack's hosts by cluster (its plan's svm_hosts output); `acknowledged`: what its
   * plan's acknowledged_warnings output says.
   */
  constructor(
    readonly name: string,
    readonly hosts: HostInventory,
    readonly acknowledged: readonly AcknowledgedWarning[] = [],
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
      case "svm-image":
        this.images.set(this.keyOf(resource, KEYS.cluster), resource);
        break;
      case "nsx-objects":
        this.objects = resource;
        break;
      case "nsx-group":
        this.groups.set(this.keyOf(resource, KEYS.group), resource.kind);
        break;
      case "group-members":
        this.groupMembers.set(this.keyOf(resource, KEYS.group), resource);
        break;
      case "redirection-rules":
        this.rules = resource;
        break;
      default:
        break;
    }
  }

  /** The instance key a resource is known by (its cluster, its group), as the state has it. */
  private keyOf(resource: ModelResource, key: string): string {
    return (resource.before ?? resource.current)[key] ?? `(no ${key})`;
  }

  /** Clusters whose SVMs are upgraded in place (their image is replaced, their deployment stays). */
  get upgradedClusters(): string[] {
    return [...this.images]
      .filter(
        ([cluster, image]) =>
          image.kind === "replace" && !REMOVES.has(this.clusters.get(cluster) ?? "no-op"),
      )
      .map(([cluster]) => cluster);
  }

  /** The manager kind the resources name, when it is one lib/contract knows. */
  get managerKind(): ManagerKind | undefined {
    const kind = this.service?.current[KEYS.managerKind] ?? this.kind;
    return kind === "nsx-v" || kind === "nsx-t" ? kind : undefined;
  }

  /** The service's traffic mode before and after; null where the service does not exist. */
  get trafficMode(): { readonly before: string | null; readonly after: string | null } {
    return {
      before: this.service?.before?.[KEYS.trafficMode] ?? null,
      after: this.service?.after?.[KEYS.trafficMode] ?? null,
    };
  }

  /** Instances of `role` whose change is one of `kinds`. */
  countOf(role: Role, kinds: ReadonlySet<ChangeKind>): number {
    return [...kinds].reduce((total, kind) => total + this.counts[role][kind], 0);
  }

  /** Clusters whose deployment undergoes one of `kinds`, in Terraform's (sorted) order. */
  clustersWhere(kinds: ReadonlySet<ChangeKind>): string[] {
    return [...this.clusters].filter(([, kind]) => kinds.has(kind)).map(([name]) => name);
  }

  /** A cluster's hosts, as the plan lists them before the apply (or after, for a new cluster). */
  hostsOf(cluster: string, side: "before" | "after"): readonly string[] | undefined {
    return hostsOf(this.hosts, cluster, side);
  }

  hostCount(clusters: readonly string[], side: "before" | "after"): number {
    return clusters.reduce((sum, cluster) => sum + (this.hostsOf(cluster, side)?.length ?? 0), 0);
  }
}
