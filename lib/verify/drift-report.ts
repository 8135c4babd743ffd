import { codeSpan, plural } from "../text";
import type { VerifyFinding } from "./compare";
import { describeVerifyFinding } from "./verify-finding-text";

/*
 * ksv drift's report: per manager, what NSX and KSC hold that differs from the estate and the
 * state. Data first; markdown for people (a job summary, an issue) and JSON for machines.
 */

export const DRIFT_MARKER = "<!-- ksv-drift -->";
export const DRIFT_JSON_VERSION = 1;
export const EXIT_NO_DRIFT = 0;
export const EXIT_DRIFT = 2;

export interface ManagerDrift {
  readonly name: string;
  readonly kind: string | null;
  readonly address: string | null;
  /** Resources verified (in the state and standing for something in NSX or KSC). */
  readonly checked: number;
  /** Why the manager was not checked (no state yet), or null. */
  readonly skipped: string | null;
  /** Changes the estate asks for that are not applied yet: not drift, but worth knowing. */
  readonly pendingChanges: number;
  readonly findings: readonly VerifyFinding[];
}

export interface DriftReport {
  readonly managers: readonly ManagerDrift[];
}

export function hasDrift(report: DriftReport): boolean {
  return report.managers.some((m) => m.findings.length > 0);
}

export function driftExitCode(report: DriftReport): number {
  return hasDrift(report) ? EXIT_DRIFT : EXIT_NO_DRIFT;
}

/** At most this many findings per manager in markdown; the JSON has all. */
export const FINDINGS_SHOWN = 50;

function managerSection(m: ManagerDrift): string[] {
  const heading = `### ${codeSpan(m.name)}${m.address ? ` · ${codeSpan(m.address)}` : ""}`;
  if (m.skipped) return [heading, "", `Not checked: ${m.skipped}.`, ""];
  const lines = [heading, ""];
  if (m.findings.length === 0) {
    lines.push(`No drift: ${plural(m.checked, "resource", "resources")} as expected.`);
  } else {
    lines.push(
      `**${plural(m.findings.length, "difference", "differences")}** from the estate:`,
      "",
    );
    for (const finding of m.findings.slice(0, FINDINGS_SHOWN)) {
      lines.push(`- ${describeVerifyFinding(finding, { value: codeSpan })}`);
    }
    if (m.findings.length > FINDINGS_SHOWN) {
      lines.push(`- and ${m.findings.length - FINDINGS_SHOWN} more (see the JSON report)`);
    }
  }
  if (m.pendingChanges > 0) {
    lines.push(
      "",
      `${plural(m.pendingChanges, "change", "changes")} of the estate not applied yet (not drift: see \`cdktf diff ${m.name}\`).`,
    );
  }
  lines.push("");
  return lines;
}

export function renderDriftMarkdown(report: DriftReport): string {
  const drifting = report.managers.filter((m) => m.findings.length > 0);
  const lines = [DRIFT_MARKER, "## Network Threat Protection drift", ""];
  if (drifting.length > 0) {
    const names = drifting.map((m) => codeSpan(m.name)).join(", ");
    lines.push(
      "> [!WARNING]",
      `> **Drift** on ${plural(drifting.length, "NSX Manager", "NSX Managers")} (${names}): NSX or Kaspersky Security Center no longer look like the estate.`,
      "",
    );
  } else {
    lines.push(
      "> [!NOTE]",
      "> No drift: NSX and Kaspersky Security Center look like the estate.",
      "",
    );
  }
  for (const manager of report.managers) lines.push(...managerSection(manager));
  return `${lines.join("\n")}\n`;
}

export function renderDriftJson(report: DriftReport): string {
  const json = {
    version: DRIFT_JSON_VERSION,
    drift: hasDrift(report),
    exitCode: driftExitCode(report),
    managers: report.managers.map((m) => ({
      ...m,
      findings: m.findings.map((f) => ({ ...f, message: describeVerifyFinding(f) })),
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
