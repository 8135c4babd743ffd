import * as path from "path";
import { runNode } from "./workspace";

export type MermaidResult = { ok: true; diagramType: string } | { ok: false; error: string };

const CHECKER = path.join(__dirname, "mermaid-check.mjs");

/** Parses every diagram with the real mermaid parser, in one child process. */
export async function parseMermaid(diagrams: readonly string[]): Promise<MermaidResult[]> {
  const run = await runNode([CHECKER], { stdin: JSON.stringify(diagrams) });
  if (run.code !== 0) throw new Error(`mermaid-check failed (${run.code}): ${run.stderr}`);
  const results = JSON.parse(run.stdout) as MermaidResult[];
  if (results.length !== diagrams.length) throw new Error("mermaid-check: a result per diagram");
  return results;
}

/** The Mermaid blocks of a markdown text, without their fences. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}
