/*
 * A markdown document cut into parts that each fit a size limit: GitHub refuses a comment or an
 * issue body above 65,536 characters, and a long review (every host of a 20,000-host gap) is
 * several times that. Each part is a complete document: it starts with the document's marker
 * comment (numbered, so a workflow can find and update each part) and its title with "part k of
 * n", and no code block, <details> block or code span is cut. Parts break before a section (a
 * heading) where the section fits in a part of its own, otherwise between its blocks; only a
 * single block larger than a part is cut, closed and reopened (a fence, a <details> block) at a
 * line.
 */

/** GitHub's limit on a comment or issue body, in characters. */
export const GITHUB_BODY_LIMIT = 65_536;

/** `<!-- name -->`: the first line of a document a workflow finds by. */
const MARKER = /^<!-- (.+?) -->$/;
const HEADING = /^#{1,6} /;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const PART_SEPARATOR = "\n\n";

/**
 * The marker of part `index` (1-based): the document's own for the first part, so that a
 * single-part document is found as before; `<!-- name part 2 -->` for the others.
 */
export function partMarker(marker: string, index: number): string {
  if (index === 1) return marker;
  const name = MARKER.exec(marker)?.[1];
  return name === undefined ? marker : `<!-- ${name} part ${index} -->`;
}

/** Which part a document is, from its first line; undefined when it does not carry `marker`. */
export function partIndexOf(document: string, marker: string): number | undefined {
  const firstLine = document.slice(0, document.indexOf("\n") >>> 0);
  if (firstLine === marker) return 1;
  const name = MARKER.exec(marker)?.[1];
  const match = name === undefined ? null : /^<!-- (.+) part (\d+) -->$/.exec(firstLine);
  return match && match[1] === name ? Number(match[2]) : undefined;
}

interface Block {
  readonly text: string;
  readonly kind: "fence" | "details" | "plain";
  readonly startsSection: boolean;
}

/** The document's blocks: fenced code and <details> elements whole, other runs of lines. */
function blocksOf(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].trim() === "") {
      i++;
      continue;
    }
    const start = i;
    let kind: Block["kind"] = "plain";
    const fence = FENCE.exec(lines[i]);
    if (fence) {
      kind = "fence";
      const closing = new RegExp(`^ {0,3}${fence[1][0]}{${fence[1].length},}\\s*$`);
      i++;
      while (i < lines.length && !closing.test(lines[i])) i++;
      i++;
    } else if (/^<details\b/i.test(lines[i])) {
      kind = "details";
      let depth = 0;
      for (; i < lines.length; i++) {
        depth += (lines[i].match(/<details\b/gi) ?? []).length;
        depth -= (lines[i].match(/<\/details>/gi) ?? []).length;
        if (depth <= 0) break;
      }
      i++;
    } else {
      while (i < lines.length && lines[i].trim() !== "" && (i === start || !startsBlock(lines[i])))
        i++;
    }
    const text = lines.slice(start, Math.min(i, lines.length)).join("\n");
    blocks.push({ text, kind, startsSection: HEADING.test(lines[start]) });
  }
  return blocks;
}

function startsBlock(line: string): boolean {
  return FENCE.test(line) || /^<details\b/i.test(line) || HEADING.test(line);
}

