import { hostIdentity } from "../contract";
import { nameSkeleton } from "../estate/name-skeleton";
import type { ClusterSpec } from "../estate/schema";
import { answerProblems, conflicts } from "./discovery-conflicts";
import type { Inventory, InventoryCluster } from "./inventory-answer";

/*
 * ksv discover's difference, as data: a manager's clusters in the estate and what its inventory
 * hook reports → the hosts to add and remove per cluster, the clusters to add, and the clusters
 * a person must look at. Pure: no file, no hook. Hosts are one host whatever their case or a
 * root's trailing dot (lib/contract's hostIdentity), and keep the estate's spelling; a cluster
 * keeps its hosts' order, and new hosts follow in the hook's order. What cannot be made true
 * without a person (a cluster not reported, or whose every host is gone, a new cluster without
 * its datastore and network) is left as it is and named, never guessed.
 */

/** A manager of the estate, as discover reads it. */
export interface EstateManager {
  readonly name: string;
  readonly clusters: readonly ClusterSpec[];
}

export interface RemovedHost {
  readonly host: string;
  /** Its place in the cluster's `hosts` in the estate. */
  readonly index: number;
}

/** The hosts of one cluster of the estate, changed. */
export interface HostsChange {
  /** `clusters[index]` of the manager in the estate. */
  readonly index: number;
  readonly cluster: string;
  readonly added: readonly string[];
  readonly removed: readonly RemovedHost[];
  /** The cluster's hosts afterwards: the kept ones in their order, then the added ones. */
  readonly hosts: readonly string[];
}

/** A cluster named in the output: left as it is (in the estate) or not added (reported only). */
export type NamedCluster =
  | { readonly reason: "not-reported"; readonly cluster: string }
  | {
      readonly reason: "all-hosts-gone";
      readonly cluster: string;
      readonly reported: readonly string[];
    }
  | {
      readonly reason: "ambiguous";
      readonly cluster: string;
      readonly computeManagers: readonly string[];
    }
  | {
      readonly reason: "no-placement";
      readonly cluster: string;
      readonly computeManager?: string;
      readonly hosts: readonly string[];
      readonly missing: readonly ("datastore" | "network")[];
    }
  | { readonly reason: "no-hosts"; readonly cluster: string; readonly computeManager?: string }
  | {
      readonly reason: "name-taken";
      readonly cluster: string;
      readonly computeManager?: string;
      readonly hosts: readonly string[];
      /** The estate's cluster with this name (written the same, or another way). */
      readonly existing: string;
    }
  | {
      readonly reason: "reported-twice";
      readonly cluster: string;
      readonly computeManagers: readonly string[];
      readonly hosts: readonly string[];
    };

export interface ManagerDiscovery {
  readonly manager: string;
  /** Clusters of the estate whose hosts change, in the estate's order. */
  readonly changes: readonly HostsChange[];
  /** Clusters to add at the end of the manager's clusters, in the hook's order. */
  readonly added: readonly ClusterSpec[];
  readonly named: readonly NamedCluster[];
}

export interface Discovery {
  readonly managers: readonly ManagerDiscovery[];
  /** Errors: when there is any, nothing may be written. One line each. */
  readonly problems: readonly string[];
}

/** True when the estate file changes. */
export function discoveryChanges(discovery: Discovery): boolean {
  return discovery.managers.some((m) => m.changes.length > 0 || m.added.length > 0);
}

/** The reported clusters an estate cluster stands for: by name, and compute manager where it says. */
function candidatesOf(estate: ClusterSpec, reported: readonly InventoryCluster[]): number[] {
  const named = reported.flatMap((r, i) => (r.name === estate.name ? [i] : []));
  if (!estate.computeManager) return named;
  const exact = named.filter((i) => reported[i].computeManager === estate.computeManager);
  // The hook names a compute manager only where two have the cluster (hooks/nsxt/inventory.ts).
  return exact.length > 0 ? exact : named.filter((i) => reported[i].computeManager === undefined);
}

interface Matched {
  readonly changes: HostsChange[];
  readonly named: NamedCluster[];
  readonly matched: Set<number>;
}

