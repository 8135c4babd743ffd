import type { ProtectionRule } from "./rule";

export const noRedirection: ProtectionRule = {
  id: "KSV-NO-REDIRECTION",
  level: "warning",
  why:
    "Network Threat Protection sees only the traffic NSX redirects to the SVMs (Network " +
    "Introspection): introspection without a redirect rule protects no VM.",
  check(manager) {
    const section = manager.introspection;
    if (!section || section.rules.some((rule) => rule.action === "redirect")) return [];
    return [
      {
        path: ["introspection", "rules"],
        message: `manager ${manager.name}: no rule redirects traffic, so no VM is protected; add a rule with action: redirect`,
      },
    ];
  },
};
