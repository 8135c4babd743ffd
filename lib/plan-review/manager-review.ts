import { CHANGE_KINDS } from "./plan-json";
import { KEYS, ROLES } from "../contract";
import { applyOrder } from "./apply-order";
import { isDisruptive } from "./exit-policy";
import { introspectionReview } from "./introspection-review";
import type { ManagerResources } from "./manager-resources";
import type { ManagerReview, ValueChange } from "./model";
import { policyReview } from "./policy-review";
import { protectionGap } from "./protection-gap";
import type { ModelResource } from "./read-resource";
import { reviewFindings } from "./review-findings";

/** One manager's review: the facts of its collected resources (./manager-resources). */
export function reviewManager(resources: ManagerResources): ManagerReview {
  const { service, counts } = resources;
  const serviceChanges = service?.before && service.after ? changedValues(service) : [];
  const introspection = introspectionReview(resources);
  const findings = reviewFindings(resources, serviceChanges, introspection);
  const hasChanges =
    ROLES.some((role) => CHANGE_KINDS.some((kind) => kind !== "no-op" && counts[role][kind] > 0)) ||
    findings.some((f) => f.id === "hosts-added" || f.id === "hosts-removed");
  return {
    name: resources.name,
    kind: resources.managerKind ?? resources.kind ?? null,
    address: service?.current[KEYS.managerAddress] ?? resources.address ?? null,
    sources: resources.sources,
    trafficMode: resources.trafficMode,
    counts,
    serviceChanges,
    protectionGap: protectionGap(resources),
    introspection,
    policy: policyReview(resources.policy),
    applyOrder: applyOrder(resources),
    acknowledgedWarnings: resources.acknowledged,
    findings,
    disruptive: findings.some(isDisruptive),
    hasReplacements: ROLES.some((role) => counts[role].replace > 0),
    hasChanges,
  };
}

/** The changed known keys of a resource with their (masked) values. */
function changedValues(resource: ModelResource): ValueChange[] {
  return resource.changedFields.map((field) => ({
    field,
    before: resource.before?.[field] ?? null,
    after: resource.after?.[field] ?? null,
  }));
}
