import type { Role } from "./roles";
import type { ManagerKind } from "./vocabulary";

/*
 * The order of the protection lifecycle, as one fact. The constructs write it into each stack
 * (depends_on, replace_triggered_by) and the plan review draws its apply-order diagram from it,
 * so the two cannot disagree (test/unit/apply-order.test.ts reads the synthesized stacks).
 */

/**
 * Role → the roles it depends on, per manager kind. Terraform creates a dependency before the
 * roles that depend on it and destroys them before it: SVMs are deployed after the registration
 * (and, on NSX-T, after the service segment: VMware's prerequisite for east-west insertion) and
 * removed before them; traffic is redirected (NSX objects) only once the SVMs run, and the
 * redirection goes before the SVMs do.
 */
export const DEPENDS_ON: Readonly<
  Record<ManagerKind, Readonly<Partial<Record<Role, readonly Role[]>>>>
> = {
  "nsx-v": {
    "service-deployment": ["protection-service"],
    "nsx-objects": ["protection-service", "service-deployment"],
  },
  "nsx-t": {
    "service-deployment": ["protection-service", "service-segment"],
    "nsx-objects": ["protection-service", "service-deployment"],
  },
};

/**
 * Role → the roles whose replacement replaces it too (replace_triggered_by). Everything registered
 * under the service is registered again with it (KSV help 203926: remove the component and its
 * objects, unregister, register, deploy new SVMs); a new service segment needs new deployments.
 * Each is also a dependency (DEPENDS_ON), so the old instances go in the order above.
 */
export const REPLACED_WITH: Readonly<Partial<Record<Role, readonly Role[]>>> = {
  "service-deployment": ["protection-service", "service-segment"],
  "nsx-objects": ["protection-service"],
};

/** The roles `role` depends on in a stack of `kind`. */
export function dependenciesOf(kind: ManagerKind, role: Role): readonly Role[] {
  return DEPENDS_ON[kind][role] ?? [];
}

/** The roles whose replacement replaces `role`, among those it depends on in `kind`. */
export function replacementTriggersOf(kind: ManagerKind, role: Role): readonly Role[] {
  const dependencies = dependenciesOf(kind, role);
  return (REPLACED_WITH[role] ?? []).filter((trigger) => dependencies.includes(trigger));
}
