import { formatPath } from "../estate/messages";
import type { ManagerSpec } from "../estate/schema";

/** error: the synth stops. warning: the synth goes on and says what the user may not expect. */
export type RuleLevel = "error" | "warning";

/** A rule's verdict on one manager, as data: a message for people, a path for tools. */
export interface RuleFinding {
  readonly ruleId: string;
  readonly level: RuleLevel;
  readonly manager: string;
  /** Where in the manager entry, e.g. ["policy", "networkAttack", "action"]. */
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
  /** Why the rule exists (ProtectionRule.why): shown with the finding, so it explains itself. */
  readonly why: string;
}

export interface ProtectionRule {
  readonly id: string;
  readonly level: RuleLevel;
  /** Why the rule exists, with its source: shown with every finding and in README's rule table. */
  readonly why: string;
  /**
   * Pure: the same manager always gives the same findings. What the built-in rules read (kind,
   * traffic mode, policy, introspection, cluster and host names) is always literal. A library
   * user's manager may hold tokens where lib/estate/token-fields allows them (its address, the
   * image URL, KSC's address and port, a cluster's datastore, network, IP pool and compute
   * manager): a rule that reads one of those must say nothing about a token, whose value only
   * Terraform knows.
   */
  check(manager: ManagerSpec): Array<Pick<RuleFinding, "path" | "message">>;
}

export function runRules(rules: readonly ProtectionRule[], manager: ManagerSpec): RuleFinding[] {
  return rules.flatMap((rule) =>
    rule.check(manager).map((f) => ({
      ruleId: rule.id,
      level: rule.level,
      manager: manager.name,
      why: rule.why,
      ...f,
    })),
  );
}

/** `<message> [KSV-... at policy.webAddresses]`: a finding as one line, then why the rule exists. */
export function describeRuleFinding(finding: RuleFinding): string {
  return `${finding.message} [${finding.ruleId} at ${formatPath(finding.path)}]\n  why: ${finding.why}`;
}

/** The rule's reason, as a sentence appended to an estate problem or a printed warning. */
export function ruleReason(finding: Pick<RuleFinding, "ruleId" | "why">): string {
  return `[${finding.ruleId}] why: ${finding.why}`;
}
