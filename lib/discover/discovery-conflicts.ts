import { hostIdentity } from "../contract";
import type { ClusterSpec } from "../estate/schema";
import { printable } from "../text/printable";
import type { EstateManager } from "./discovery";
import type { Inventory } from "./inventory-answer";

/*
 * What stops ksv discover, so that nothing is written: an answer that contradicts itself (a host
 * in two clusters, a cluster twice), and an estate that would list a host twice afterwards. Each
 * is one line naming what it is about; all of them are said at once.
 */

const label = (name: string, computeManager?: string) =>
  computeManager
    ? `${printable(name)} (compute manager ${printable(computeManager)})`
    : printable(name);

/** Hosts the hook reports twice, and clusters it reports twice: its answer contradicts itself. */
export function answerProblems(manager: string, inventory: Inventory): string[] {
  const problems: string[] = [];
  const clusterSeen = new Set<string>();
  const hostSeen = new Map<string, string>();
  for (const cluster of inventory.clusters) {
    const where = label(cluster.name, cluster.computeManager);
    const key = JSON.stringify([cluster.name, cluster.computeManager ?? null]);
    if (clusterSeen.has(key)) {
      problems.push(`the inventory hook of manager ${manager} reports cluster ${where} twice`);
    }
    clusterSeen.add(key);
    for (const host of cluster.hosts) {
      const first = hostSeen.get(hostIdentity(host));
      if (first === undefined) hostSeen.set(hostIdentity(host), where);
      else {
        problems.push(
          first === where
            ? `the inventory hook of manager ${manager} reports host ${printable(host)} twice in cluster ${where}`
            : `the inventory hook of manager ${manager} reports host ${printable(host)} in clusters ${first} and ${where}; a host is in one cluster`,
        );
      }
    }
  }
  return problems;
}

/**
 * Hosts the estate would list twice afterwards. A host another manager lists (after its own
 * discovery, when it is in this run: a host that moved between two managers discovered together
 * is no conflict) is an error for every host a hook reports; within a manager, a host added to one
 * cluster that another cluster left as it is still lists.
 */
export function conflicts(
  estate: readonly EstateManager[],
  reports: ReadonlyMap<string, Inventory>,
  after: ReadonlyMap<string, readonly ClusterSpec[]>,
): string[] {
  const owners = new Map<string, Array<{ manager: string; cluster: string }>>();
  const problems: string[] = [];
  for (const manager of estate) {
    for (const cluster of after.get(manager.name)!) {
      for (const host of cluster.hosts) {
        const id = hostIdentity(host);
        const known = owners.get(id) ?? [];
        const twin = known.find((owner) => owner.manager === manager.name);
        if (twin) {
          problems.push(
            `manager ${manager.name}: host ${printable(host)} would be listed in clusters ${printable(twin.cluster)} and ${printable(cluster.name)}: the inventory hook reports it in one, and the other is left as it is; correct the estate by hand`,
          );
        }
        owners.set(id, [...known, { manager: manager.name, cluster: cluster.name }]);
      }
    }
  }
  const said = new Set<string>();
  for (const [manager, inventory] of reports) {
    for (const cluster of inventory.clusters) {
      for (const host of cluster.hosts) {
        for (const owner of owners.get(hostIdentity(host)) ?? []) {
          if (owner.manager === manager) continue;
          const pair = [manager, owner.manager].sort().concat(hostIdentity(host)).join("\0");
          if (said.has(pair)) continue;
          said.add(pair);
          problems.push(
            `host ${printable(host)} is reported by the inventory hook of manager ${manager} (cluster ${label(cluster.name, cluster.computeManager)}) and listed by manager ${owner.manager} (cluster ${printable(owner.cluster)}); a host belongs to one manager: correct the estate, or discover both managers in one run if it moved`,
          );
        }
      }
    }
  }
  return problems;
}
