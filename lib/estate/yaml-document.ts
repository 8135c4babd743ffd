import {
  CST,
  Composer,
  Document,
  Lexer,
  LineCounter,
  Pair,
  Parser,
  YAMLMap,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type YAMLError,
} from "yaml";
import { EstateError, fileProblem } from "./estate-error";
import type { Problem } from "./validation";

/*
 * YAML (and JSON, which is YAML) hardened for files edited by hand: absurd nesting, alias bombs,
 * duplicate keys, several documents and unknown tags are refused with their line, and any path
 * of the document can be located to show where a problem is.
 */

/**
 * Nesting levels a file may have: an estate needs 6 (managers[0].policy.exclusions[0].cidr).
 * YAML's composer recurses once per level; far deeper input exhausts the stack, and in Node 20
 * that can abort the process instead of throwing, so depth is measured before composing.
 */
export const MAX_NESTING = 64;

/** YAML aliases (*name) expanded at most this often: a handful of "billion laughs" lines stop here. */
export const MAX_ALIAS_COUNT = 100;

/** The pairs of a YAML mapping by key, built once per mapping: a file may have 100,000 keys. */
type PairIndex = WeakMap<YAMLMap, Map<string, Pair>>;

function pairOf(index: PairIndex, map: YAMLMap, key: string | number): Pair | undefined {
  let pairs = index.get(map);
  if (!pairs) {
    pairs = new Map();
    for (const item of map.items) {
      if (isPair(item) && isScalar(item.key) && !pairs.has(String(item.key.value))) {
        pairs.set(String(item.key.value), item);
      }
    }
    index.set(map, pairs);
  }
  return pairs.get(String(key));
}

/** Finds the line and column of a path in the YAML document: the deepest node that exists. */
function locate(
  doc: Document,
  lines: LineCounter,
  index: PairIndex,
  { path, atKey }: Problem,
): Pick<Problem, "line" | "column"> {
  let node: unknown = doc.contents;
  let range: [number, number, number] | undefined | null = (node as Node | null)?.range;
  for (const [depth, key] of path.entries()) {
    if (isMap(node)) {
      const pair = pairOf(index, node, key);
      if (!pair) break;
      // An unknown key is best shown at the key itself.
      const keyNode = pair.key as Node;
      node = pair.value;
      range = (isNode(node) ? node.range : undefined) ?? keyNode.range;
      if (atKey && depth === path.length - 1 && keyNode.range) range = keyNode.range;
    } else if (isSeq(node) && typeof key === "number") {
      node = node.items[key];
      if (!isNode(node)) break;
      range = node.range;
    } else break;
  }
  if (!range) return {};
  return positionOf(lines, range[0]);
}

/** The line and column of an offset in the text, 1-based. */
function positionOf(lines: LineCounter, offset: number): Pick<Problem, "line" | "column"> {
  const pos = lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

const NESTED_TOO_DEEPLY = `is nested more than ${MAX_NESTING} levels deep, where an estate file needs 6; look for unclosed [ or { brackets`;

/**
 * YAML's lexer and parser (both iterative) to the CST, refusing absurd nesting before YAML's
 * recursive composer sees it. The parser's stack holds the document and one entry per open
 * collection, block or flow; it is watched token by token, so that a file of a million "[" or
 * "- " is refused at the 65th level rather than after seconds of parsing.
 */
function parseCst(text: string, source: string, lines: LineCounter): CST.Token[] {
  const parser = new Parser(lines.addNewLine);
  lines.addNewLine(0);
  const tokens: CST.Token[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > MAX_NESTING + 1) {
      throw new EstateError(source, [
        { path: [], message: NESTED_TOO_DEEPLY, ...positionOf(lines, parser.offset) },
      ]);
    }
  }
  for (const token of parser.end()) tokens.push(token);
  return tokens;
}

/**
 * A key set twice in one mapping: YAML forbids it, and a loader that kept the last value would
 * hide the first. Each mapping gets a Set, so that a file of 100,000 keys takes milliseconds.
 */
