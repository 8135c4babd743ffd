import type { Acknowledgement, ManagerSpec } from "../estate/schema";
import { runRules, type ProtectionRule, type RuleFinding } from "./rule";

/*
 * Acknowledged warnings, as cdk-nag's suppressions: data that says a site has decided about a
 * warning rule, and why. An acknowledged finding is not hidden: it is reported as acknowledged,
 * with the reason, instead of as a warning. Error findings are never silenced. Pure functions:
 * the estate loader and the ProtectionRules aspect judge with them alike.
 */

/** A warning rule a site accepts for one manager, and why. */
export interface ManagerAcknowledgement {
  readonly rule: string;
  readonly reason: string;
}

export interface AcknowledgedFinding<
  A extends ManagerAcknowledgement = ManagerAcknowledgement,
> extends RuleFinding {
  readonly acknowledgement: A;
}

/** The rules' findings on one manager, sorted by what becomes of them. */
export interface Judgement<A extends ManagerAcknowledgement = ManagerAcknowledgement> {
  readonly errors: readonly RuleFinding[];
  /** Warnings no acknowledgement covers. */
  readonly warnings: readonly RuleFinding[];
  readonly acknowledged: ReadonlyArray<AcknowledgedFinding<A>>;
  /** Acknowledgements that silence nothing on this manager. */
  readonly unused: readonly A[];
}

/** Judges one manager: each warning of an acknowledged rule is acknowledged instead. */
export function judgeManager<A extends ManagerAcknowledgement>(
  rules: readonly ProtectionRule[],
  manager: ManagerSpec,
  acknowledgements: readonly A[],
): Judgement<A> {
  const byRule = new Map(acknowledgements.map((a) => [a.rule, a]));
  const used = new Set<A>();
  const errors: RuleFinding[] = [];
  const warnings: RuleFinding[] = [];
  const acknowledged: Array<AcknowledgedFinding<A>> = [];
  for (const finding of runRules(rules, manager)) {
    const acknowledgement = finding.level === "warning" ? byRule.get(finding.ruleId) : undefined;
    if (acknowledgement) {
      used.add(acknowledgement);
      acknowledged.push({ ...finding, acknowledgement });
    } else (finding.level === "error" ? errors : warnings).push(finding);
  }
  return { errors, warnings, acknowledged, unused: acknowledgements.filter((a) => !used.has(a)) };
}

/** An estate's acknowledgement and its place in `acknowledge`. */
export interface EstateAcknowledgement extends Acknowledgement {
  readonly index: number;
}

/**
 * The estate's acknowledgements that apply to a manager: those naming it, and those naming no
 * manager, for the rules none of the first acknowledges (the manager's own decision wins).
 */
export function acknowledgementsFor(
  acknowledgements: readonly Acknowledgement[],
  manager: string,
): EstateAcknowledgement[] {
  const indexed = acknowledgements.map((a, index) => ({ ...a, index }));
  const own = indexed.filter((a) => a.manager === manager);
  const ownRules = new Set(own.map((a) => a.rule));
  return [...own, ...indexed.filter((a) => a.manager === undefined && !ownRules.has(a.rule))];
}

export interface EstateJudgement {
  /** By position in the estate's managers; undefined where that entry is not valid. */
  readonly managers: ReadonlyArray<Judgement<EstateAcknowledgement> | undefined>;
  /** The acknowledgements that silence nothing in any manager they apply to (stale). */
  readonly stale: readonly EstateAcknowledgement[];
  /**
   * What each manager's NetworkThreatProtection is given (by position): the acknowledgements
   * that silence something there, and the stale ones that apply to it, so that a synth under the
   * cdktf CLI says so too. Never one that only another manager needs: it would be stale there.
   */
  readonly passedOn: ReadonlyArray<ReadonlyArray<Pick<Acknowledgement, "rule" | "reason">>>;
}

/** Judges every manager of an estate with the estate's acknowledgements. */
export function judgeEstate(
  rules: readonly ProtectionRule[],
  managers: ReadonlyArray<ManagerSpec | undefined>,
  acknowledgements: readonly Acknowledgement[],
): EstateJudgement {
  const applicable = managers.map((m) => (m ? acknowledgementsFor(acknowledgements, m.name) : []));
  const judged = managers.map((m, i) => (m ? judgeManager(rules, m, applicable[i]) : undefined));
  const silencing = new Set<number>();
  for (const judgement of judged) {
    for (const finding of judgement?.acknowledged ?? [])
      silencing.add(finding.acknowledgement.index);
  }
  const stale = acknowledgements
    .map((a, index) => ({ ...a, index }))
    .filter((a) => !silencing.has(a.index));
  const passedOn = judged.map((judgement, m) =>
    applicable[m]
      .filter(
        (a) =>
          !silencing.has(a.index) ||
          judgement?.acknowledged.some((f) => f.acknowledgement.index === a.index),
      )
      .map(({ rule, reason }) => ({ rule, reason })),
  );
  return { managers: judged, stale, passedOn };
}

/** An acknowledgement that silences nothing `where` (`in manager dc1`, `in any manager`). */
export function describeUnused(rule: string, where: string): string {
  return `the acknowledgement of ${rule} silences nothing: the rule finds nothing ${where}; remove it`;
}

/** `acknowledged: <where>: KSV-WEB-KSN (reason: ...)`: one line, in place of the warning. */
export function describeAcknowledged(where: string, finding: AcknowledgedFinding): string {
  return `acknowledged: ${where}: ${finding.ruleId} (reason: ${finding.acknowledgement.reason})`;
}
