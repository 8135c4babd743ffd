import { canonicalSource } from "../estate/grammar";
import type { ProtectionRule } from "./rule";

export const exclusionEverything: ProtectionRule = {
  id: "KSV-EXCLUSION-EVERYTHING",
  level: "warning",
  why:
    "An exclusion of 0.0.0.0/0 or ::/0 that does not scan or does not block takes every source " +
    "of its VLAN scope out of protection (KSV help 67238): legal, and almost always a mistake.",
  check(manager) {
    return manager.policy.exclusions.flatMap((exclusion, index) =>
      // ::ffff:0:0/96 is 0.0.0.0/0 written as IPv6, as KSV-EXCLUSION-SHADOWED reads it too.
      exclusion.rule !== "default" && canonicalSource(exclusion.source).endsWith("/0")
        ? [
            {
              path: ["policy", "exclusions", index, "source"],
              message: `manager ${manager.name}: ${exclusion.source} with ${exclusion.rule} excludes every address (vlan ${exclusion.vlan}): Network Threat Protection ${exclusion.rule === "do-not-scan" ? "scans none of that traffic" : "blocks none of it"}`,
            },
          ]
        : [],
    );
  },
};
