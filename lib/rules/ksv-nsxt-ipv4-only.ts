import { isIPv6 } from "../estate/grammar";
import type { ProtectionRule } from "./rule";

export const nsxtIpv4Exclusions: ProtectionRule = {
  id: "KSV-NSXT-IPV4-ONLY",
  level: "warning",
  why:
    "NSX-T east-west Network Introspection redirects IPv4 traffic only (VMware: Requirements for " +
    "East-West Network Introspection), so IPv6 traffic never reaches the SVM and an IPv6 " +
    "exclusion or group member there has nothing to exclude or protect.",
  check(manager) {
    if (manager.kind !== "nsx-t") return [];
    const exclusions = manager.policy.exclusions.flatMap((exclusion, index) =>
      isIPv6(exclusion.source)
        ? [
            {
              path: ["policy", "exclusions", index, "source"],
              message: `manager ${manager.name}: ${exclusion.source} is IPv6, and NSX-T introspection carries IPv4 only; the exclusion has no effect`,
            },
          ]
        : [],
    );
    const members = (manager.introspection?.groups ?? []).flatMap((group, g) =>
      group.members.flatMap((member, m) =>
        "ipAddress" in member && isIPv6(member.ipAddress)
          ? [
              {
                path: ["introspection", "groups", g, "members", m, "ipAddress"],
                message: `manager ${manager.name}: group "${group.name}" names ${member.ipAddress}, IPv6, whose traffic NSX-T introspection does not redirect`,
              },
            ]
          : [],
      ),
    );
    return [...exclusions, ...members];
  },
};
