#!/usr/bin/env node
/*
 * Parses Mermaid diagrams with the real mermaid parser (mermaid is ESM-only, so jest runs this
 * in a child process; see ./mermaid.ts).
 *   stdin:  a JSON array of diagram texts
 *   stdout: a JSON array of { ok: true, diagramType } | { ok: false, error }, in the same order
 * Exits 0 whenever the check ran, whatever the diagrams.
 */
import { JSDOM } from "jsdom";

// mermaid's DOMPurify binds to `window` when mermaid is first imported: the shim comes first.
globalThis.window = new JSDOM("").window;
// stdout is for the answer: chatter goes to stderr.
for (const level of ["log", "info", "warn", "debug"]) {
  console[level] = (...args) => process.stderr.write(`${args.join(" ")}\n`);
}

const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

let input = "";
for await (const chunk of process.stdin) input += chunk;
const diagrams = JSON.parse(input);
if (!Array.isArray(diagrams) || !diagrams.every((d) => typeof d === "string")) {
  throw new TypeError("stdin must be a JSON array of strings");
}

const results = [];
for (const text of diagrams) {
  try {
    const { diagramType } = await mermaid.parse(text);
    results.push({ ok: true, diagramType });
  } catch (error) {
    results.push({ ok: false, error: String(error?.message ?? error) });
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