/** The estate's clusters against the reported ones. */
function matchEstateClusters(estate: EstateManager, inventory: Inventory): Matched {
  const result: Matched = { changes: [], named: [], matched: new Set() };
  estate.clusters.forEach((cluster, index) => {
    const candidates = candidatesOf(cluster, inventory.clusters);
    candidates.forEach((i) => result.matched.add(i));
    if (candidates.length === 0) {
      result.named.push({ reason: "not-reported", cluster: cluster.name });
      return;
    }
    if (candidates.length > 1) {
      const computeManagers = candidates.map((i) => inventory.clusters[i].computeManager ?? "");
      result.named.push({ reason: "ambiguous", cluster: cluster.name, computeManagers });
      return;
    }
    const reported = inventory.clusters[candidates[0]];
    const reportedIds = new Set(reported.hosts.map(hostIdentity));
    const estateIds = new Set(cluster.hosts.map(hostIdentity));
    const kept = cluster.hosts.filter((host) => reportedIds.has(hostIdentity(host)));
    if (kept.length === 0) {
      // Every host gone is a cluster rebuilt, retired, or a hook that sees too little: a person's call.
      result.named.push({
        reason: "all-hosts-gone",
        cluster: cluster.name,
        reported: reported.hosts,
      });
      return;
    }
    const removed = cluster.hosts.flatMap((host, i) =>
      reportedIds.has(hostIdentity(host)) ? [] : [{ host, index: i }],
    );
    const added = reported.hosts.filter((host) => !estateIds.has(hostIdentity(host)));
    if (removed.length > 0 || added.length > 0) {
      result.changes.push({
        index,
        cluster: cluster.name,
        added,
        removed,
        hosts: [...kept, ...added],
      });
    }
  });
  return result;
}

/** Reported clusters the estate lacks: added when the hook gives where their SVMs go, else named. */
function newClusters(
  estate: EstateManager,
  inventory: Inventory,
  matched: ReadonlySet<number>,
): { added: ClusterSpec[]; named: NamedCluster[] } {
  const unmatched = inventory.clusters.filter((_, i) => !matched.has(i));
  const estateNames = new Map(estate.clusters.map((c) => [nameSkeleton(c.name), c.name]));
  const added: ClusterSpec[] = [];
  const named: NamedCluster[] = [];
  for (const cluster of unmatched) {
    const { name, computeManager, hosts } = cluster;
    const existing = estateNames.get(nameSkeleton(name));
    const twins = unmatched.filter((other) => nameSkeleton(other.name) === nameSkeleton(name));
    if (existing !== undefined) {
      named.push({ reason: "name-taken", cluster: name, computeManager, hosts, existing });
    } else if (twins.length > 1) {
      // Two vCenters with a cluster of one name: the estate can hold one; a person says which.
      if (twins[0] === cluster) {
        const computeManagers = twins.map((t) => t.computeManager ?? "");
        named.push({ reason: "reported-twice", cluster: name, computeManagers, hosts });
      }
    } else if (hosts.length === 0) {
      named.push({ reason: "no-hosts", cluster: name, computeManager });
    } else if (!cluster.datastore || !cluster.network) {
      const missing = (["datastore", "network"] as const).filter((key) => !cluster[key]);
      named.push({ reason: "no-placement", cluster: name, computeManager, hosts, missing });
    } else {
      added.push({
        name,
        datastore: cluster.datastore,
        network: cluster.network,
        ...(cluster.ipPool ? { ipPool: cluster.ipPool } : {}),
        ...(computeManager ? { computeManager } : {}),
        hosts: [...hosts],
      });
    }
  }
  return { added, named };
}

/** One manager's discovery, and the problems of its answer alone. */
export function discoverManager(
  estate: EstateManager,
  inventory: Inventory,
): { discovery: ManagerDiscovery; problems: string[] } {
  const problems = answerProblems(estate.name, inventory);
  const matched = matchEstateClusters(estate, inventory);
  const fresh = newClusters(estate, inventory, matched.matched);
  return {
    discovery: {
      manager: estate.name,
      changes: matched.changes,
      added: fresh.added,
      named: [...matched.named, ...fresh.named],
    },
    problems,
  };
}

/** A manager's clusters afterwards: changed hosts, then the added clusters. */
export function clustersAfter(estate: EstateManager, discovery?: ManagerDiscovery): ClusterSpec[] {
  if (!discovery) return [...estate.clusters];
  const changed = new Map(discovery.changes.map((c) => [c.index, c.hosts]));
  return [
    ...estate.clusters.map((c, i) => (changed.has(i) ? { ...c, hosts: [...changed.get(i)!] } : c)),
    ...discovery.added,
  ];
}

/**
 * The discovery of the managers reported (keys of `reports`): every change, and every problem at
 * once. `estate` holds every manager of the estate, for hosts another manager lists.
 */
export function discover(
  estate: readonly EstateManager[],
  reports: ReadonlyMap<string, Inventory>,
): Discovery {
  const managers: ManagerDiscovery[] = [];
  const problems: string[] = [];
  for (const manager of estate) {
    const inventory = reports.get(manager.name);
    if (!inventory) continue;
    const one = discoverManager(manager, inventory);
    managers.push(one.discovery);
    problems.push(...one.problems);
  }
  for (const name of reports.keys()) {
    if (!estate.some((m) => m.name === name))
      problems.push(`${name} is not a manager of the estate`);
  }
  const byName = new Map(managers.map((m) => [m.manager, m]));
  const after = new Map(estate.map((m) => [m.name, clustersAfter(m, byName.get(m.name))]));
  // A contradicting answer is the first thing to fix; what it would conflict with follows from it.
  if (problems.length === 0) problems.push(...conflicts(estate, reports, after));
  return { managers, problems };
}
