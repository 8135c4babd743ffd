/*
 * Changing a text in place: each change is a splice (replace start..end with new text), and
 * everything outside the splices stays byte for byte. Offsets are of the original text.
 */

export interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * The text with every splice made. Splices at one offset keep the order they were given in (a
 * cluster's new hosts before a new cluster after it); overlapping ones are a bug of the caller.
 */
export function applySplices(text: string, splices: readonly Splice[]): string {
  const ordered = splices
    .map((splice, order) => ({ splice, order }))
    .sort((a, b) => a.splice.start - b.splice.start || a.order - b.order)
    .map((entry) => entry.splice);
  let out = "";
  let at = 0;
  for (const splice of ordered) {
    if (splice.start < at || splice.end < splice.start || splice.end > text.length) {
      throw new Error(`overlapping or misplaced splice at ${splice.start}..${splice.end}`);
    }
    out += text.slice(at, splice.start) + splice.text;
    at = splice.end;
  }
  return out + text.slice(at);
}

/** The file's line ending: CRLF where it uses it, else LF. */
export function newlineOf(text: string): "\n" | "\r\n" {
  return /\r\n/.test(text) ? "\r\n" : "\n";
}

/** Where the line holding `offset` starts. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/**
 * Where the next line starts, for a value that ends at `offset`: past the rest of its line (a
 * comment on it included) and its line ending; `offset` itself when a line starts there.
 */
export function nextLineStart(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === "\n") return offset;
  const newline = text.indexOf("\n", offset);
  return newline < 0 ? text.length : newline + 1;
}

/** The column of `offset` (0-based, in UTF-16 units: indentation is spaces). */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** True when only spaces precede `offset` on its line: it is the first thing there. */
export function startsLine(text: string, offset: number): boolean {
  return /^ *$/.test(text.slice(lineStartOf(text, offset), offset));
}

/** Text inserted at `offset` as whole lines: a line ending first where the file lacks one. */
export function asLines(text: string, offset: number, lines: string, newline: string): string {
  const atUnendedEnd = offset === text.length && text.length > 0 && !text.endsWith("\n");
  return atUnendedEnd ? newline + lines.slice(0, -newline.length) : lines;
}
