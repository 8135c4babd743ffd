import { canonicalSource } from "../estate/grammar";
import type { ProtectionRule } from "./rule";

export const exclusionShadowed: ProtectionRule = {
  id: "KSV-EXCLUSION-SHADOWED",
  level: "warning",
  why:
    "Kaspersky Security Center allows several exclusions with the same scope, and the higher one " +
    "applies (KSV help 67238): a later exclusion of the same source and VLAN never does.",
  check(manager) {
    const first = new Map<string, number>();
    return manager.policy.exclusions.flatMap((exclusion, index) => {
      const scope = `${canonicalSource(exclusion.source)} vlan ${exclusion.vlan}`;
      const earlier = first.get(scope);
      if (earlier === undefined) {
        first.set(scope, index);
        return [];
      }
      const shadow = manager.policy.exclusions[earlier];
      return [
        {
          path: ["policy", "exclusions", index],
          message: `manager ${manager.name}: never applies: shadowed by exclusions[${earlier}] (${shadow.source}, vlan ${shadow.vlan}), which has the same scope and comes first`,
        },
      ];
    });
  },
};
