import { KEYS } from "../contract";
import type { ManagerResources } from "./manager-resources";
import type { IntrospectionReview, ReviewFinding, ValueChange } from "./model";
import { hostChanges } from "./protection-gap";

/* What a reviewer must see in one manager's plan, as data (./model's ReviewFinding). */

export function reviewFindings(
  resources: ManagerResources,
  serviceChanges: readonly ValueChange[],
  introspection: IntrospectionReview | null,
): ReviewFinding[] {
  const { trafficMode } = resources;
  const findings: ReviewFinding[] = [];
  const { counts } = resources;
  const service = counts["protection-service"];
  const segment = counts["service-segment"];
  if (trafficMode.before && trafficMode.after && trafficMode.before !== trafficMode.after) {
    findings.push({
      id: "traffic-mode-change",
      before: trafficMode.before,
      after: trafficMode.after,
    });
  }
  if (service.replace > 0) {
    findings.push({ id: "service-replaced", changedFields: serviceChanges.map((c) => c.field) });
  }
  if (service.delete > 0) findings.push({ id: "service-deleted" });
  if (segment.replace > 0) findings.push({ id: "segment-replaced" });
  if (segment.delete > 0) findings.push({ id: "segment-deleted" });
  const replaced = resources.clustersWhere(new Set(["replace"]));
  if (replaced.length > 0) {
    findings.push({
      id: "deployments-replaced",
      clusterCount: replaced.length,
      hostCount: resources.hostCount(replaced, "before"),
    });
  }
  const deleted = resources.clustersWhere(new Set(["delete"]));
  if (deleted.length > 0) {
    findings.push({
      id: "deployments-deleted",
      clusterCount: deleted.length,
      hostCount: resources.hostCount(deleted, "before"),
    });
  }
  const upgraded = resources.upgradedClusters;
  if (upgraded.length > 0) {
    findings.push({
      id: "svms-upgraded",
      clusterCount: upgraded.length,
      hostCount: resources.hostCount(upgraded, "before"),
      images: upgraded.map((cluster) => {
        const image = resources.images.get(cluster);
        return {
          cluster,
          before: image?.before?.[KEYS.svmImageUrl] ?? null,
          after: image?.after?.[KEYS.svmImageUrl] ?? null,
        };
      }),
    });
  }
  if (counts["nsx-objects"].delete > 0) findings.push({ id: "nsx-objects-deleted" });
  // Re-registering the service redeploys the objects anyway; said once is enough.
  if (counts["nsx-objects"].replace > 0 && service.replace === 0) {
    findings.push({ id: "nsx-objects-replaced" });
  }
  const { added, removed } = hostChanges(resources);
  if (added.hostCount > 0) findings.push({ id: "hosts-added", ...added });
  if (removed.hostCount > 0) findings.push({ id: "hosts-removed", ...removed });
  if (resources.lockRemoved) findings.push({ id: "traffic-mode-lock-removed" });
  findings.push(...introspectionFindings(resources, introspection));
  for (const from of resources.deletedTypes) {
    for (const to of resources.createdTypes) {
      if (from !== to) findings.push({ id: "resource-type-switched", from, to });
    }
  }
  return findings;
}

/** Groups, rules and the failure policy: what the redirection does after the plan. */
function introspectionFindings(
  resources: ManagerResources,
  review: IntrospectionReview | null,
): ReviewFinding[] {
  if (!review) return [];
  const findings: ReviewFinding[] = [];
  const { before, after } = review.failurePolicy;
  if (before && after && before !== after) {
    findings.push({
      id: "failure-policy-changed",
      before,
      after,
      managerKind: resources.managerKind ?? null,
    });
  }
  if (review.leavingRedirection.length > 0) {
    findings.push({ id: "redirection-reduced", flows: review.leavingRedirection });
  }
  if (review.rules.length > 0 && review.rulesChange !== "create") {
    findings.push({ id: "rules-changed", count: review.rules.length });
  }
  if (review.groups.length > 0) {
    findings.push({ id: "groups-changed", groups: review.groups.map((g) => g.name) });
  }
  if (review.removedGroupsInUse.length > 0) {
    findings.push({ id: "group-removed-while-in-use", groups: review.removedGroupsInUse });
  }
  return findings;
}
