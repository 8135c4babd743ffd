import { CONTEXT_ENV } from "../context";
import { HookError } from "../hook-error";
import { VcenterClient } from "../http/vcenter-client";
import type { ClusterOfManager } from "./fabric";
import { POLICY } from "./naming";
import type { NsxtRun } from "./run";

/*
 * Where a cluster's SVMs go, as the ids ServiceDeploymentConfig takes (API
 * `types_ServiceDeploymentConfig`: `storage_id` "moref of the datastore in VC"; NicInfo
 * `network_id` "a moref", `ip_pool_id` the static IP pool). NSX publishes no list of datastores or
 * port groups by name, so names are resolved through vCenter's REST API (vSphere Automation API
 * `GET /api/vcenter/datastore`, `GET /api/vcenter/network`, filters `names` and `datacenters`),
 * scoped to the datacenter that holds the cluster (`GET /api/vcenter/datacenter`, then
 * `GET /api/vcenter/cluster?clusters=<moref>&datacenters=<dc>`). The IP pool is a Policy IP pool
 * (API `types_IpAddressPool`, `/policy/api/v1/infra/ip-pools`), by id or display name; the
 * Manager API knows it by its `realization_id` (PolicyResource), which is what `ip_pool_id` takes.
 */

export interface Placement {
  readonly storageId: string;
  readonly networkId: string;
  /** The Manager API id of the static IP pool; undefined: DHCP. */
  readonly ipPoolId?: string;
}

interface Named {
  readonly name: string;
}

interface IpAddressPool {
  readonly id: string;
  readonly display_name?: string;
  readonly realization_id?: string;
}

async function datacenterOf(vcenter: VcenterClient, clusterMoref: string): Promise<string> {
  const datacenters = await vcenter.get<{ datacenter: string }[]>("/api/vcenter/datacenter");
  for (const { datacenter } of datacenters) {
    const clusters = await vcenter.get<unknown[]>(
      `/api/vcenter/cluster?clusters=${encodeURIComponent(clusterMoref)}&datacenters=${encodeURIComponent(datacenter)}`,
    );
    if (clusters.length > 0) return datacenter;
  }
  throw new HookError(`vCenter has no datacenter holding cluster ${clusterMoref}`);
}

async function oneByName<T extends Named>(
  vcenter: VcenterClient,
  kind: "datastore" | "network",
  name: string,
  datacenter: string,
  cluster: string,
): Promise<T> {
  const found = await vcenter.get<T[]>(
    `/api/vcenter/${kind}?names=${encodeURIComponent(name)}&datacenters=${encodeURIComponent(datacenter)}`,
  );
  const exact = found.filter((item) => item.name === name);
  if (exact.length === 1) return exact[0];
  if (exact.length === 0) {
    throw new HookError(
      `vCenter has no ${kind} "${name}" in datacenter ${datacenter} of cluster "${cluster}"`,
    );
  }
  throw new HookError(
    `vCenter has ${exact.length} ${kind}s named "${name}" in datacenter ${datacenter}; rename one so that cluster "${cluster}" names one ${kind}`,
  );
}

async function ipPoolId(run: NsxtRun, name: string): Promise<string> {
  const pools = await run.nsx.list<IpAddressPool>(`${POLICY}/infra/ip-pools`);
  const byId = pools.filter((p) => p.id === name);
  const matches = byId.length > 0 ? byId : pools.filter((p) => p.display_name === name);
  if (matches.length === 0) {
    throw new HookError(
      `${run.nsx.where} has no IP pool "${name}" (${CONTEXT_ENV.ipPool}); known: ${pools.map((p) => p.display_name ?? p.id).join(", ") || "none"}`,
    );
  }
  if (matches.length > 1) {
    throw new HookError(
      `${run.nsx.where} has ${matches.length} IP pools named "${name}"; give the pool's id in clusters[].ipPool instead`,
    );
  }
  const realized = matches[0].realization_id;
  if (!realized) {
    throw new HookError(
      `IP pool "${name}" on ${run.nsx.where} is not realized yet (no realization_id); try again when NSX has realized it`,
    );
  }
  return realized;
}

/** Datastore, management network and IP pool of a deployment, from the estate's names. */
export async function resolvePlacement(run: NsxtRun, target: ClusterOfManager): Promise<Placement> {
  const datastore = run.ctx.required(CONTEXT_ENV.datastore);
  const network = run.ctx.required(CONTEXT_ENV.network);
  const pool = run.ctx.optional(CONTEXT_ENV.ipPool);
  const ipPool = pool === undefined ? undefined : await ipPoolId(run, pool);
  const vcenter = VcenterClient.fromEnvironment(
    run.ctx.env,
    target.manager.server,
    "deploySvms resolves the datastore and network names through vCenter",
    run.log,
  );
  try {
    const datacenter = await datacenterOf(vcenter, target.cluster.cm_local_id);
    const name = target.cluster.display_name;
    const store = await oneByName<Named & { datastore: string }>(
      vcenter,
      "datastore",
      datastore,
      datacenter,
      name,
    );
    const net = await oneByName<Named & { network: string }>(
      vcenter,
      "network",
      network,
      datacenter,
      name,
    );
    return { storageId: store.datastore, networkId: net.network, ipPoolId: ipPool };
  } finally {
    await vcenter.close();
  }
}
