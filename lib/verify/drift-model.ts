import { UserError } from "../user-error";
import type { VerifyFinding } from "./compare";

/*
 * ksv drift's report as data: per manager, whether it could be checked, and what NSX and KSC hold
 * that differs from the estate and the state. Renderers (./render-drift) turn it into text.
 */

export const DRIFT_JSON_VERSION = 1;
export const EXIT_NO_DRIFT = 0;
export const EXIT_ERROR = 1;
export const EXIT_DRIFT = 2;

/**
 * `checked`: its verify hook answered for every resource. `not-checked`: there was nothing to
 * check (no state: nothing deployed from the stack yet). `failed`: it could not be checked (the
 * stack could not be planned, or a verify hook failed, timed out or printed no answer).
 */
export type ManagerStatus = "checked" | "not-checked" | "failed";

/** A difference the estate acknowledges (drift.ignore), as drift needs it. */
export interface KnownDifference {
  readonly manager: string;
  readonly cluster?: string;
  readonly host?: string;
  readonly reason: string;
  /** The last day (UTC) it applies, YYYY-MM-DD. */
  readonly until: string;
}

export interface DriftFinding extends VerifyFinding {
  /** Stable across runs: the same difference has the same key (manager, kind, resource, host, field). */
  readonly key: string;
  /** The first day (UTC) a run saw it, as the previous report says; today when new. */
  readonly since: string;
  /** The acknowledgement it falls under (drift.ignore); an ignored finding does not count. */
  readonly ignored: { readonly reason: string; readonly until: string } | null;
}

export interface ManagerDrift {
  readonly name: string;
  readonly kind: string | null;
  readonly address: string | null;
  readonly status: ManagerStatus;
  /** Why it was not checked or failed, one line (or several: a hook's error output). */
  readonly reason: string | null;
  /** The reason when not checked; kept for readers of version 1 before `status`. */
  readonly skipped: string | null;
  /** Resources verified (in the state and standing for something in NSX or KSC). */
  readonly checked: number;
  /** Changes the estate asks for that are not applied yet: not drift, but worth knowing. */
  readonly pendingChanges: number;
  readonly findings: readonly DriftFinding[];
}

export interface DriftReport {
  /** The day (UTC) of the run, YYYY-MM-DD: what `since` and `until` are compared with. */
  readonly date: string;
  readonly managers: readonly ManagerDrift[];
  /** Acknowledgements past their date: their findings count again. */
  readonly expired: readonly KnownDifference[];
}

/** Findings that count: those no acknowledgement covers. */
export function countedFindings(manager: ManagerDrift): DriftFinding[] {
  return manager.findings.filter((finding) => finding.ignored === null);
}

/**
 * 1 when a manager could not be checked or nothing was checked at all (an error: never read as
 * "no drift"); else 2 when a manager drifts or has nothing deployed to check; else 0.
 */
export function driftExitCode(report: DriftReport): number {
  const { managers } = report;
  if (managers.some((m) => m.status === "failed")) return EXIT_ERROR;
  if (!managers.some((m) => m.status === "checked")) return EXIT_ERROR;
  const attention = managers.some(
    (m) => m.status === "not-checked" || countedFindings(m).length > 0,
  );
  return attention ? EXIT_DRIFT : EXIT_NO_DRIFT;
}

export function hasDrift(report: DriftReport): boolean {
  return report.managers.some((m) => countedFindings(m).length > 0);
}

/** The reports of several runs (a matrix job per manager) as one; a manager twice is refused. */
export function mergeDriftReports(reports: readonly DriftReport[]): DriftReport {
  const managers: ManagerDrift[] = [];
  for (const report of reports) {
    for (const manager of report.managers) {
      if (managers.some((m) => m.name === manager.name)) {
        throw new UserError(
          `manager ${manager.name} is in two drift reports: merge one report per manager (each job of the matrix checks its own)`,
        );
      }
      managers.push(manager);
    }
  }
  const expired = reports.flatMap((r) => r.expired);
  return {
    date: reports.map((r) => r.date).sort()[0] ?? new Date().toISOString().slice(0, 10),
    managers,
    expired: expired.filter(
      (entry, i) => expired.findIndex((e) => JSON.stringify(e) === JSON.stringify(entry)) === i,
    ),
  };
}