function duplicateKeys(doc: Document, lines: LineCounter): Problem[] {
  const problems: Problem[] = [];
  const stack: Array<[unknown, Array<string | number>]> = [[doc.contents, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (isMap(node)) {
      const seen = new Map<string, Node>();
      for (const pair of node.items) {
        if (!isScalar(pair.key)) {
          // `? [a, b]` makes a list a key: no estate key is one, and JavaScript would stringify it.
          const range = isNode(pair.key) ? pair.key.range : undefined;
          problems.push({
            path,
            message: "has a key that is a list or mapping; keys are plain names",
            ...(range ? positionOf(lines, range[0]) : {}),
          });
          continue;
        }
        const key = String(pair.key.value);
        const first = seen.get(key);
        if (first) {
          const firstLine = first.range ? positionOf(lines, first.range[0]).line : undefined;
          problems.push({
            path: [...path, key],
            message: `is set twice in the same mapping${firstLine ? ` (first on line ${firstLine})` : ""}; keep one`,
            ...(pair.key.range ? positionOf(lines, pair.key.range[0]) : {}),
          });
        } else {
          seen.set(key, pair.key);
          stack.push([pair.value, [...path, key]]);
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => stack.push([item, [...path, index]]));
    }
  }
  return problems;
}

function yamlProblem(lines: LineCounter, error: YAMLError, prefix: string): Problem {
  return {
    path: [],
    message: `${prefix}: ${error.message.split("\n")[0]}`,
    ...positionOf(lines, error.pos[0]),
  };
}

/** A parsed estate file: its plain value, and where each of its paths is in the text. */
export interface YamlDocument {
  readonly raw: unknown;
  /** The problems with their line and column, in the order of the file. */
  locate(problems: readonly Problem[]): Problem[];
}

/** YAML or JSON text to a document and its plain value; EstateError for anything unusable. */
export function parseYamlDocument(text: string, source: string): YamlDocument {
  if (text.trim() === "") {
    throw new EstateError(source, [fileProblem("is empty; start from stacks/example-estate.yaml")]);
  }
  const nul = text.indexOf("\0");
  if (nul >= 0) {
    // YAML allows no NUL character; a file full of them is UTF-16, or not text at all.
    const before = text.slice(0, nul).split("\n");
    throw new EstateError(source, [
      {
        path: [],
        message:
          "contains NUL bytes, so it is not a text file (or it is UTF-16); save it as UTF-8 text",
        line: before.length,
        column: before[before.length - 1].length + 1,
      },
    ]);
  }
  const { doc, lines, raw } = composeYaml(text, source);
  return {
    raw,
    locate(problems) {
      const index: PairIndex = new WeakMap();
      const located = problems.map((p) => ({ ...p, ...locate(doc, lines, index, p) }));
      return located.sort(
        (a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0),
      );
    },
  };
}

function composeYaml(
  text: string,
  source: string,
): { doc: Document; lines: LineCounter; raw: unknown } {
  const lines = new LineCounter();
  let doc: Document;
  try {
    const tokens = parseCst(text, source, lines);
    const docs = Array.from(
      // Duplicate keys are found below: YAML's own check compares each key with every other.
      new Composer({ uniqueKeys: false, strict: true }).compose(tokens, true, text.length),
    );
    if (docs.length > 1) {
      throw new EstateError(source, [
        {
          path: [],
          message:
            "holds more than one YAML document (a line with --- starts another); an estate is one document",
          ...positionOf(lines, docs[1].range[0]),
        },
      ]);
    }
    doc = docs[0];
  } catch (error) {
    if (error instanceof EstateError) throw error;
    if (error instanceof RangeError)
      throw new EstateError(source, [fileProblem(NESTED_TOO_DEEPLY)]);
    throw new EstateError(source, [
      fileProblem(`cannot be parsed: ${(error as Error).message.split("\n")[0]}`),
    ]);
  }
  if (doc.errors.some((e) => /call stack/i.test(e.message))) {
    throw new EstateError(source, [fileProblem(NESTED_TOO_DEEPLY)]);
  }
  // One syntax error cascades into several; the first one is where the file goes wrong.
  const firstError = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0]).slice(0, 1);
  const problems = [
    ...firstError.map((e) => yamlProblem(lines, e, "not valid YAML or JSON")),
    // Warnings are unknown tags (!foo, !!js/function): YAML a loader may not understand alike.
    ...doc.warnings.map((e) => yamlProblem(lines, e, "not usable in an estate file")),
  ];
  // Keys are judged in a document that parsed; a broken one has its syntax error to fix first.
  const all = problems.length > 0 ? problems : duplicateKeys(doc, lines);
  if (all.length > 0) throw new EstateError(source, all);
  if (doc.contents === null) {
    throw new EstateError(source, [
      fileProblem("holds only comments; start from stacks/example-estate.yaml"),
    ]);
  }
  try {
    return { doc, lines, raw: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    if (error instanceof RangeError)
      throw new EstateError(source, [fileProblem(NESTED_TOO_DEEPLY)]);
    const message = (error as Error).message;
    throw new EstateError(source, [
      fileProblem(
        /alias count/i.test(message)
          ? `expands YAML aliases (*name) more than ${MAX_ALIAS_COUNT} times, which an estate never needs; write the values out`
          : `cannot be parsed: ${message.split("\n")[0]}`,
      ),
    ]);
  }
}
