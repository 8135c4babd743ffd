import { isIPv6Cidr } from "../estate/grammar";
import type { ProtectionRule } from "./rule";

export const nsxtIpv4Exclusions: ProtectionRule = {
  id: "KSV-NSXT-IPV4-ONLY",
  level: "warning",
  why:
    "NSX-T east-west Network Introspection redirects IPv4 traffic only, so IPv6 traffic never " +
    "reaches the SVM and an IPv6 exclusion there has nothing to exclude.",
  check(manager) {
    if (manager.kind !== "nsx-t") return [];
    return manager.policy.exclusions.flatMap((exclusion, index) =>
      isIPv6Cidr(exclusion.cidr)
        ? [
            {
              path: ["policy", "exclusions", index, "cidr"],
              message: `manager ${manager.name}: ${exclusion.cidr} is IPv6, and NSX-T introspection carries IPv4 only; the exclusion has no effect`,
            },
          ]
        : [],
    );
  },
};
