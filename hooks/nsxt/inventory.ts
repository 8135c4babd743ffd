import { VCENTER_ENV, VcenterClient } from "../http/vcenter-client";
import { findDeployment } from "./deployment-state";
import {
  COMPUTE_COLLECTIONS,
  COMPUTE_MANAGERS,
  DISCOVERED_NODES,
  managerName,
  type ComputeCollection,
  type ComputeManager,
  type DiscoveredNode,
} from "./fabric";
import { findPartnerService, type PartnerService } from "./partner-service";
import type { NsxtRun } from "./run";

/*
 * inventory (read-only): the clusters NSX's fabric knows, each with its ESXi hosts (compute
 * collections and discovered nodes, by `parent_compute_collection`). `computeManager` is given
 * only for a cluster whose name is under two or more compute managers (where the estate must say
 * which). NSX's fabric does not say which datastore or port group a cluster's SVMs should use, so
 * `datastore` and `network` are given only where they are unambiguous: the cluster already has a
 * service deployment of the partner service, whose `storage_id` and management `network_id` are
 * named through vCenter (`GET /api/vcenter/datastore?datastores=`, `/api/vcenter/network?networks=`)
 * when VCENTER_USERNAME and VCENTER_PASSWORD are set.
 */

interface InventoryCluster {
  name: string;
  hosts: string[];
  datastore?: string;
  network?: string;
  computeManager?: string;
}

interface DeploymentPlacement {
  readonly service_deployment_config: {
    storage_id?: string;
    vm_nic_info?: { nic_infos?: { network_id?: string }[] };
  };
}

async function placementNames(
  run: NsxtRun,
  service: PartnerService,
  cluster: ComputeCollection,
  manager: ComputeManager,
): Promise<Pick<InventoryCluster, "datastore" | "network">> {
  if (!run.ctx.optional(VCENTER_ENV.username) || !run.ctx.optional(VCENTER_ENV.password)) return {};
  const deployment = (await findDeployment(run, service.id, { cluster, manager })) as
    DeploymentPlacement | undefined;
  if (!deployment) return {};
  const config = deployment.service_deployment_config;
  const networkId = config.vm_nic_info?.nic_infos?.find((nic) => nic.network_id)?.network_id;
  const vcenter = VcenterClient.fromEnvironment(run.ctx.env, manager.server, "", run.log);
  try {
    const named = async (kind: "datastore" | "network", id: string | undefined) => {
      if (!id) return undefined;
      const found = await vcenter.get<{ name: string }[]>(
        `/api/vcenter/${kind}?${kind}s=${encodeURIComponent(id)}`,
      );
      return found.length === 1 ? found[0].name : undefined;
    };
    const datastore = await named("datastore", config.storage_id);
    const network = await named("network", networkId);
    return { ...(datastore ? { datastore } : {}), ...(network ? { network } : {}) };
  } finally {
    await vcenter.close();
  }
}

export async function inventory(run: NsxtRun): Promise<void> {
  const managers = await run.nsx.list<ComputeManager>(COMPUTE_MANAGERS);
  const collections = (await run.nsx.list<ComputeCollection>(COMPUTE_COLLECTIONS)).filter(
    (c) => (c.origin_type ?? "VC_Cluster") === "VC_Cluster",
  );
  const nodes = await run.nsx.list<DiscoveredNode>(`${DISCOVERED_NODES}?has_parent=true`);
  const service = await findPartnerService(run);
  const clusters: InventoryCluster[] = [];
  for (const cluster of collections) {
    const manager = managers.find((m) => m.id === cluster.origin_id);
    const twice = collections.some(
      (other) => other !== cluster && other.display_name === cluster.display_name,
    );
    const hosts = nodes
      .filter((node) => node.parent_compute_collection === cluster.external_id)
      .map((node) => node.display_name)
      .sort();
    clusters.push({
      name: cluster.display_name,
      hosts,
      ...(service && manager ? await placementNames(run, service, cluster, manager) : {}),
      ...(twice && manager ? { computeManager: managerName(manager) } : {}),
    });
  }
  clusters.sort(
    (a, b) =>
      a.name.localeCompare(b.name) ||
      (a.computeManager ?? "").localeCompare(b.computeManager ?? ""),
  );
  run.answer({ clusters });
}
