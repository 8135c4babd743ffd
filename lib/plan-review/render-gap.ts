import { codeSpan, formatCount, plural, someOf } from "../text";
import type { ProtectionGap } from "./model";

/*
 * The protection gap in the review comment: a warning naming the first hosts and clusters, then
 * every host, cluster by cluster, in <details> blocks a reader opens when they need the list. The
 * blocks are kept small, so that a long review is cut into comments between them
 * (lib/text/split-markdown).
 */

/** Host names in the gap's warning itself; every host is in the lists below it. */
const GAP_HOSTS_SHOWN = 5;
/** Clusters named in the gap warning: a million of them would make the comment megabytes. */
const GAP_CLUSTERS_SHOWN = 20;

/** Characters of host names in one <details> block: several blocks fit in a comment. */
const HOST_LIST_CHARACTERS = 12_000;
/** Hosts on a line of a list (soft line breaks: a cluster's hosts read as one paragraph). */
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
  const clusters = someOf(
    gap.clusters.map(
      (c) =>
        `${codeSpan(c.name)}: ${c.hostsKnown ? formatCount(c.hostCount) : "hosts unknown"} (${c.cause})`,
    ),
    { value: (text) => text },
    GAP_CLUSTERS_SHOWN,
  );
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

interface ListedHost {
  readonly cluster: ProtectionGap["clusters"][number];
  readonly span: string;
}

/** The gap's hosts with their cluster, in runs of at most HOST_LIST_CHARACTERS. */
function hostRuns(gap: ProtectionGap): ListedHost[][] {
  const runs: ListedHost[][] = [];
  let run: ListedHost[] = [];
  let size = 0;
  let offset = 0;
  for (const cluster of gap.clusters) {
    const hosts = cluster.hostsKnown ? gap.hosts.slice(offset, offset + cluster.hostCount) : [];
    offset += hosts.length;
    for (const host of hosts) {
      const span = codeSpan(host);
      if (run.length > 0 && size + span.length > HOST_LIST_CHARACTERS) {
        runs.push(run);
        run = [];
        size = 0;
      }
      run.push({ cluster, span });
      size += span.length + 2;
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** A list item per cluster: `- `prod-a` (replaced): `esx-1`, `esx-2`, …` a few hosts a line. */
function clusterItems(run: readonly ListedHost[]): string[] {
  const lines: string[] = [];
  for (let start = 0; start < run.length;) {
    let end = start;
    while (end < run.length && run[end].cluster === run[start].cluster) end++;
    const { name, cause } = run[start].cluster;
    const spans = run.slice(start, end).map((h) => h.span);
    for (let i = 0; i < spans.length; i += HOSTS_PER_LINE) {
      const text = spans.slice(i, i + HOSTS_PER_LINE).join(", ");
      const last = i + HOSTS_PER_LINE >= spans.length;
      lines.push(`${i === 0 ? `- ${codeSpan(name)} (${cause}): ` : "  "}${text}${last ? "" : ","}`);
    }
    start = end;
  }
  return lines;
}

/** Every host of the gap, in <details> blocks of a few hundred hosts. */
function hostLists(gap: ProtectionGap): string[] {
  const runs = hostRuns(gap);
  const lines: string[] = [];
  let first = 1;
  for (const run of runs) {
    const which =
      runs.length === 1
        ? `All ${plural(run.length, "host", "hosts")} of the gap`
        : `Hosts ${formatCount(first)}–${formatCount(first + run.length - 1)} of ${formatCount(gap.hostCount)}`;
    first += run.length;
    lines.push(
      `<details><summary>${which}</summary>`,
      "",
      ...clusterItems(run),
      "",
      "</details>",
      "",
    );
  }
  return lines.slice(0, -1);
}

/** The gap's warning and, when it names only some hosts, the lists of all of them. */
export function gapSection(gap: ProtectionGap): string[] {
  const warning = gapWarning(gap);
  return gap.hostCount <= GAP_HOSTS_SHOWN ? warning : [...warning, "", ...hostLists(gap)];
}
