import { isMap, isScalar, isSeq, type Document, type YAMLMap, type YAMLSeq } from "yaml";
import type { ClusterSpec } from "../estate/schema";
import { UserError } from "../user-error";
import { gapAfterIndicator, separatorForNew, seqLayout, type SeqLayout } from "./seq-layout";
import { asLines, columnOf, nextLineStart, startsLine, type Splice } from "./text-splices";
import { renderScalar, styleOf, type ScalarContext, type ScalarStyle } from "./yaml-scalar";

/*
 * New clusters written at the end of a manager's `clusters`, in the style of the last cluster
 * there: a block mapping or a flow one (JSON's objects), on one line or one key per line, keys
 * and values quoted as its are, its indentation, and `hosts` as its hosts are written (a block
 * list, or [a, b] on one line or one host per line). Keys in the README's order.
 */

const spaces = (count: number) => " ".repeat(Math.max(0, count));

/** How the last cluster is written: what a new one copies. */
interface ClusterStyle {
  readonly flowMap: boolean;
  readonly multiLine: boolean;
  readonly keyStyle: ScalarStyle;
  readonly valueStyle: ScalarStyle;
  /** Column of its keys (multi-line forms). */
  readonly keyColumn: number;
  /** Flow maps on several lines: the column of `}`. */
  readonly closeColumn: number;
  /** Flow maps on one line: the spaces inside the braces (`{ a: b }`). */
  readonly padding: string;
  readonly hosts: HostsStyle;
}

interface HostsStyle {
  readonly flow: boolean;
  readonly multiLine: boolean;
  readonly style: ScalarStyle;
  /** Block lists and flow lists on several lines: the column of a host's `-` or of the host. */
  readonly entryColumn: number;
  readonly gap: string;
  /** Flow lists on several lines: the column of `]`. */
  readonly closeColumn: number;
  /** Flow lists on one line: the separator and the spaces inside the brackets. */
  readonly separator: string;
  readonly padding: string;
}

function hostsStyleOf(text: string, seq: YAMLSeq, where: string): HostsStyle {
  const layout = seqLayout(seq, text, where);
  const last = layout.entries[layout.entries.length - 1];
  const styled = [...seq.items].reverse().map(styleOf).find(Boolean) ?? "PLAIN";
  const inside = layout.flow ? text.slice(layout.open! + 1, layout.close) : "";
  const lead = layout.flow ? text.slice(layout.open! + 1, layout.entries[0].start) : "";
  return {
    flow: layout.flow,
    multiLine: inside.includes("\n"),
    style: styled,
    entryColumn: columnOf(text, layout.flow ? last.start : last.indicator!),
    gap: layout.flow ? " " : gapAfterIndicator(text, last),
    closeColumn: layout.flow ? columnOf(text, layout.close!) : 0,
    separator:
      layout.flow && layout.entries.length >= 2 ? separatorForNew(text, layout, "\n") : ", ",
    padding: /^ +$/.test(lead) ? lead : "",
  };
}

