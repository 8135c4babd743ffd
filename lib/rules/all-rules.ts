import { monitoringTakesNoAction } from "./monitoring-takes-no-action";
import { nsxtIpv4Exclusions } from "./nsxt-ipv4-exclusions";
import { nsxtStandardOnly } from "./nsxt-standard-only";
import type { ProtectionRule } from "./rule";
import { webCategoriesNeedKsn } from "./web-categories-need-ksn";

/** Every rule, applied by the estate loader and by the ProtectionRules aspect. */
export const PROTECTION_RULES: readonly ProtectionRule[] = [
  nsxtStandardOnly,
  monitoringTakesNoAction,
  webCategoriesNeedKsn,
  nsxtIpv4Exclusions,
];
