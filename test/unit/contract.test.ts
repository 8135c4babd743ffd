import {
  knownKeys,
  RESOURCE_NAMES,
  ROLE_KEY,
  ROLES,
  TRIGGER_ATTRIBUTE,
  type Role,
} from "../../lib/contract";
import {
  estateOf,
  nsxtManager,
  nsxvManager,
  RICH_INTROSPECTION,
  synthEstate,
} from "../support/estates";

/*
 * lib/contract is what the plan review reads stacks by. Every resource the stacks write must be
 * one it knows, under its role's name, with exactly its role's keys: a key the review does not
 * know would be silently left out of every review.
 */

const estates = {
  "terraform_data, every role": estateOf([
    nsxvManager("dc1-nsxv", { lockTrafficMode: true, trafficMode: "monitoring" }),
    nsxtManager("dc2-nsxt", { introspection: RICH_INTROSPECTION }),
  ]),
  null_resource: estateOf([nsxvManager("dc1-nsxv")], { resourceType: "null_resource" }),
};

describe.each(Object.entries(estates))("stacks of %s", (_name, estate) => {
  const written = Object.values(synthEstate(estate)).flatMap((stack) =>
    Object.entries(stack.resource).flatMap(([type, byName]) =>
      Object.entries(byName).map(([name, resource]) => {
        const attribute = TRIGGER_ATTRIBUTE[type as keyof typeof TRIGGER_ATTRIBUTE];
        const triggers = (resource as unknown as Record<string, Record<string, string>>)[attribute];
        return { type, name, triggers };
      }),
    ),
  );

  test("every resource is of a type the review reads, with a role it knows", () => {
    for (const { type, triggers } of written) {
      expect(Object.keys(TRIGGER_ATTRIBUTE)).toContain(type);
      expect(ROLES).toContain(triggers[ROLE_KEY]);
    }
  });

  test("each is named after its role and stores exactly its role's keys", () => {
    for (const { name, triggers } of written) {
      const role = triggers[ROLE_KEY] as Role;
      expect(name).toBe(RESOURCE_NAMES[role]);
      expect(Object.keys(triggers).sort()).toEqual([...knownKeys(role)].sort());
    }
  });
});

test("the stacks together write every role of the contract", () => {
  const roles = new Set(
    Object.values(synthEstate(estates["terraform_data, every role"])).flatMap((stack) =>
      Object.values(stack.resource.terraform_data).map((r) => r.triggers_replace?.[ROLE_KEY]),
    ),
  );
  expect([...roles].sort()).toEqual([...ROLES].sort());
});
