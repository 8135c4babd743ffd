import { KEYS } from "../contract";
import { UserError } from "../user-error";
import { acknowledgedWarnings } from "./acknowledged-warnings";
import { ManagerResources } from "./manager-resources";
import { reviewManager } from "./manager-review";
import { UNKNOWN_MANAGER, type InputReview, type PlanReview } from "./model";
import type { LoadedPlan } from "./plan-json";
import { hostInventory, modelResource } from "./read-resource";

/*
 * Plans → facts, per NSX Manager, as plain data (./model). Each resource change is read by
 * ./read-resource (what may be shown), collected per manager by ./manager-resources and reviewed
 * by ./manager-review; the exit code
 * follows ./exit-policy.
 */

/**
 * Reviews the plans of one or more stacks together, grouped by manager. Each manager's stack has
 * one plan: a manager found in two plans is refused (its hosts would be counted twice).
 */
export function analyzePlans(plans: readonly LoadedPlan[]): PlanReview {
  const managers = new Map<string, ManagerResources>();
  const inputs: InputReview[] = [];
  for (const { source, plan } of plans) {
    let reviewed = 0;
    let ignored = 0;
    const managersOfInput = new Set<string>();
    const hosts = hostInventory(plan);
    const acknowledged = acknowledgedWarnings(plan);
    for (const rc of plan.resource_changes) {
      const resource = modelResource(rc, source);
      if (!resource) {
        ignored++;
        continue;
      }
      reviewed++;
      const name = resource.current[KEYS.manager] ?? UNKNOWN_MANAGER;
      let manager = managers.get(name);
      const earlier = manager?.sources[0];
      if (earlier !== undefined && earlier !== source && name !== UNKNOWN_MANAGER) {
        throw new UserError(
          `${source}: manager ${JSON.stringify(name)} is also in ${earlier}; give one plan per stack (reviewing both would count its hosts twice)`,
        );
      }
      if (!manager) {
        managers.set(name, (manager = new ManagerResources(name, hosts, acknowledged)));
      }
      manager.add(resource, source);
      managersOfInput.add(name);
    }
    inputs.push({
      source,
      formatVersion: plan.format_version,
      terraformVersion: plan.terraform_version ?? null,
      complete: plan.complete ?? true,
      reviewedResourceCount: reviewed,
      ignoredResourceCount: ignored,
      managers: [...managersOfInput],
    });
  }
  const reviews = [...managers.values()].map(reviewManager);
  return { inputs, managers: reviews, disruptive: reviews.some((m) => m.disruptive) };
}
