import type { ProtectionRule } from "./rule";

export const nsxtStandardOnly: ProtectionRule = {
  id: "KSV-NSXT-STANDARD-ONLY",
  level: "error",
  why:
    "NSX-T always runs Network Threat Protection in Standard mode (KSV help 203926): there is no " +
    "monitoring registration to ask for. To only report, set the ignore action in network attack " +
    "detection, VM network activity control and web address scan.",
  check(manager) {
    if (manager.kind !== "nsx-t" || manager.trafficMode === "standard") return [];
    return [
      {
        path: ["trafficMode"],
        message:
          `manager ${manager.name} is an NSX-T Manager, where Network Threat Protection always runs in Standard mode; ` +
          "monitoring is not possible. To only report threats, set the ignore action in " +
          "policy.networkAttack.action, policy.networkActivity.action and policy.webAddresses.action, " +
          "and remove trafficMode.",
      },
    ];
  },
};
