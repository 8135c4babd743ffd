import * as fs from "fs";
import * as path from "path";
import { runProcess } from "./measure";

/*
 * TypeScript compiled as cdktf.json's app (scripts/cdktf-app.js) compiles main.ts for `cdktf
 * synth`: no type checking, the same options. The app transpiles file by file; tsc --noCheck gives
 * the same JavaScript (with source maps, for stack traces in TypeScript lines).
 */

/** The compiler options of scripts/cdktf-app.js. */
export const APP_COMPILER_OPTIONS = [
  "--noCheck",
  "--module",
  "commonjs",
  "--target",
  "ES2022",
  "--esModuleInterop",
] as const;

/**
 * Compiles `entries` (paths relative to `root`) and what they import into `outDir`, keeping the
 * project's layout (`<outDir>/lib/...`); modules resolve through NODE_PATH (see nodePath).
 */
export function precompile(root: string, entries: readonly string[], outDir: string): void {
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  runProcess(
    process.execPath,
    [tsc, ...entries, "--outDir", outDir, "--rootDir", ".", "--sourceMap", ...APP_COMPILER_OPTIONS],
    { cwd: root },
  );
  for (const entry of entries) {
    const compiled = path.join(outDir, entry.replace(/\.ts$/, ".js"));
    if (!fs.existsSync(compiled)) throw new Error(`tsc wrote no ${compiled}`);
  }
}

/** The environment's NODE_PATH with the project's node_modules: compiled code outside it. */
export function nodePath(root: string): string {
  return [path.join(root, "node_modules"), process.env.NODE_PATH]
    .filter((p): p is string => Boolean(p))
    .join(path.delimiter);
}
