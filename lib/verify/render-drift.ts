import {
  codeSpan,
  formatCount,
  GITHUB_BODY_LIMIT,
  MARKDOWN,
  plural,
  printableLines,
  shorten,
} from "../text";
import {
  countedFindings,
  driftExitCode,
  DRIFT_JSON_VERSION,
  hasDrift,
  type DriftFinding,
  type DriftReport,
  type KnownDifference,
  type ManagerDrift,
} from "./drift-model";
import { describeVerifyFinding } from "./verify-finding-text";

/*
 * ksv drift's report in words: markdown for people (a job summary; one issue per manager) and
 * JSON for machines. Every value from a hook is in a code span (printable, one line).
 */

export const DRIFT_MARKER = "<!-- ksv-drift -->";

/** The first line of a manager's own document: lets a workflow find the manager's issue. */
export function managerMarker(manager: string): string {
  return `<!-- ksv-drift:${manager} -->`;
}

/**
 * At most this many findings (and as many ignored ones) per manager in the report of all managers,
 * the job summary; the JSON and each manager's own document (its issue) have all.
 */
export const FINDINGS_SHOWN = 50;

/**
 * The most a <details> block of a manager's own document holds, in characters: with its summary
 * and a part's header it fits an issue body or comment (lib/text/split-markdown then puts each
 * in a part of its own, rather than cut it and repeat its summary).
 */
const DETAILS_BUDGET = GITHUB_BODY_LIMIT - 2_000;

/** How much of a manager's findings a document shows. */
type Extent = "summary" | "all";

/** A hook's error output as a fenced block no backtick run inside can close. */
function fenced(text: string): string[] {
  const body = printableLines(text);
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return [fence, body, fence];
}

function findingLine(finding: DriftFinding): string {
  return `- ${describeVerifyFinding(finding, MARKDOWN)} (since ${finding.since})`;
}

function ignoredLine(finding: DriftFinding): string {
  return `- ${describeVerifyFinding(finding, MARKDOWN)}: ignored until ${finding.ignored!.until}, ${codeSpan(finding.ignored!.reason)}`;
}

/** Which lines a <details> block holds, 1-based; undefined when it holds them all. */
type Range = { readonly first: number; readonly last: number; readonly total: number } | undefined;

/** Lines in <details> blocks of at most DETAILS_BUDGET characters each, each with its summary. */
function detailsBlocks(lines: readonly string[], summary: (range: Range) => string): string[] {
  const blocks: string[][] = [];
  let size = DETAILS_BUDGET;
  for (const line of lines) {
    if (size + line.length + 1 > DETAILS_BUDGET) {
      blocks.push([]);
      size = 0;
    }
    blocks[blocks.length - 1].push(line);
    size += line.length + 1;
  }
  let first = 1;
  return blocks.flatMap((block) => {
    const last = first + block.length - 1;
    const range = blocks.length === 1 ? undefined : { first, last, total: lines.length };
    first = last + 1;
    return ["", `<details><summary>${summary(range)}</summary>`, "", ...block, "", "</details>"];
  });
}

