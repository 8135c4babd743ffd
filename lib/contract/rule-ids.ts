/*
 * The protection rules by id, and the level of each: an error stops the synth (the deployment
 * cannot work as written); a warning says what the user may not expect, and a site that has
 * decided may acknowledge it. lib/rules implements them (test/unit/acknowledgements.test.ts
 * checks that it implements exactly these); the estate names the warnings it acknowledges, the
 * stacks write them into a root output (OUTPUTS.acknowledgedWarnings), the plan review reads them.
 */
export const RULE_LEVELS = {
  "KSV-NSXT-STANDARD-ONLY": "error",
  "KSV-MONITORING-NO-ACTION": "warning",
  "KSV-WEB-KSN": "warning",
  "KSV-NSXT-IPV4-ONLY": "warning",
  "KSV-EXCLUSION-SHADOWED": "warning",
  "KSV-NO-REDIRECTION": "warning",
  "KSV-GROUP-UNUSED": "warning",
  "KSV-EXCLUSION-EVERYTHING": "warning",
  "KSV-WEB-TRUST-EVERYTHING": "warning",
} as const;

export type RuleId = keyof typeof RULE_LEVELS;

type RuleIdOfLevel<L extends string> = {
  [K in RuleId]: (typeof RULE_LEVELS)[K] extends L ? K : never;
}[RuleId];

/** The rules a site may acknowledge. */
export type WarningRuleId = RuleIdOfLevel<"warning">;
export type ErrorRuleId = RuleIdOfLevel<"error">;

const ids = Object.keys(RULE_LEVELS) as RuleId[];
export const WARNING_RULE_IDS = ids.filter(
  (id): id is WarningRuleId => RULE_LEVELS[id] === "warning",
) as readonly WarningRuleId[] as readonly [WarningRuleId, ...WarningRuleId[]];
export const ERROR_RULE_IDS = ids.filter(
  (id): id is ErrorRuleId => RULE_LEVELS[id] === "error",
) as readonly ErrorRuleId[];
