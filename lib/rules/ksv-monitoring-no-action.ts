import type { ProtectionRule } from "./rule";

export const monitoringTakesNoAction: ProtectionRule = {
  id: "KSV-MONITORING-NO-ACTION",
  level: "warning",
  why:
    "In monitoring mode the component receives a copy of the traffic and takes no action, " +
    "whatever the policy says (KSV help 203926): a blocking or terminating action would read as " +
    "protection it is not.",
  check(manager) {
    if (manager.trafficMode !== "monitoring") return [];
    const policy = manager.policy;
    const acting = [
      policy.networkAttack.action !== "ignore" &&
        `networkAttack.action is ${policy.networkAttack.action}`,
      policy.networkActivity.monitor &&
        policy.networkActivity.action !== "ignore" &&
        `networkActivity.action is ${policy.networkActivity.action}`,
      policy.webAddresses.enabled &&
        policy.webAddresses.action !== "ignore" &&
        `webAddresses.action is ${policy.webAddresses.action}`,
    ].filter((x): x is string => typeof x === "string");
    if (acting.length === 0) return [];
    return [
      {
        path: ["policy"],
        message:
          `manager ${manager.name} runs in monitoring mode, where no action is taken: ${acting.join(", ")}, ` +
          "but threats will only be reported. Set these actions to ignore to say so, or switch to standard mode.",
      },
    ];
  },
};
