import { isSeq, type Document } from "yaml";
import { UserError } from "../user-error";
import {
  gapAfterIndicator,
  indentationOf,
  separatorAfter,
  separatorForNew,
  seqLayout,
  type SeqLayout,
} from "./seq-layout";
import { asLines, lineStartOf, nextLineStart, startsLine, type Splice } from "./text-splices";
import { renderScalar, styleOf, type ScalarStyle } from "./yaml-scalar";

/*
 * One cluster's `hosts` changed in the text: entries removed, entries added at the end. The
 * entries kept keep their text (quoting, a comment on their line); comment lines between entries
 * stay; a removed host's own line goes, with a comment on it. Added hosts are written as the
 * last kept host is (plain or quoted). Block lists and flow lists of one entry per line (JSON's
 * arrays) are edited line by line; a flow list laid out otherwise ([a, b] on one line) has the
 * text between its brackets rebuilt from its kept entries and their separators.
 */

export interface HostsEdit {
  /** managers[manager].clusters[cluster].hosts */
  readonly manager: number;
  readonly cluster: number;
  /** Places in `hosts` of the entries to remove. */
  readonly remove: readonly number[];
  /** Hosts to add at the end, in order. */
  readonly add: readonly string[];
}

/** Anchors (&name) some alias (*name) of the document uses: removing one would break the file. */
export type UsedAnchors = ReadonlySet<string>;

function styleNear(seq: { items: unknown[] }, kept: readonly number[]): ScalarStyle {
  for (const i of [...kept].reverse()) {
    const style = styleOf(seq.items[i]);
    if (style) return style;
  }
  return "PLAIN";
}

function blockSplices(
  text: string,
  layout: SeqLayout,
  remove: ReadonlySet<number>,
  add: readonly string[],
  render: (host: string) => string,
  newline: string,
): Splice[] {
  const { entries } = layout;
  const splices: Splice[] = [...remove].map((i) => ({
    start: lineStartOf(text, entries[i].indicator!),
    end: nextLineStart(text, entries[i].valueEnd),
    text: "",
  }));
  if (add.length > 0) {
    let last = entries.length - 1;
    while (remove.has(last)) last -= 1;
    const model = entries[last];
    const prefix = `${indentationOf(text, model)}-${gapAfterIndicator(text, model)}`;
    const at = nextLineStart(text, entries[entries.length - 1].valueEnd);
    const lines = add.map((host) => `${prefix}${render(host)}${newline}`).join("");
    splices.push({ start: at, end: at, text: asLines(text, at, lines, newline) });
  }
  return splices;
}

/** The rest of the line after `offset`, without its line ending. */
function restOfLine(text: string, offset: number): string {
  return text.slice(offset, nextLineStart(text, offset)).replace(/\r?\n$/, "");
}

/**
 * A flow list written one entry per line (JSON's arrays as JSON.stringify and Prettier write
 * them), each entry alone on its line but for its comma and a comment, `]` on a line after them.
 */
