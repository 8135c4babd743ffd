import { isDeepStrictEqual } from "util";
import { changeKindOf, type PlanDocument, type ResourceChange } from "../plan-review/plan-json";

/*
 * Terraform cannot apply part of a saved plan, so each wave is planned again with -target. What
 * that plan would do must be something the reviewed plan does: the same change of the same
 * resource instance, to the same values. Anything else (a resource the state lost meanwhile, a
 * change made outside the rollout) is not what was reviewed.
 */

/** Changes of a plan that do something (no-ops and data reads left out), by address. */
function changesOf(plan: PlanDocument): Map<string, ResourceChange> {
  const changes = new Map<string, ResourceChange>();
  for (const rc of plan.resource_changes) {
    const kind = changeKindOf(rc.change.actions);
    if (kind !== "no-op" && kind !== "read") {
      changes.set(rc.deposed ? `${rc.address} (deposed ${rc.deposed})` : rc.address, rc);
    }
  }
  return changes;
}

/**
 * A replacement an earlier run stopped between its halves (killed, or a hook that failed) plans
 * only the half left: the create once the old object is gone, or the removal of the old object
 * Terraform deposed after creating the new one. That is still the reviewed replacement.
 */
function isRestOfReplacement(reviewedKind: string | undefined, rc: ResourceChange): boolean {
  if (reviewedKind !== "replace") return false;
  const kind = changeKindOf(rc.change.actions);
  return kind === "create" || (kind === "delete" && rc.deposed !== undefined);
}

/**
 * Why each change of `wave` is not in `reviewed` (none: every change of the wave was reviewed).
 * A change matches when its actions are the reviewed ones (or what is left of a reviewed
 * replacement) and the values it writes are too (values known only after apply compare by which
 * of them are unknown).
 */
export function changesNotReviewed(reviewed: PlanDocument, wave: PlanDocument): string[] {
  const approved = changesOf(reviewed);
  const problems: string[] = [];
  for (const [key, rc] of changesOf(wave)) {
    const match = approved.get(rc.address);
    const kind = changeKindOf(rc.change.actions);
    const reviewedKind = match && changeKindOf(match.change.actions);
    if (!match) {
      problems.push(`${key}: ${kind}, which the reviewed plan does not do`);
    } else if (reviewedKind !== kind && !isRestOfReplacement(reviewedKind, rc)) {
      problems.push(`${key}: ${kind}, where the reviewed plan does ${reviewedKind}`);
    } else if (
      kind !== "delete" &&
      (!isDeepStrictEqual(match.change.after, rc.change.after) ||
        !isDeepStrictEqual(match.change.after_unknown, rc.change.after_unknown))
    ) {
      problems.push(`${key}: ${kind} to other values than the reviewed plan's`);
    }
  }
  return problems;
}

/** The change kind the reviewed plan has for each address. */
export function reviewedKinds(reviewed: PlanDocument): Map<string, string> {
  return new Map(
    [...changesOf(reviewed)].map(([address, rc]) => [
      address,
      changeKindOf(rc.change.actions) ?? "unknown",
    ]),
  );
}
