import { REMOVES, type ManagerResources } from "./manager-resources";
import type { GapEffect, HostChanges, ProtectionGap } from "./model";

/*
 * Hosts without protection during the apply (every host of each cluster whose service deployment
 * is removed or replaced, or whose SVMs are upgraded in place), what their VMs' traffic does
 * meanwhile, and hosts the estate adds to or removes from a cluster (no deployment changes: NSX
 * deploys a new host's SVM by itself).
 */

const WORST: readonly GapEffect[] = ["blocked", "unknown", "unscanned"];

/**
 * What redirected traffic does while SVMs are missing and the redirection stays: the failure
 * policy in force. Terraform does not order a rules rewrite and an upgrade, so where the plan
 * changes the policy the stricter side counts.
 */
function effectWithRedirection(resources: ManagerResources): GapEffect {
  const rules = resources.rules;
  if (!rules) return "unknown";
  const sides = [rules.before?.failure_policy, rules.after?.failure_policy];
  if (sides.includes("block")) return "blocked";
  return sides.some((side) => side === "allow") ? "unscanned" : "unknown";
}

export function protectionGap(resources: ManagerResources): ProtectionGap | null {
  const removed = resources.clustersWhere(REMOVES);
  const upgraded = resources.upgradedClusters;
  if (removed.length === 0 && upgraded.length === 0) return null;
  // Removing the service's objects removes the redirection before any SVM goes (the contract's
  // order): nothing is sent to a missing SVM. Otherwise the redirection stays meanwhile.
  const redirectionRemoved = REMOVES.has(resources.objects?.kind ?? "no-op");
  const withRedirection = effectWithRedirection(resources);
  const hosts: string[] = [];
  const byCluster = [
    ...removed.map(
      (name) =>
        ({
          name,
          cause: resources.clusters.get(name) === "replace" ? "replaced" : "removed",
        }) as const,
    ),
    ...upgraded.map((name) => ({ name, cause: "upgraded" }) as const),
  ].map(({ name, cause }) => {
    const list = resources.hostsOf(name, "before");
    if (list) hosts.push(...list);
    const effect: GapEffect =
      cause !== "upgraded" && redirectionRemoved ? "unscanned" : withRedirection;
    return { name, hostCount: list?.length ?? 0, hostsKnown: list !== undefined, cause, effect };
  });
  const effect = WORST.find((e) => byCluster.some((c) => c.effect === e)) ?? "unscanned";
  return { effect, hostCount: hosts.length, hosts, clusters: byCluster };
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