function oneEntryPerLine(text: string, layout: SeqLayout): boolean {
  const { entries } = layout;
  const last = entries[entries.length - 1];
  return (
    entries.every(
      (e) =>
        startsLine(text, e.start) && /^[ \t]*,?[ \t]*(#.*)?$/.test(restOfLine(text, e.valueEnd)),
    ) && nextLineStart(text, last.valueEnd) <= layout.close!
  );
}

/**
 * Such a list edited line by line, as a block list is: a comment on a kept entry's line stays
 * with it, one on a removed entry's line goes with it, and commas are kept right (JSON allows no
 * comma after the last entry; a YAML list that had one keeps it).
 */
function flowLineSplices(
  text: string,
  layout: SeqLayout,
  remove: ReadonlySet<number>,
  add: readonly string[],
  render: (host: string) => string,
  newline: string,
): Splice[] {
  const { entries } = layout;
  const n = entries.length;
  const commaAfter = (i: number) => {
    const rest = restOfLine(text, entries[i].valueEnd);
    const at = rest.indexOf(",");
    return at >= 0 && !rest.slice(0, at).includes("#") ? entries[i].valueEnd + at : -1;
  };
  const trailingComma = commaAfter(n - 1) >= 0;
  let last = n - 1;
  while (remove.has(last)) last -= 1;
  const splices: Splice[] = [...remove].map((i) => ({
    start: lineStartOf(text, entries[i].start),
    end: nextLineStart(text, entries[i].valueEnd),
    text: "",
  }));
  if (add.length > 0) {
    if (last === n - 1 && !trailingComma) {
      splices.push({ start: entries[last].valueEnd, end: entries[last].valueEnd, text: "," });
    }
    const indent = text.slice(lineStartOf(text, entries[last].start), entries[last].start);
    const lines = add
      .map((host, k) => {
        const comma = k < add.length - 1 || trailingComma ? "," : "";
        return `${indent}${render(host)}${comma}${newline}`;
      })
      .join("");
    const at = nextLineStart(text, entries[n - 1].valueEnd);
    splices.push({ start: at, end: at, text: lines });
  } else if (last < n - 1 && !trailingComma) {
    const comma = commaAfter(last);
    splices.push({ start: comma, end: comma + 1, text: "" });
  }
  return splices;
}

/** A flow list on one line (or laid out freely): its inside rebuilt, entries' own text kept. */
function flowSplice(
  text: string,
  layout: SeqLayout,
  remove: ReadonlySet<number>,
  add: readonly string[],
  render: (host: string) => string,
  newline: string,
): Splice {
  const { entries } = layout;
  const kept = entries.map((_, i) => i).filter((i) => !remove.has(i));
  let out = text.slice(layout.open! + 1, entries[0].start);
  kept.forEach((i, k) => {
    out += text.slice(entries[i].start, entries[i].valueEnd);
    // Between two kept entries: the separator that followed the first (its comment included).
    if (k < kept.length - 1) out += separatorAfter(text, layout, i);
  });
  const separator = separatorForNew(text, layout, newline);
  for (const host of add) out += `${separator}${render(host)}`;
  out += text.slice(entries[entries.length - 1].valueEnd, layout.close);
  return { start: layout.open! + 1, end: layout.close!, text: out };
}

/** The splices that make one cluster's hosts edit; UserError where the file cannot be edited so. */
export function hostsSplices(
  doc: Document,
  text: string,
  edit: HostsEdit,
  usedAnchors: UsedAnchors,
  newline: string,
): Splice[] {
  const where = `managers[${edit.manager}].clusters[${edit.cluster}].hosts`;
  const seq = doc.getIn(["managers", edit.manager, "clusters", edit.cluster, "hosts"], true);
  if (!isSeq(seq)) {
    throw new UserError(
      `${where} is not written as a list here (a YAML alias?); ksv discover edits the list's own text: write it out`,
    );
  }
  const layout = seqLayout(seq, text, where);
  const remove = new Set(edit.remove);
  for (const i of remove) {
    const anchor = layout.entries[i]?.anchor;
    if (i < 0 || i >= layout.entries.length) throw new Error(`${where}[${i}] does not exist`);
    if (anchor && usedAnchors.has(anchor)) {
      throw new UserError(
        `${where}[${i}] carries the YAML anchor &${anchor}, which an alias (*${anchor}) uses; removing the host would break the file: write the alias out first`,
      );
    }
  }
  if (remove.size === layout.entries.length) {
    // A cluster has at least one host (the schema); discover leaves a cluster whose hosts all went.
    throw new Error(`${where}: every host removed`);
  }
  const kept = layout.entries.map((_, i) => i).filter((i) => !remove.has(i));
  const style = styleNear(seq, kept);
  const render = (host: string) => renderScalar(host, style, layout.flow ? "flow" : "block");
  if (!layout.flow) return blockSplices(text, layout, remove, edit.add, render, newline);
  if (oneEntryPerLine(text, layout)) {
    return flowLineSplices(text, layout, remove, edit.add, render, newline);
  }
  return [flowSplice(text, layout, remove, edit.add, render, newline)];
}
