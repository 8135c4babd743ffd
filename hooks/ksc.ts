/*
 * Kaspersky Security Center's side of the contract. The format of KSV's Network Threat Protection
 * settings inside a KSC policy is not publicly documented (KSC OpenAPI documents the policy
 * container, not this product's settings), so no reference hook can write or read them: the
 * applyPolicy hook and the verify hook of the threat policy are the site's own KSC script.
 */
export const KSC_ANSWER =
  "the threat policy is Kaspersky Security Center's, not NSX's, and its Network Threat Protection settings format is not publicly documented: run your site's KSC script for applyPolicy and for verify of threat-policy (hooks/README.md shows how to combine it with ksv-nsxt-hook in one hook command)";
