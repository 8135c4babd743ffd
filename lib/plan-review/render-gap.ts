import { codeSpan, formatCount, htmlCode, plural } from "../text";
import type { ProtectionGap } from "./model";

/*
 * The protection gap in the review comment: a warning naming the first hosts, then every host,
 * cluster by cluster, in <details> blocks a reader opens when they need the list. The blocks are
 * kept small, so that a long review is cut into comments between them (lib/text/split-markdown).
 */

/** Host names in the gap's warning itself; every host is in the lists below it. */
export const GAP_HOSTS_SHOWN = 5;

/** Characters of host names in one <details> block: a few of them fit in a comment. */
const HOST_LIST_CHARACTERS = 12_000;
/** Hosts on a line of a list (a soft line break: the list reads as one paragraph). */
const HOSTS_PER_LINE = 8;

const GAP_EFFECT_TEXT = {
  unscanned: "their VMs' traffic passes unscanned meanwhile",
  blocked:
    "**their VMs lose their network traffic meanwhile**: the redirection stays and the failure policy is `block`",
  unknown:
    "the redirection stays and this stack manages no failure policy (no introspection in the estate): if NSX's is block, their VMs lose their network traffic",
} as const;

function gapWarning(gap: ProtectionGap): string[] {
  const shown = gap.hosts.slice(0, GAP_HOSTS_SHOWN).map(codeSpan).join(", ");
  const more =
    gap.hostCount > GAP_HOSTS_SHOWN
      ? ` and ${formatCount(gap.hostCount - GAP_HOSTS_SHOWN)} more`
      : "";
  const clusters = gap.clusters
    .map(
      (c) =>
        `${codeSpan(c.name)}: ${c.hostsKnown ? formatCount(c.hostCount) : "hosts unknown"} (${c.cause})`,
    )
    .join(", ");
  const causes = new Set(gap.clusters.map((c) => c.cause));
  const when =
    causes.size === 1 && causes.has("replaced")
      ? "while their SVMs are removed and deployed again"
      : causes.size === 1 && causes.has("upgraded")
        ? "while their SVMs are upgraded, host by host"
        : "while this plan is applied";
  return [
    gap.effect === "blocked" ? "> [!CAUTION]" : "> [!WARNING]",
    `> **Protection gap: ${plural(gap.hostCount, "host", "hosts")}** ${gap.hostCount === 1 ? "loses" : "lose"} Network Threat Protection ${when}: ${shown}${more}; ${GAP_EFFECT_TEXT[gap.effect]}.`,
    `> Clusters: ${clusters}.`,
  ];
}

/** Hosts as code spans, a few per line, in runs of at most HOST_LIST_CHARACTERS. */
function hostRuns(hosts: readonly string[]): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  let size = 0;
  for (const host of hosts) {
    const span = codeSpan(host);
    if (run.length > 0 && size + span.length > HOST_LIST_CHARACTERS) {
      runs.push(run);
      run = [];
      size = 0;
    }
    run.push(span);
    size += span.length + 2;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function hostLines(spans: readonly string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < spans.length; i += HOSTS_PER_LINE) {
    const last = i + HOSTS_PER_LINE >= spans.length;
    lines.push(`${spans.slice(i, i + HOSTS_PER_LINE).join(", ")}${last ? "" : ","}`);
  }
  return lines;
}

/** Every host of the gap, a <details> block per cluster (several for a very large cluster). */
function hostLists(gap: ProtectionGap): string[] {
  const lines: string[] = [];
  let offset = 0;
  for (const cluster of gap.clusters) {
    const hosts = cluster.hostsKnown ? gap.hosts.slice(offset, offset + cluster.hostCount) : [];
    offset += hosts.length;
    if (hosts.length === 0) continue;
    const runs = hostRuns(hosts);
    let first = 1;
    for (const run of runs) {
      const range =
        runs.length === 1
          ? plural(hosts.length, "host", "hosts")
          : `hosts ${formatCount(first)}–${formatCount(first + run.length - 1)} of ${formatCount(hosts.length)}`;
      first += run.length;
      lines.push(
        `<details><summary>${htmlCode(cluster.name)}: ${range} (${cluster.cause})</summary>`,
        "",
        ...hostLines(run),
        "",
        "</details>",
        "",
      );
    }
  }
  return lines;
}

/** The gap's warning and, when it names only some hosts, the lists of all of them. */
export function gapSection(gap: ProtectionGap): string[] {
  const warning = gapWarning(gap);
  if (gap.hostCount <= GAP_HOSTS_SHOWN) return warning;
  const lists = hostLists(gap);
  return [...warning, "", ...lists.slice(0, -1)];
}
