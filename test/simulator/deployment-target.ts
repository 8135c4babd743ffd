import type { SimulatorClient } from "./simulator-client";

export interface DeploymentTarget {
  readonly serviceId: string;
  readonly computeManagerId: string;
  readonly clusterId: string;
  readonly datastore: string;
  readonly network: string;
}

/** Resolves names to ids as a hook would: NSX fabric for the cluster, vCenter for the rest. */
export async function deploymentTarget(
  sim: SimulatorClient,
  vcenter = "vc1",
): Promise<DeploymentTarget> {
  const serviceId = (await sim.get("/api/v1/serviceinsertion/services")).body.results[0].id;
  const manager = (await sim.get(`/api/v1/fabric/compute-managers?server=${vcenter}`)).body
    .results[0];
  const cluster = (
    await sim.get(`/api/v1/fabric/compute-collections?origin_id=${manager.id}&display_name=blue`)
  ).body.results[0];
  const session = (await sim.post("/api/session")).body as string;
  const headers = { "vmware-api-session-id": session };
  const datacenter = (
    await sim.request("GET", `/api/vcenter/datacenter?names=${vcenter}`, undefined, headers)
  ).body[0].datacenter;
  const [datastore] = (
    await sim.request(
      "GET",
      `/api/vcenter/datastore?names=ds-blue&datacenters=${datacenter}`,
      undefined,
      headers,
    )
  ).body;
  const [network] = (
    await sim.request(
      "GET",
      `/api/vcenter/network?names=pg-svm&datacenters=${datacenter}`,
      undefined,
      headers,
    )
  ).body;
  return {
    serviceId,
    computeManagerId: manager.id,
    clusterId: cluster.external_id,
    datastore: datastore.datastore,
    network: network.network,
  };
}

export function deploymentBody(target: DeploymentTarget, overrides: Record<string, unknown> = {}) {
  return {
    display_name: "ksv-ntp-blue",
    deployment_spec_name: "svm-small",
    deployment_type: "HOSTLOCAL",
    instance_deployment_template: { name: "default" },
    service_deployment_config: {
      compute_manager_id: target.computeManagerId,
      compute_collection_id: target.clusterId,
      storage_id: target.datastore,
      vm_nic_info: {
        nic_infos: [
          {
            network_id: target.network,
            ip_allocation_type: "DHCP",
            nic_metadata: {
              interface_index: 0,
              interface_label: "eth0",
              interface_type: "MANAGEMENT",
            },
          },
        ],
      },
    },
    ...overrides,
  };
}
