import type { ProtectionRule } from "./rule";

export const groupUnused: ProtectionRule = {
  id: "KSV-GROUP-UNUSED",
  level: "warning",
  why:
    "A group decides nothing until a redirection rule names it: its VMs are redirected (or not) " +
    "by the rules that name other groups or any.",
  check(manager) {
    const section = manager.introspection;
    if (!section) return [];
    const used = new Set(section.rules.flatMap((rule) => [...rule.sources, ...rule.destinations]));
    return section.groups.flatMap((group, index) =>
      used.has(group.name)
        ? []
        : [
            {
              path: ["introspection", "groups", index],
              message: `manager ${manager.name}: group "${group.name}" is used by no rule`,
            },
          ],
    );
  },
};