/** Whether a cut at `index` of `line` falls inside a code span. */
function insideCodeSpan(line: string, index: number): boolean {
  let open: string | undefined;
  for (const match of line.slice(0, index).matchAll(/`+/g)) {
    if (open === undefined) open = match[0];
    else if (match[0] === open) open = undefined;
  }
  return open !== undefined;
}

/** A line too long for a part, cut at spaces outside code spans (a hard cut if there is none). */
function cutLine(line: string, room: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > room) {
    let cut = rest.lastIndexOf(" ", room);
    while (cut > 0 && insideCodeSpan(rest, cut)) cut = rest.lastIndexOf(" ", cut - 1);
    if (cut <= 0) cut = room;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  return [...pieces, rest];
}

/** A block larger than a part, cut at lines; a fence or <details> block is closed and reopened. */
function cutBlock(block: Block, room: number): Block[] {
  const lines = block.text.split("\n");
  let open = "";
  let close = "";
  let body = lines;
  if (block.kind === "fence") {
    open = lines[0];
    close = FENCE.exec(lines[0])![1];
    body = lines.slice(1, lines[lines.length - 1].trim().startsWith(close) ? -1 : undefined);
  } else if (block.kind === "details") {
    const summaryEnd = lines.findIndex((line) => /<\/summary>/i.test(line));
    open = lines.slice(0, summaryEnd + 1).join("\n") + "\n";
    close = "\n</details>";
    body = lines.slice(summaryEnd + 1, /<\/details>\s*$/i.test(lines.at(-1)!) ? -1 : undefined);
  }
  const wrap = (inner: string[]) =>
    block.kind === "plain" ? inner.join("\n") : [open, ...inner, close].join("\n");
  const innerRoom = room - wrap([]).length - 1;
  if (innerRoom < 16) throw new Error(`splitMarkdown: a limit of ${room} leaves no room`);
  const pieces: Block[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of body.flatMap((l) => (l.length > innerRoom ? cutLine(l, innerRoom) : [l]))) {
    if (current.length > 0 && size + line.length + 1 > innerRoom) {
      pieces.push({ ...block, text: wrap(current), startsSection: pieces.length === 0 });
      current = [];
      size = 0;
    }
    current.push(line);
    size += line.length + 1;
  }
  pieces.push({ ...block, text: wrap(current), startsSection: pieces.length === 0 });
  return pieces.map((piece, i) => ({ ...piece, startsSection: i === 0 && block.startsSection }));
}

/** Sections: a heading and the blocks up to the next one (the blocks before the first, too). */
function sectionsOf(blocks: readonly Block[]): Block[][] {
  const sections: Block[][] = [];
  for (const block of blocks) {
    if (block.startsSection || sections.length === 0) sections.push([block]);
    else sections[sections.length - 1].push(block);
  }
  return sections;
}

const sizeOf = (blocks: readonly Block[]) =>
  blocks.reduce((sum, b) => sum + b.text.length, 0) + PART_SEPARATOR.length * blocks.length;

/** Blocks packed into parts of at most `room` characters each. */
function pack(sections: readonly Block[][], room: number): Block[][] {
  const parts: Block[][] = [[]];
  const place = (block: Block) => {
    const current = parts[parts.length - 1];
    if (current.length > 0 && sizeOf(current) + sizeOf([block]) > room) parts.push([block]);
    else current.push(block);
  };
  for (const section of sections) {
    const current = parts[parts.length - 1];
    const whole = sizeOf(section);
    if (sizeOf(current) + whole <= room) current.push(...section);
    else if (whole <= room) parts.push([...section]);
    else {
      for (const block of section) {
        if (sizeOf([block]) <= room) place(block);
        else cutBlock(block, room - PART_SEPARATOR.length).forEach(place);
      }
    }
  }
  return parts.filter((part) => part.length > 0);
}

interface Header {
  readonly marker?: string;
  readonly title?: string;
  readonly bodyStart: number;
}

function headerOf(lines: readonly string[]): Header {
  let index = 0;
  const marker = MARKER.test(lines[0] ?? "") ? lines[index++] : undefined;
  while (index < lines.length && lines[index].trim() === "") index++;
  const title = HEADING.test(lines[index] ?? "") ? lines[index++] : undefined;
  return { marker, title, bodyStart: index };
}

function partHeader(header: Header, index: number, count: number): string {
  const which = `part ${index} of ${count}`;
  const lines: string[] = [];
  if (header.marker) lines.push(partMarker(header.marker, index));
  lines.push(
    header.title ? `${header.title} (${which})` : `_${which[0].toUpperCase()}${which.slice(1)}._`,
  );
  return `${lines.join("\n")}${PART_SEPARATOR}`;
}

/**
 * Cuts `document` into complete documents of at most `limit` characters each (JavaScript string
 * length, which is never less than the number of characters GitHub counts). A document that fits
 * is returned as it is, alone.
 */
export function splitMarkdown(document: string, limit: number = GITHUB_BODY_LIMIT): string[] {
  if (document.length <= limit) return [document];
  const lines = document.replace(/\n+$/, "").split("\n");
  const header = headerOf(lines);
  const sections = sectionsOf(blocksOf(lines.slice(header.bodyStart)));
  // The header's length depends on the number of parts: pack again while it grows a digit.
  for (let digits = 1; ; digits++) {
    const widest = partHeader(header, 10 ** digits - 1, 10 ** digits - 1).length;
    const parts = pack(sections, limit - widest - 1);
    if (String(parts.length).length > digits) continue;
    return parts.map(
      (blocks, i) =>
        `${partHeader(header, i + 1, parts.length)}${blocks.map((b) => b.text).join(PART_SEPARATOR)}\n`,
    );
  }
}