function managerSection(
  m: ManagerDrift,
  expired: readonly KnownDifference[],
  extent: Extent,
): string[] {
  const heading = `### ${codeSpan(m.name)}${m.address ? ` · ${codeSpan(m.address)}` : ""}`;
  const lines = [heading, ""];
  if (m.status === "not-checked") {
    lines.push(`Not checked: ${shorten(m.reason ?? "")}.`, "");
    return lines;
  }
  if (m.status === "failed") {
    lines.push(
      "**Could not be checked**: its other findings are unknown.",
      "",
      ...fenced(m.reason ?? ""),
      "",
    );
    return lines;
  }
  const counted = countedFindings(m);
  if (counted.length === 0) {
    lines.push(`No drift: ${plural(m.checked, "resource", "resources")} as expected.`);
  } else {
    lines.push(`**${plural(counted.length, "difference", "differences")}** from the estate:`, "");
    lines.push(...counted.slice(0, FINDINGS_SHOWN).map(findingLine));
    if (counted.length > FINDINGS_SHOWN) {
      if (extent === "all") {
        lines.push(
          ...detailsBlocks(counted.slice(FINDINGS_SHOWN).map(findingLine), (range) => {
            const [first, last] = range
              ? [range.first, range.last]
              : [1, counted.length - FINDINGS_SHOWN];
            return `Differences ${formatCount(FINDINGS_SHOWN + first)} to ${formatCount(FINDINGS_SHOWN + last)} of ${formatCount(counted.length)}`;
          }),
        );
      } else {
        lines.push(
          `- and ${formatCount(counted.length - FINDINGS_SHOWN)} more (see the manager's issue or drift.json)`,
        );
      }
    }
  }
  const ignored = m.findings.filter((f) => f.ignored !== null);
  if (ignored.length > 0) {
    const shown = extent === "all" ? ignored : ignored.slice(0, FINDINGS_SHOWN);
    const ignoredLines = shown.map(ignoredLine);
    if (shown.length < ignored.length) {
      ignoredLines.push(`- and ${formatCount(ignored.length - shown.length)} more`);
    }
    lines.push(
      ...detailsBlocks(ignoredLines, (range) =>
        range
          ? `Known differences ignored (drift.ignore), ${formatCount(range.first)} to ${formatCount(range.last)} of ${formatCount(range.total)}`
          : `${plural(ignored.length, "known difference", "known differences")} ignored (drift.ignore)`,
      ),
    );
  }
  for (const entry of expired.filter((e) => e.manager === m.name)) {
    lines.push(
      "",
      `> [!WARNING]\n> A drift.ignore entry ended on ${entry.until}${entry.cluster ? ` (cluster ${codeSpan(entry.cluster)}` : ""}${entry.host ? `${entry.cluster ? ", " : " ("}host ${codeSpan(entry.host)}` : ""}${entry.cluster || entry.host ? ")" : ""}: its findings count again. Its reason was ${codeSpan(entry.reason)}.`,
    );
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

function summary(report: DriftReport): string[] {
  const failed = report.managers.filter((m) => m.status === "failed");
  const drifting = report.managers.filter((m) => countedFindings(m).length > 0);
  const names = (list: readonly ManagerDrift[]) => list.map((m) => codeSpan(m.name)).join(", ");
  const lines: string[] = [];
  if (failed.length > 0) {
    lines.push(
      "> [!CAUTION]",
      `> **${plural(failed.length, "NSX Manager", "NSX Managers")} could not be checked** (${names(failed)}): what runs there is unknown.`,
      "",
    );
  }
  if (!report.managers.some((m) => m.status === "checked")) {
    lines.push(
      "> [!CAUTION]",
      "> **Nothing was checked**: no manager's state could be compared with NSX and KSC.",
      "",
    );
  } else if (drifting.length > 0) {
    lines.push(
      "> [!WARNING]",
      `> **Drift** on ${plural(drifting.length, "NSX Manager", "NSX Managers")} (${names(drifting)}): NSX or Kaspersky Security Center no longer look like the estate.`,
      "",
    );
  } else if (failed.length === 0) {
    lines.push(
      "> [!NOTE]",
      "> No drift: NSX and Kaspersky Security Center look like the estate.",
      "",
    );
  }
  return lines;
}

export function renderDriftMarkdown(report: DriftReport): string {
  const lines = [DRIFT_MARKER, "## Network Threat Protection drift", "", ...summary(report)];
  for (const manager of report.managers) {
    lines.push(...managerSection(manager, report.expired, "summary"));
  }
  return `${lines.join("\n")}\n`;
}

/**
 * One manager's own document, the body of its issue: every finding, with since when it is seen
 * (ksv drift writes it in parts, lib/text/split-markdown, when it is longer than an issue body).
 */
export function renderManagerDriftMarkdown(report: DriftReport, manager: ManagerDrift): string {
  const lines = [
    managerMarker(manager.name),
    `## Network Threat Protection drift: ${codeSpan(manager.name)}`,
    "",
    ...managerSection(manager, report.expired, "all"),
  ];
  return `${lines.join("\n")}\n`;
}

export function renderDriftJson(report: DriftReport): string {
  const json = {
    version: DRIFT_JSON_VERSION,
    date: report.date,
    drift: hasDrift(report),
    exitCode: driftExitCode(report),
    managers: report.managers.map((m) => ({
      ...m,
      findings: m.findings.map((f) => ({ ...f, message: describeVerifyFinding(f) })),
    })),
    expired: report.expired,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
