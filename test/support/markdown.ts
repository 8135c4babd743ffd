import * as path from "path";
import type { Token } from "marked";

/*
 * marked's lexer (a dependency of mermaid), to read markdown back as GitHub would. Its package
 * exports only an ES module, which jest cannot load; its UMD build is loaded by path.
 */

const umd = path.join(path.dirname(require.resolve("marked/package.json")), "lib", "marked.umd.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { lexer } = require(umd) as { lexer: (markdown: string) => Token[] };

/** Every token of a markdown document, nested ones (inline, list items) included. */
export function markdownTokens(document: string): Token[] {
  const all: Token[] = [];
  const walk = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      all.push(token);
      const nested = token as { tokens?: Token[]; items?: Token[] };
      if (nested.tokens) walk(nested.tokens);
      if (nested.items) walk(nested.items);
    }
  };
  walk(lexer(document));
  return all;
}
