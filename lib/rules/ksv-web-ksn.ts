import type { ProtectionRule } from "./rule";

const KSN_CATEGORIES = ["advertising", "legitimate-software"];

export const webCategoriesNeedKsn: ProtectionRule = {
  id: "KSV-WEB-KSN",
  level: "warning",
  why:
    "The advertising and legitimate-software web categories need Global KSN (KSV help 60069, " +
    "70404); without it they silently match nothing.",
  check(manager) {
    const web = manager.policy.webAddresses;
    if (!web.enabled) return [];
    const needKsn = web.categories.filter((c) => KSN_CATEGORIES.includes(c));
    if (needKsn.length === 0) return [];
    return [
      {
        path: ["policy", "webAddresses", "categories"],
        message: `manager ${manager.name}: ${needKsn.join(" and ")} ${needKsn.length > 1 ? "need" : "needs"} Global KSN enabled in Kaspersky Security Center; without it they detect nothing`,
      },
    ];
  },
};
