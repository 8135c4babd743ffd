import { Construct } from "constructs";
import { z } from "zod";
import {
  clusterSchema,
  hooksSchema,
  type ClusterInput,
  type ClusterSpec,
  type Hooks,
} from "../estate/schema";
import { duplicateHostProblems } from "../estate/cross-checks";
import { PropsValidationError, validateProps } from "../estate/validation";
import { isValidated } from "../estate/validated-marks";
import { hookCommand } from "./hook-provisioners";
import { LifecycleResource } from "./lifecycle-resource";
import { managerTriggers } from "./manager-identity";
import { setPreResolvedLocal } from "./pre-resolved";
import { ProtectionService } from "./protection-service";

export interface SvmFleetProps {
  /** The registration the SVMs are deployed under: replacing it replaces every SVM. */
  readonly service: ProtectionService;
  /** vSphere clusters with their hosts; one SVM per host. */
  readonly clusters: readonly ClusterInput[];
  /** `deploySvm` and `removeSvm` are used here, once per host. @default - no hooks */
  readonly hooks?: Hooks;
}

const clustersSchema = z.array(clusterSchema).min(1);

/**
 * One security VM per ESXi host (an SVM protects only the VMs of its own host), as a single
 * resource with one instance per host: `svm["esx-a1.dc1.example.local"]`. The host is the
 * identity, so reordering hosts or clusters changes nothing, and adding or removing a host
 * creates or deletes exactly one SVM.
 */
export class SvmFleet extends Construct {
  public readonly clusters: readonly ClusterSpec[];
  public readonly svms: LifecycleResource<"svm">;
  /** Host names, in estate order. */
  public readonly hosts: readonly string[];

  constructor(scope: Construct, id: string, props: SvmFleetProps) {
    super(scope, id);
    const hooks = validateProps(hooksSchema.prefault({}), props.hooks, `${this.node.path}/hooks`);
    this.clusters = SvmFleet.validClusters(props.clusters, this.node.path);

    // The inventory goes into locals, not into for_each itself: Terraform plans a literal map of
    // 2,000 objects in for_each many times slower than the same map behind a local (BENCHMARKS.md).
    const hostsToCluster: Record<string, string> = {};
    const placements: Record<string, Record<string, string>> = {};
    for (const cluster of this.clusters) {
      placements[cluster.name] = { datastore: cluster.datastore, network: cluster.network };
      for (const host of cluster.hosts) hostsToCluster[host] = cluster.name;
    }
    const forEach = setPreResolvedLocal(this, "svm_hosts", hostsToCluster);
    setPreResolvedLocal(this, "svm_clusters", placements);
    this.hosts = Object.keys(hostsToCluster);

    const service = props.service;
    this.svms = new LifecycleResource(this, "svms", {
      resourceType: service.resourceType,
      role: "svm",
      forEach,
      triggers: {
        ...managerTriggers(service.manager),
        traffic_mode: service.trafficMode,
        host: "${each.key}",
        cluster: "${each.value}",
        datastore: "${local.svm_clusters[each.value].datastore}",
        network: "${local.svm_clusters[each.value].network}",
      },
      dependsOn: [service.registration],
      replaceTriggeredBy: [service.registration],
      onCreate: hookCommand(hooks, "deploySvm"),
      onDestroy: hookCommand(hooks, "removeSvm"),
    });
  }

  /** Clusters the estate loader validated (hosts unique across the estate) are taken as they are. */
  private static validClusters(clusters: unknown, constructPath: string): readonly ClusterSpec[] {
    if (isValidated(clusters)) return clusters as ClusterSpec[];
    const { clusters: valid } = validateProps(
      z.object({ clusters: clustersSchema }),
      { clusters },
      constructPath,
    );
    const duplicates = duplicateHostProblems([{ path: ["clusters"], clusters: valid }]);
    if (duplicates.length > 0) throw new PropsValidationError(constructPath, duplicates);
    return valid;
  }
}
