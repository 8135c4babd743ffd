import * as fs from "fs";
import {
  Document,
  LineCounter,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  type Node,
} from "yaml";
import { PROTECTION_RULES, runRules, type Finding } from "../rules";
import { crossCheckEstate } from "./cross-checks";
import { formatPath } from "./messages";
import { describeProblem, parseWith, type Problem } from "./problems";
import { estateSchema, managerSchema, type Estate } from "./schema";

/** 20,000 hosts take about 1 MB; anything near this is not an estate file. */
export const MAX_ESTATE_BYTES = 16 * 1024 * 1024;

/** The estate could not be used. Carries every problem found, each with its place. */
export class EstateError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly Problem[],
  ) {
    super(EstateError.render(source, problems));
    this.name = "EstateError";
  }

  private static render(source: string, problems: readonly Problem[]): string {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    return [`${source}: ${count}:`, ...problems.map((p) => `  ${describeProblem(p)}`)].join("\n");
  }
}

export interface LoadedEstate {
  readonly source: string;
  readonly estate: Estate;
  /** Warning-level rule findings, with the path of the manager they concern. */
  readonly warnings: ReadonlyArray<Finding & { readonly estatePath: string }>;
}

function fileProblem(message: string): Problem {
  return { path: [], message };
}

function readEstateText(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === "ENOENT"
        ? "file not found; set KSV_ESTATE to the path of your estate file (relative to the current folder)"
        : `cannot be read (${code ?? String(error)})`;
    throw new EstateError(file, [fileProblem(message)]);
  }
  if (stat.isDirectory()) {
    throw new EstateError(file, [
      fileProblem("is a folder; KSV_ESTATE must name an estate file (.yaml or .json)"),
    ]);
  }
  if (!stat.isFile()) throw new EstateError(file, [fileProblem("is not a regular file")]);
  if (stat.size > MAX_ESTATE_BYTES) {
    const mb = (stat.size / 1024 / 1024).toFixed(1);
    throw new EstateError(file, [
      fileProblem(
        `is ${mb} MB; an estate file is at most ${MAX_ESTATE_BYTES / 1024 / 1024} MB (20,000 hosts take about 1 MB)`,
      ),
    ]);
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new EstateError(file, [
      fileProblem(`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`),
    ]);
  }
  return decodeUtf8(file, bytes);
}

function decodeUtf8(source: string, bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // The lenient decoding marks the first bad byte with U+FFFD: show the user where it is.
    const lenient = new TextDecoder("utf-8").decode(bytes);
    const before = lenient.slice(0, Math.max(0, lenient.indexOf("\uFFFD")));
    const offset = Buffer.byteLength(before, "utf8");
    const lines = before.split("\n");
    throw new EstateError(source, [
      {
        path: [],
        message: `is not UTF-8 text (byte 0x${bytes[offset].toString(16).padStart(2, "0")} at offset ${offset}); save it as UTF-8`,
        line: lines.length,
        column: lines[lines.length - 1].length + 1,
      },
    ]);
  }
}

/** Finds the line and column of a path in the YAML document: the deepest node that exists. */
function locate(
  doc: Document,
  lines: LineCounter,
  { path, atKey }: Problem,
): Pick<Problem, "line" | "column"> {
  let node: unknown = doc.contents;
  let range: [number, number, number] | undefined | null = (node as Node | null)?.range;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && item.key.value === key,
      );
      if (!pair) break;
      // An unknown key is best shown at the key itself.
      const keyNode = pair.key as Node;
      node = pair.value;
      range = (isNode(node) ? node.range : undefined) ?? keyNode.range;
      if (atKey && key === path[path.length - 1] && keyNode.range) range = keyNode.range;
    } else if (isSeq(node) && typeof key === "number") {
      node = node.items[key];
      if (!isNode(node)) break;
      range = node.range;
    } else break;
  }
  if (!range) return {};
  const pos = lines.linePos(range[0]);
  return { line: pos.line, column: pos.col };
}

/**
 * Parses and validates an estate: YAML or JSON text. Throws EstateError listing every problem
 * found (syntax, shape, cross-entry and rule errors), each with its path and, when known, line.
 */
export function parseEstate(text: string, source: string): LoadedEstate {
  if (text.trim() === "") {
    throw new EstateError(source, [fileProblem("is empty; start from stacks/example-estate.yaml")]);
  }
  const lines = new LineCounter();
  let doc: Document;
  let raw: unknown;
  try {
    doc = parseDocument(text, {
      lineCounter: lines,
      prettyErrors: true,
      uniqueKeys: true,
      strict: true,
    });
    if (doc.errors.length > 0) {
      throw new EstateError(
        source,
        doc.errors.map((error) => {
          const pos = error.linePos?.[0];
          const message = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
          return {
            path: [],
            message: `not valid YAML or JSON: ${message}`,
            line: pos?.line,
            column: pos?.col,
          };
        }),
      );
    }
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof EstateError) throw error;
    if (error instanceof RangeError) {
      throw new EstateError(source, [fileProblem("is nested too deeply to be an estate file")]);
    }
    throw new EstateError(source, [
      fileProblem(`cannot be parsed: ${(error as Error).message.split("\n")[0]}`),
    ]);
  }

  const problems: Problem[] = [];
  const parsed = parseWith(estateSchema, raw);
  if (!parsed.ok) problems.push(...parsed.problems);
  problems.push(...crossCheckEstate(raw));

  // Rules judge whole managers: each manager that is valid on its own is judged, even when
  // another part of the file is not, so that every problem is reported at once.
  const warnings: Array<Finding & { estatePath: string }> = [];
  const managers = parsed.ok
    ? parsed.value.managers
    : (Array.isArray((raw as { managers?: unknown })?.managers)
        ? (raw as { managers: unknown[] }).managers
        : []
      ).map((entry) => {
        const manager = parseWith(managerSchema, entry);
        return manager.ok ? manager.value : undefined;
      });
  managers.forEach((manager, index) => {
    if (!manager) return;
    for (const finding of runRules(PROTECTION_RULES, manager)) {
      const path = ["managers", index, ...finding.path];
      if (finding.level === "error") problems.push({ path, message: finding.message });
      else warnings.push({ ...finding, estatePath: formatPath(path) });
    }
  });

  if (problems.length > 0) {
    const located = problems.map((p) => ({ ...p, ...locate(doc, lines, p) }));
    located.sort(
      (a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0),
    );
    throw new EstateError(source, located);
  }
  if (!parsed.ok) throw new Error("unreachable: invalid estate without problems");
  return { source, estate: parsed.value, warnings };
}

/** Reads an estate file (YAML or JSON, UTF-8, at most MAX_ESTATE_BYTES) and validates it. */
export function loadEstate(file: string): LoadedEstate {
  return parseEstate(readEstateText(file), file);
}
