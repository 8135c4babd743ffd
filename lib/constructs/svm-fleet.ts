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
import { PropsValidationError, validateProps } from "../estate/problems";
import { isValidated } from "../estate/trusted";
import { LifecycleResource } from "./lifecycle-resource";
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
  public readonly svms: LifecycleResource;
  /** Host names, in estate order. */
  public readonly hosts: readonly string[];

  constructor(scope: Construct, id: string, props: SvmFleetProps) {
    super(scope, id);
    const hooks = validateProps(hooksSchema.prefault({}), props.hooks, `${this.node.path}/hooks`);
    this.clusters = SvmFleet.validClusters(props.clusters, this.node.path);

    const inventory: Record<string, Readonly<Record<string, string>>> = {};
    for (const cluster of this.clusters) {
      // One value per cluster, shared by its hosts: the same JSON, a much smaller heap.
      const placement = {
        cluster: cluster.name,
        datastore: cluster.datastore,
        network: cluster.network,
      };
      for (const host of cluster.hosts) inventory[host] = placement;
    }
    this.hosts = Object.keys(inventory);

    const service = props.service;
    this.svms = new LifecycleResource(this, "svms", {
      resourceType: service.resourceType,
      resourceName: "svm",
      role: "svm",
      forEach: inventory,
      triggers: {
        ...service.managerTriggers(),
        traffic_mode: service.trafficMode,
        host: "${each.key}",
        cluster: "${each.value.cluster}",
        datastore: "${each.value.datastore}",
        network: "${each.value.network}",
      },
      dependsOn: [service.registration],
      replaceTriggeredBy: [service.registration],
      onCreate: hooks.deploySvm ? { hook: "deploySvm", command: hooks.deploySvm } : undefined,
      onDestroy: hooks.removeSvm ? { hook: "removeSvm", command: hooks.removeSvm } : undefined,
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
