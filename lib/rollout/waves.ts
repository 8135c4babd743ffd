import { KEYS } from "../contract";
import {
  describeReviewFinding,
  type FindingId,
  type ManagerReview,
  type PlanDocument,
} from "../plan-review";
import { changeKindOf } from "../plan-review/plan-json";
import { modelResource } from "../plan-review/read-resource";
import { plural } from "../text";

/*
 * A reviewed change of one manager cut into waves of whole clusters, each leaving at most N hosts
 * without an SVM at once. Every host of a cluster in a wave counts (NSX upgrades a cluster's hosts
 * one at a time, but which one is without an SVM at any moment is NSX's choice, so the budget
 * holds whatever it does). What the waves cannot bound is refused before anything is applied.
 */

/** A cluster whose SVMs the reviewed change takes away for a while, and what does it. */
export interface WaveCluster {
  readonly name: string;
  readonly hostCount: number;
  readonly cause: "removed" | "replaced" | "upgraded";
}

export interface Wave {
  /** 1-based, in the order they are applied. */
  readonly number: number;
  readonly clusters: readonly WaveCluster[];
  readonly hostCount: number;
  /** The resource instances of the reviewed plan that belong to these clusters. */
  readonly addresses: readonly string[];
}

export type Waves =
  | { readonly ok: true; readonly waves: readonly Wave[] }
  | { readonly ok: false; readonly refusals: readonly string[] };

/**
 * Findings of changes that take protection away from the whole manager at once: the service is
 * registered again (which redeploys every cluster), the segment every deployment stands on is
 * replaced, or the redirection is removed. No wave of clusters can bound them.
 */
const MANAGER_WIDE: ReadonlySet<FindingId> = new Set<FindingId>([
  "traffic-mode-change",
  "service-replaced",
  "service-deleted",
  "segment-replaced",
  "segment-deleted",
  "nsx-objects-deleted",
  "nsx-objects-replaced",
]);

/** The addresses of the reviewed plan's changes per cluster (deployment and image of each). */
function changedAddressesByCluster(plan: PlanDocument, source: string): Map<string, string[]> {
  const byCluster = new Map<string, string[]>();
  for (const rc of plan.resource_changes) {
    const kind = changeKindOf(rc.change.actions);
    if (kind === "no-op" || kind === "read") continue;
    const cluster = modelResource(rc, source)?.current[KEYS.cluster];
    if (cluster === undefined) continue;
    byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), rc.address]);
  }
  return byCluster;
}

/**
 * The waves of a manager's reviewed change: its protection gap's clusters, in the review's order,
 * packed greedily into waves of at most `maxUnprotectedHosts` hosts. Refused: a change that
 * cannot be split, a cluster larger than the budget, a cluster whose hosts the plan does not say.
 */
export function planWaves(
  review: ManagerReview,
  plan: PlanDocument,
  source: string,
  maxUnprotectedHosts: number,
): Waves {
  const refusals: string[] = [];
  const gap = review.protectionGap;
  for (const finding of review.findings.filter((f) => MANAGER_WIDE.has(f.id))) {
    refusals.push(
      `the change cannot be split into waves of clusters: ${describeReviewFinding(finding)} That takes protection from the whole manager at once (${plural(gap?.hostCount ?? 0, "host", "hosts")}); apply it with ksv apply ${review.name} after its review`,
    );
  }
  for (const cluster of gap?.clusters ?? []) {
    if (!cluster.hostsKnown) {
      refusals.push(
        `cluster ${cluster.name}: the reviewed plan does not say its hosts (no svm_hosts output), so its wave cannot be bounded`,
      );
    } else if (cluster.hostCount > maxUnprotectedHosts) {
      refusals.push(
        `cluster ${cluster.name} has ${plural(cluster.hostCount, "host", "hosts")}, more than --max-unprotected-hosts ${maxUnprotectedHosts}: a wave holds whole clusters`,
      );
    }
  }
  if (refusals.length > 0) return { ok: false, refusals };

  const addresses = changedAddressesByCluster(plan, source);
  const waves: Wave[] = [];
  let current: WaveCluster[] = [];
  const close = () => {
    if (current.length === 0) return;
    waves.push({
      number: waves.length + 1,
      clusters: current,
      hostCount: current.reduce((sum, c) => sum + c.hostCount, 0),
      addresses: current.flatMap((c) => addresses.get(c.name) ?? []),
    });
    current = [];
  };
  for (const cluster of gap?.clusters ?? []) {
    const held = current.reduce((sum, c) => sum + c.hostCount, 0);
    if (held + cluster.hostCount > maxUnprotectedHosts) close();
    current.push({ name: cluster.name, hostCount: cluster.hostCount, cause: cluster.cause });
  }
  close();
  return { ok: true, waves };
}

/** `prod-a, prod-b (5 hosts)` */
export function describeWave(wave: Wave): string {
  return `${wave.clusters.map((c) => c.name).join(", ")} (${plural(wave.hostCount, "host", "hosts")})`;
}