function clusterStyleOf(text: string, map: YAMLMap, where: string): ClusterStyle {
  const first = map.items[0]?.key;
  const name = map.get("name", true);
  const hosts = map.get("hosts", true);
  if (!isScalar(first) || !first.range || !map.range || !isSeq(hosts)) {
    throw new UserError(`${where} is not written as a cluster mapping ksv discover can copy`);
  }
  const body = text.slice(map.range[0], map.range[1]);
  const closeAt = map.range[1] - 1;
  return {
    flowMap: map.flow === true,
    multiLine: body.includes("\n"),
    keyStyle: styleOf(first) ?? "PLAIN",
    valueStyle: styleOf(name) ?? "PLAIN",
    keyColumn: columnOf(text, first.range[0]),
    closeColumn: startsLine(text, closeAt) ? columnOf(text, closeAt) : columnOf(text, map.range[0]),
    padding: /^\{( *)/.exec(body)?.[1] ?? "",
    hosts: hostsStyleOf(text, hosts, `${where}.hosts`),
  };
}

/** The fields of a cluster in the README's order, absent ones left out. */
function fieldsOf(cluster: ClusterSpec): Array<[string, string]> {
  const fields: Array<[string, string | undefined]> = [
    ["name", cluster.name],
    ["datastore", cluster.datastore],
    ["network", cluster.network],
    ["ipPool", cluster.ipPool],
    ["computeManager", cluster.computeManager],
  ];
  return fields.filter((f): f is [string, string] => f[1] !== undefined);
}

function hostsText(hosts: readonly string[], style: ClusterStyle, newline: string): string {
  const h = style.hosts;
  const context: ScalarContext = h.flow ? "flow" : "block";
  const values = hosts.map((host) => renderScalar(host, h.style, context));
  if (!h.flow) {
    return values.map((v) => `${newline}${spaces(h.entryColumn)}-${h.gap}${v}`).join("");
  }
  if (!h.multiLine) return ` [${h.padding}${values.join(h.separator)}${h.padding}]`;
  const entries = values.map((v) => `${spaces(h.entryColumn)}${v}`).join(`,${newline}`);
  return ` [${newline}${entries}${newline}${spaces(h.closeColumn)}]`;
}

/** A new cluster as the text of a mapping (without the `- ` or separator before it). */
function clusterText(cluster: ClusterSpec, style: ClusterStyle, newline: string): string {
  const context: ScalarContext = style.flowMap ? "flow" : "block";
  const key = (k: string) => renderScalar(k, style.keyStyle, context);
  const pairs = fieldsOf(cluster).map(
    ([k, v]) => `${key(k)}: ${renderScalar(v, style.valueStyle, context)}`,
  );
  pairs.push(`${key("hosts")}:${hostsText(cluster.hosts, style, newline)}`);
  if (!style.flowMap) return pairs.join(`${newline}${spaces(style.keyColumn)}`);
  if (!style.multiLine) return `{${style.padding}${pairs.join(", ")}${style.padding}}`;
  const lines = pairs.map((p) => `${spaces(style.keyColumn)}${p}`).join(`,${newline}`);
  return `{${newline}${lines}${newline}${spaces(style.closeColumn)}}`;
}

/** The splice that appends clusters to managers[manager].clusters. */
export function clustersSplice(
  doc: Document,
  text: string,
  manager: number,
  clusters: readonly ClusterSpec[],
  newline: string,
): Splice {
  const where = `managers[${manager}].clusters`;
  const seq = doc.getIn(["managers", manager, "clusters"], true);
  if (!isSeq(seq)) {
    throw new UserError(`${where} is not written as a list here (a YAML alias?); write it out`);
  }
  const layout: SeqLayout = seqLayout(seq, text, where);
  const lastIndex = layout.entries.length - 1;
  const last = layout.entries[lastIndex];
  const map = seq.items[lastIndex];
  if (!isMap(map)) throw new UserError(`${where}[${lastIndex}] is not a mapping`);
  const style = clusterStyleOf(text, map, `${where}[${lastIndex}]`);
  if (layout.flow) {
    const separator = separatorForNew(text, layout, newline);
    const added = clusters.map((c) => `${separator}${clusterText(c, style, newline)}`).join("");
    return { start: last.valueEnd, end: last.valueEnd, text: added };
  }
  // Block list: each cluster on lines of its own, its `-` where the last one's is.
  const dash = columnOf(text, last.indicator!);
  const gap = style.flowMap
    ? gapAfterIndicator(text, last)
    : spaces(Math.max(1, style.keyColumn - dash - 1));
  const lines = clusters
    .map((c) => `${spaces(dash)}-${gap}${clusterText(c, style, newline)}${newline}`)
    .join("");
  const at = nextLineStart(text, last.valueEnd);
  return { start: at, end: at, text: asLines(text, at, lines, newline) };
}
