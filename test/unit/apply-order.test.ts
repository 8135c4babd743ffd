import {
  dependenciesOf,
  RESOURCE_NAMES,
  replacementTriggersOf,
  ROLE_KEY,
  type ManagerKind,
  type Role,
} from "../../lib/contract";
import {
  estateOf,
  nsxtManager,
  nsxvManager,
  resources,
  synthEstate,
  triggersOf,
} from "../support/estates";

/*
 * The apply order is one fact (lib/contract): the constructs write it into each stack and the plan
 * review draws from it. Every depends_on and replace_triggered_by of a synthesized stack is one the
 * contract states, and every one the contract states for the roles of the stack is written.
 */

const stacks = synthEstate(
  estateOf([nsxvManager("dc1-nsxv", { lockTrafficMode: true }), nsxtManager("dc2-nsxt")]),
);

const roleOfName = new Map<string, Role>(
  Object.entries(RESOURCE_NAMES).map(([role, name]) => [name, role as Role]),
);

/** `terraform_data.deployment` → service-deployment */
function roleOfAddress(address: string): Role {
  const role = roleOfName.get(address.split(".")[1]);
  if (!role) throw new Error(`no role is named ${address}`);
  return role;
}

describe.each([
  ["dc1-nsxv", "nsx-v"],
  ["dc2-nsxt", "nsx-t"],
] as const)("%s (%s)", (stack, kind: ManagerKind) => {
  const byRole = new Map(
    Object.values(resources(stacks[stack])).map((r) => [triggersOf(r)[ROLE_KEY] as Role, r]),
  );

  test("every depends_on is one the contract states, and the reverse", () => {
    for (const [role, resource] of byRole) {
      const written = (resource.depends_on ?? []).map(roleOfAddress).sort();
      const stated = dependenciesOf(kind, role).filter((r) => byRole.has(r));
      expect({ role, dependsOn: written }).toEqual({ role, dependsOn: [...stated].sort() });
    }
  });

  test("every replace_triggered_by is one the contract states, and the reverse", () => {
    for (const [role, resource] of byRole) {
      const written = (resource.lifecycle?.replace_triggered_by ?? []).map(roleOfAddress).sort();
      const stated = replacementTriggersOf(kind, role).filter((r) => byRole.has(r));
      expect({ role, replacedWith: written }).toEqual({ role, replacedWith: [...stated].sort() });
    }
  });
});
