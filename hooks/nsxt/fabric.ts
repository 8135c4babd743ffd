import { CONTEXT_ENV } from "../context";
import { HookError } from "../hook-error";
import type { NsxtRun } from "./run";

/*
 * NSX's fabric inventory: the vCenters registered as compute managers (API
 * `types_ComputeManager`: `id`, `display_name`, `server`), their clusters as compute
 * collections (API `types_ComputeCollection`, filter `display_name`; `external_id`
 * `<vc-uuid>:domain-cN`, `cm_local_id` the cluster's moref, `origin_id` the compute manager) and
 * the ESXi hosts as discovered nodes (API `types_DiscoveredNode`, filter
 * `parent_compute_collection`).
 */

export interface ComputeManager {
  readonly id: string;
  readonly display_name?: string;
  readonly server: string;
}

export interface ComputeCollection {
  readonly external_id: string;
  readonly display_name: string;
  readonly origin_id: string;
  readonly cm_local_id: string;
  readonly origin_type?: string;
}

export interface DiscoveredNode {
  readonly external_id: string;
  readonly display_name: string;
  readonly parent_compute_collection?: string;
}

export interface ClusterOfManager {
  readonly cluster: ComputeCollection;
  readonly manager: ComputeManager;
}

export const COMPUTE_MANAGERS = "/api/v1/fabric/compute-managers";
export const COMPUTE_COLLECTIONS = "/api/v1/fabric/compute-collections";
export const DISCOVERED_NODES = "/api/v1/fabric/discovered-nodes";

export function managerName(manager: ComputeManager): string {
  return manager.display_name ?? manager.server;
}

/**
 * The vSphere cluster `name`, under KSV_COMPUTE_MANAGER when given (a compute manager's display
 * name or server). A name found under two compute managers without it is an error: the estate
 * must say which (`clusters[].computeManager`).
 */
export async function resolveCluster(run: NsxtRun, name: string): Promise<ClusterOfManager> {
  const found = await findCluster(run, name);
  if (typeof found === "string") throw new HookError(found);
  return found;
}

/** As resolveCluster, but a cluster NSX does not have is the message saying so, not an error. */
export async function findCluster(run: NsxtRun, name: string): Promise<ClusterOfManager | string> {
  const wantedManager = run.ctx.optional(CONTEXT_ENV.computeManager);
  const managers = await run.nsx.list<ComputeManager>(COMPUTE_MANAGERS);
  const clusters = (
    await run.nsx.list<ComputeCollection>(
      `${COMPUTE_COLLECTIONS}?display_name=${encodeURIComponent(name)}`,
    )
  ).filter((c) => c.display_name === name && (c.origin_type ?? "VC_Cluster") === "VC_Cluster");
  const found = clusters.flatMap((cluster) => {
    const manager = managers.find((m) => m.id === cluster.origin_id);
    return manager ? [{ cluster, manager }] : [];
  });
  const chosen =
    wantedManager === undefined
      ? found
      : found.filter(
          (f) => f.manager.display_name === wantedManager || f.manager.server === wantedManager,
        );
  if (
    wantedManager !== undefined &&
    !managers.some((m) => m.display_name === wantedManager || m.server === wantedManager)
  ) {
    throw new HookError(
      `${run.nsx.where} has no compute manager "${wantedManager}" (${CONTEXT_ENV.computeManager}); it has ${managers.map(managerName).join(", ") || "none"}`,
    );
  }
  if (chosen.length === 1) return chosen[0];
  const where = (list: ClusterOfManager[]) => list.map((f) => managerName(f.manager)).join(", ");
  if (chosen.length === 0) {
    const scope =
      wantedManager === undefined
        ? `any compute manager (${managers.map(managerName).join(", ") || "none registered"})`
        : `compute manager "${wantedManager}"${found.length ? ` (it is under ${where(found)})` : ""}`;
    return `${run.nsx.where} has no cluster "${name}" under ${scope}`;
  }
  throw new HookError(
    `cluster "${name}" exists under ${chosen.length} compute managers (${where(chosen)}): set clusters[].computeManager of this cluster in the estate (${CONTEXT_ENV.computeManager}) to one of them`,
  );
}

/** The ESXi hosts NSX discovered in a cluster, by external id. */
export async function hostsOfCluster(
  run: NsxtRun,
  cluster: ComputeCollection,
): Promise<DiscoveredNode[]> {
  return run.nsx.list<DiscoveredNode>(
    `${DISCOVERED_NODES}?parent_compute_collection=${encodeURIComponent(cluster.external_id)}`,
  );
}
