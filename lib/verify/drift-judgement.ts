import { hostIdentity } from "../contract";
import type { VerifyFinding } from "./compare";
import type { DriftFinding, KnownDifference } from "./drift-model";

/*
 * What a finding is beyond its facts: a key that names it across runs, since when it is seen, and
 * whether the estate acknowledges it (drift.ignore, until a date).
 */

/** The same difference, run after run: manager, kind of finding, resource, host, field. */
export function findingKey(manager: string, finding: VerifyFinding): string {
  return [manager, finding.id, finding.address, finding.host ?? "", finding.field ?? ""].join("|");
}

function covers(entry: KnownDifference, manager: string, finding: VerifyFinding): boolean {
  if (entry.manager !== manager) return false;
  if (entry.cluster !== undefined && entry.cluster !== finding.cluster) return false;
  if (entry.host !== undefined) {
    return finding.host !== null && hostIdentity(finding.host) === hostIdentity(entry.host);
  }
  return true;
}

/** An acknowledgement applies through its `until` day, UTC (dates compare as text). */
export function isActive(entry: KnownDifference, today: string): boolean {
  return today <= entry.until;
}

export interface Judgement {
  readonly manager: string;
  readonly ignores: readonly KnownDifference[];
  /** key → first day seen, from the previous report. */
  readonly seen: ReadonlyMap<string, string>;
  readonly today: string;
}

export function judgeFindings(
  findings: readonly VerifyFinding[],
  judgement: Judgement,
): DriftFinding[] {
  const active = judgement.ignores.filter((entry) => isActive(entry, judgement.today));
  return findings.map((finding) => {
    const key = findingKey(judgement.manager, finding);
    const entry = active.find((e) => covers(e, judgement.manager, finding));
    return {
      ...finding,
      key,
      since: judgement.seen.get(key) ?? judgement.today,
      ignored: entry ? { reason: entry.reason, until: entry.until } : null,
    };
  });
}

/** key → since, from a previous report's JSON (anything else reads as nothing seen before). */
export function seenFindings(previous: unknown): Map<string, string> {
  const seen = new Map<string, string>();
  const managers = (previous as { managers?: unknown })?.managers;
  if (!Array.isArray(managers)) return seen;
  for (const manager of managers) {
    const findings = (manager as { findings?: unknown })?.findings;
    if (!Array.isArray(findings)) continue;
    for (const f of findings as Array<{ key?: unknown; since?: unknown }>) {
      if (
        typeof f.key === "string" &&
        typeof f.since === "string" &&
        /^\d{4}-\d{2}-\d{2}$/.test(f.since)
      ) {
        seen.set(f.key, f.since);
      }
    }
  }
  return seen;
}
