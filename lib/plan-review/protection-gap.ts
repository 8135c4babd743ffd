import { REMOVES, type ManagerResources } from "./manager-resources";
import type { HostChanges, ProtectionGap } from "./model";

/*
 * Hosts without protection during the apply (every host of each cluster whose service deployment
 * is removed or replaced), and hosts the estate adds to or removes from a cluster (no deployment
 * changes: NSX deploys a new host's SVM by itself).
 */

export function protectionGap(resources: ManagerResources): ProtectionGap | null {
  const clusters = resources.clustersWhere(REMOVES);
  if (clusters.length === 0) return null;
  const hosts: string[] = [];
  const byCluster = clusters.map((name) => {
    const list = resources.hostsOf(name, "before");
    if (list) hosts.push(...list);
    return { name, hostCount: list?.length ?? 0, hostsKnown: list !== undefined };
  });
  return { hostCount: hosts.length, hosts, clusters: byCluster };
}

/** Hosts added to or removed from clusters whose deployment stays: no hook runs for them. */
export function hostChanges(resources: ManagerResources): {
  added: HostChanges;
  removed: HostChanges;
} {
  const added: Array<{ name: string; hosts: string[] }> = [];
  const removed: Array<{ name: string; hosts: string[] }> = [];
  const { before, after } = resources.hosts;
  if (before && after) {
    for (const [cluster, kind] of resources.clusters) {
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
