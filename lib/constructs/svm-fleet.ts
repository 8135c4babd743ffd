import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { z } from "zod";
import { CREATE_ENVIRONMENT, hostIdentity, HOSTS_ENVIRONMENT, OUTPUTS } from "../contract";
import { ClusterInventory } from "../estate/cluster-inventory";
import { hooksSchema, type ClusterInput, type ClusterSpec, type Hooks } from "../estate/schema";
import { isToken, validateConstructProps } from "./construct-props";
import { LifecycleResource } from "./lifecycle-resource";
import { managerTriggers } from "./manager-identity";
import { setLocal, setPreResolvedLocal } from "./pre-resolved";
import type { ProtectionService } from "./protection-service";
import type { ServiceSegment } from "./service-segment";

export interface SvmFleetProps {
  /** The registration the SVMs are deployed under: replacing it replaces every deployment. */
  readonly service: ProtectionService;
  /**
   * The NSX-T service segment the SVMs connect to: created before the deployments, removed after
   * them, and replacing it replaces them.
   * @default - none (NSX-V)
   */
  readonly segment?: ServiceSegment;
  /**
   * vSphere clusters: one service deployment each, an SVM on every host of it. Plain input is
   * validated here; a ClusterInventory (validated already, e.g. with the estate) is taken as it is.
   * A cluster's datastore, network, ipPool and computeManager may be tokens; its name (the
   * deployment's for_each key) and hosts are literal.
   */
  readonly clusters: readonly ClusterInput[] | ClusterInventory;
  /** `deploySvms` and `removeSvms` are used here, once per cluster. @default - no hooks */
  readonly hooks?: Hooks;
}

// Clusters are validated by ClusterInventory: most of the data, and an estate's arrive valid.
const propsSchema = z.object({ hooks: hooksSchema.prefault({}) });

/** Hosts in one order whatever the estate's: reordering them must change no plan. */
function canonicalHosts(hosts: readonly string[]): string[] {
  // Each identity computed once, not at every comparison (20,000 hosts at a time).
  return hosts
    .map((host) => [hostIdentity(host), host] as const)
    .sort(([ia, a], [ib, b]) => (ia < ib ? -1 : ia > ib ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([, host]) => host);
}

/**
 * The SVMs of a manager, deployed as NSX deploys them: one service deployment per vSphere
 * cluster (ESX Agent Manager on NSX-V, a host-based service deployment on a compute collection on
 * NSX-T), which puts an SVM on every host of the cluster, new hosts included. One resource with
 * one instance per cluster, `deployment["prod-a"]`: the cluster is the identity. The hosts a
 * cluster is expected to have are in the root output `svm_hosts` (cluster → hosts), where plans
 * show them: adding or removing a host replaces no deployment and runs no hook.
 */
export class SvmFleet extends Construct {
  public readonly clusters: readonly ClusterSpec[];
  public readonly deployments: LifecycleResource<"service-deployment">;
  /** Per cluster, the image its SVMs run: a new image upgrades them in place (upgradeSvms). */
  public readonly images: LifecycleResource<"svm-image">;
  /** Hosts of all clusters, in canonical order. */
  public readonly hosts: readonly string[];

  constructor(scope: Construct, id: string, props: SvmFleetProps) {
    super(scope, id);
    const { hooks } = validateConstructProps(propsSchema, { hooks: props.hooks }, this.node.path);
    const inventory = ClusterInventory.from(props.clusters, this.node.path, isToken);
    this.clusters = inventory.clusters;

    // The inventory goes into locals: Terraform plans a literal map in for_each many times slower
    // than the same map behind a local (BENCHMARKS.md).
    const placements: Record<string, Record<string, string>> = {};
    const hostsOf: Record<string, string[]> = {};
    const clusterOf = new Map<string, string>();
    for (const cluster of this.clusters) {
      placements[cluster.name] = {
        datastore: cluster.datastore,
        network: cluster.network,
        ip_pool: cluster.ipPool ?? "",
        compute_manager: cluster.computeManager ?? "",
      };
      hostsOf[cluster.name] = [];
      for (const host of cluster.hosts) clusterOf.set(host, cluster.name);
    }
    // One sort for all: hosts are unique across clusters, so each cluster's share stays sorted.
    this.hosts = canonicalHosts([...clusterOf.keys()]);
    for (const host of this.hosts) hostsOf[clusterOf.get(host)!].push(host);
    // Literal but for tokens of a library user's (a datastore from a variable, say): only then
    // does cdktf resolve it, into Terraform references.
    const forEach = setLocal(this, "svm_clusters", placements, {
      preResolved: !inventory.holdsTokens,
    });
    const hostsLocal = setPreResolvedLocal(this, "svm_hosts", hostsOf);
    new TerraformOutput(this, "hosts", {
      value: hostsLocal,
      description: "ESXi hosts each cluster is expected to have (cluster → hosts)",
    }).overrideLogicalId(OUTPUTS.svmHosts);

    const service = props.service;
    this.deployments = new LifecycleResource(this, "deployments", {
      resourceType: service.resourceType,
      role: "service-deployment",
      managerKind: service.manager.kind,
      forEach,
      triggers: {
        ...managerTriggers(service.manager),
        traffic_mode: service.trafficMode,
        cluster: "${each.key}",
        datastore: "${each.value.datastore}",
        network: "${each.value.network}",
        ip_pool: "${each.value.ip_pool}",
      },
      after: props.segment
        ? [service.registration, props.segment.resource]
        : [service.registration],
      hooks,
      // Not keys: SVMs are deployed from the image of the day (a new one upgrades them, below),
      // and the compute manager only tells the hook where to look the cluster up.
      createEnvironment: {
        [HOSTS_ENVIRONMENT]: '${join(",", local.svm_hosts[each.key])}',
        [CREATE_ENVIRONMENT.svmImageUrl]: service.svmImageUrl,
        [CREATE_ENVIRONMENT.computeManager]: "${each.value.compute_manager}",
      },
    });
    // A create-time hook cannot tell a first deployment from a change: upgradeSvms also runs
    // right after a cluster's first deploySvms, and then finds its SVMs on the image already.
    this.images = new LifecycleResource(this, "images", {
      resourceType: service.resourceType,
      role: "svm-image",
      managerKind: service.manager.kind,
      forEach,
      triggers: {
        ...managerTriggers(service.manager),
        cluster: "${each.key}",
        svm_image_url: service.svmImageUrl,
      },
      after: [this.deployments],
      hooks,
      createEnvironment: {
        [CREATE_ENVIRONMENT.computeManager]: "${each.value.compute_manager}",
      },
    });
  }
}
