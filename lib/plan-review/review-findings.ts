import type { ManagerResources } from "./manager-resources";
import type { ReviewFinding, ValueChange } from "./model";
import { hostChanges } from "./protection-gap";

/* What a reviewer must see in one manager's plan, as data (./model's ReviewFinding). */

export function reviewFindings(
  resources: ManagerResources,
  serviceChanges: readonly ValueChange[],
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
  if (counts["nsx-objects"].delete > 0) findings.push({ id: "nsx-objects-deleted" });
  // Re-registering the service redeploys the objects anyway; said once is enough.
  if (counts["nsx-objects"].replace > 0 && service.replace === 0) {
    findings.push({ id: "nsx-objects-replaced" });
  }
  const { added, removed } = hostChanges(resources);
  if (added.hostCount > 0) findings.push({ id: "hosts-added", ...added });
  if (removed.hostCount > 0) findings.push({ id: "hosts-removed", ...removed });
  if (resources.lockRemoved) findings.push({ id: "traffic-mode-lock-removed" });
  for (const from of resources.deletedTypes) {
    for (const to of resources.createdTypes) {
      if (from !== to) findings.push({ id: "resource-type-switched", from, to });
    }
  }
  return findings;
}
