import type { Role } from "./roles";
import type { ManagerKind } from "./vocabulary";

/*
 * The order of the protection lifecycle, as one fact. The constructs write it into each stack
 * (depends_on, replace_triggered_by) and the plan review draws its apply-order diagram from it,
 * so the two cannot disagree (test/unit/apply-order.test.ts reads the synthesized stacks).
 */

/**
 * Role → the roles it depends on, per manager kind. Terraform creates a dependency before the
 * roles that depend on it and destroys them before it:
 * - SVMs are deployed after the registration (and, on NSX-T, after the service segment: VMware's
 *   prerequisite for east-west insertion) and removed before them; an upgrade acts on SVMs that
 *   exist;
 * - the service's NSX objects (profile, chain) come once the SVMs run and go before them, and
 *   removing them removes the redirection (removeObjects): traffic is never redirected to a host
 *   without its SVM by our doing;
 * - a group's members are applied before the rules that use them, and the rules are written once
 *   the objects they redirect to exist.
 * A group's life (nsx-group) is ordered against nothing. Terraform makes the create of a resource
 * wait for the destroys of everything it depends on, directly or not: with any path from the rules
 * to a group's life, the rules that stop naming a group would be written only after removeGroup,
 * which NSX refuses while a rule names the group. Without one, the two run side by side and
 * removeGroup waits until no rule names the group (measured on Terraform 1.11; README: hooks).
 */
const COMMON: Readonly<Partial<Record<Role, readonly Role[]>>> = {
  "protection-service": ["service-identity"],
  "svm-image": ["service-deployment"],
  "nsx-objects": ["protection-service", "service-deployment"],
  "redirection-rules": ["nsx-objects", "group-members"],
};

export const DEPENDS_ON: Readonly<
  Record<ManagerKind, Readonly<Partial<Record<Role, readonly Role[]>>>>
> = {
  "nsx-v": { ...COMMON, "service-deployment": ["protection-service"] },
  "nsx-t": { ...COMMON, "service-deployment": ["protection-service", "service-segment"] },
};

/**
 * Role → the roles whose replacement replaces it too (replace_triggered_by). Everything registered
 * under the service is registered again with it (KSV help 203926: remove the component and its
 * objects, unregister, register, deploy new SVMs); a new service segment needs new deployments.
 * Each is also a dependency (DEPENDS_ON), so the old instances go in the order above.
 */
export const REPLACED_WITH: Readonly<Partial<Record<Role, readonly Role[]>>> = {
  "protection-service": ["service-identity"],
  "service-deployment": ["protection-service", "service-segment"],
  "nsx-objects": ["protection-service"],
  "redirection-rules": ["nsx-objects"],
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
