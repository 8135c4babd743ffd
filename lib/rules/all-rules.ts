import { exclusionEverything } from "./ksv-exclusion-everything";
import { exclusionShadowed } from "./ksv-exclusion-shadowed";
import { groupUnused } from "./ksv-group-unused";
import { monitoringTakesNoAction } from "./ksv-monitoring-no-action";
import { noRedirection } from "./ksv-no-redirection";
import { nsxtIpv4Exclusions } from "./ksv-nsxt-ipv4-only";
import { nsxtStandardOnly } from "./ksv-nsxt-standard-only";
import type { ProtectionRule } from "./rule";
import { webCategoriesNeedKsn } from "./ksv-web-ksn";
import { webTrustEverything } from "./ksv-web-trust-everything";

/** Every rule, applied by the estate loader and by the ProtectionRules aspect. */
export const PROTECTION_RULES: readonly ProtectionRule[] = [
  nsxtStandardOnly,
  monitoringTakesNoAction,
  webCategoriesNeedKsn,
  nsxtIpv4Exclusions,
  exclusionShadowed,
  exclusionEverything,
  webTrustEverything,
  noRedirection,
  groupUnused,
];
