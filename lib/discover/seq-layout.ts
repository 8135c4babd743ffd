import { isNode, type CST, type YAMLSeq } from "yaml";
import { UserError } from "../user-error";
import { lineStartOf, startsLine } from "./text-splices";

/*
 * Where each entry of a YAML sequence is in the text, read from the parser's tokens (the
 * document keeps them: keepSourceTokens), so that entries can be removed and added around the
 * others without touching them: in a block sequence, an entry is its lines; in a flow sequence
 * ([a, b], JSON's arrays), the text between `[` and `]` is rebuilt from the entries' own text and
 * the separators that follow them.
 */

export interface EntrySpan {
  /** Where the entry's text starts: its anchor or tag, else its value. */
  readonly start: number;
  /** Where its value ends (a comment after it on its line is not part of it). */
  readonly valueEnd: number;
  /** Block sequences: the offset of its `-`. */
  readonly indicator?: number;
  /** Its anchor's name (`&name`), where it has one. */
  readonly anchor?: string;
}

export interface SeqLayout {
  readonly flow: boolean;
  readonly entries: readonly EntrySpan[];
  /** Flow sequences: the offsets of `[` and `]`. */
  readonly open?: number;
  readonly close?: number;
}

const PROPS = new Set(["anchor", "tag"]);

function entrySpan(
  item: CST.CollectionItem,
  node: unknown,
  where: string,
  indicator?: number,
): EntrySpan {
  if (!isNode(node) || !node.range) {
    throw new UserError(`${where}: an entry is empty; write a value or remove the line`);
  }
  const props = item.start.filter((token) => PROPS.has(token.type));
  const anchor = props.find((token) => token.type === "anchor")?.source.slice(1);
  return {
    start: props.length > 0 ? props[0].offset : node.range[0],
    valueEnd: node.range[1],
    ...(indicator !== undefined ? { indicator } : {}),
    ...(anchor ? { anchor } : {}),
  };
}

/** The layout of a sequence of the document; `where` names it in messages (`managers[0].clusters`). */
export function seqLayout(seq: YAMLSeq, text: string, where: string): SeqLayout {
  const token = seq.srcToken;
  if (token?.type === "block-seq") {
    if (token.items.length !== seq.items.length) {
      throw new Error(`${where}: ${token.items.length} tokens for ${seq.items.length} entries`);
    }
    return {
      flow: false,
      entries: token.items.map((item, i) => {
        const indicator = item.start.find((t) => t.type === "seq-item-ind")?.offset;
        // Entries are edited as lines: `- - a` (a list in a list) has no line of its own.
        if (indicator === undefined || !startsLine(text, indicator)) {
          throw new UserError(
            `${where}[${i}] does not start its own line; ksv discover edits a list entry by entry, one per line`,
          );
        }
        return entrySpan(item, seq.items[i], `${where}[${i}]`, indicator);
      }),
    };
  }
  if (token?.type === "flow-collection" && token.start.source === "[") {
    // A trailing comma ([a, b,]) leaves an item with no value: it is not an entry.
    const items = token.items.filter((item) => item.value !== undefined);
    const close = token.end.find((t) => t.type === "flow-seq-end");
    if (items.length !== seq.items.length || !close) {
      throw new Error(`${where}: ${items.length} tokens for ${seq.items.length} entries`);
    }
    return {
      flow: true,
      open: token.start.offset,
      close: close.offset,
      entries: items.map((item, i) => entrySpan(item, seq.items[i], `${where}[${i}]`)),
    };
  }
  throw new Error(`${where}: not a sequence of the text (${token?.type ?? "no token"})`);
}

/** Block entries: the text before the `-` on its line (its indentation). */
export function indentationOf(text: string, entry: EntrySpan): string {
  return text.slice(lineStartOf(text, entry.indicator!), entry.indicator);
}

/** Block entries: the spaces between `-` and the entry's text (` ` where something else is there). */
export function gapAfterIndicator(text: string, entry: EntrySpan): string {
  const gap = text.slice(entry.indicator! + 1, entry.start);
  return /^ +$/.test(gap) ? gap : " ";
}

/** Flow sequences: the separator after entry `i` (`, `, or `,\n    ` with the next entry's indentation). */
export function separatorAfter(text: string, layout: SeqLayout, i: number): string {
  return text.slice(layout.entries[i].valueEnd, layout.entries[i + 1].start);
}

/**
 * Flow sequences: the separator for an entry added at the end, as the last one is separated (a
 * comma and a line ending with its indentation, or a comma and spaces); a comment there is not
 * copied.
 */
export function separatorForNew(text: string, layout: SeqLayout, newline: string): string {
  const { entries } = layout;
  const before =
    entries.length >= 2
      ? separatorAfter(text, layout, entries.length - 2)
      : text.slice(layout.open! + 1, entries[0].start);
  const lastBreak = before.lastIndexOf("\n");
  if (lastBreak >= 0) return `,${newline}${before.slice(lastBreak + 1).replace(/[^ ]/g, "")}`;
  return entries.length >= 2 ? before : ", ";
}
