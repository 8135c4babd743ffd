import * as fs from "fs";
import * as path from "path";

/*
 * A copy of the project's sources for the benchmark to run, node_modules linked: edits made to
 * the project while the benchmark runs (others work on lib/ and app/ meanwhile) change neither
 * the code measured nor the build cache of cdktf.json's app.
 */

const SOURCES = [
  "main.ts",
  "app",
  "lib",
  "stacks",
  "scripts",
  "bench",
  "tsconfig.json",
  "cdktf.json",
  "package.json",
];

/** Copies the sources into `dir` (created) and links node_modules; returns `dir`. */
export function snapshotProject(root: string, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const entry of SOURCES) {
    fs.cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** The environment every terraform and cdktf run of the benchmark gets. */
export function benchEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CHECKPOINT_DISABLE: "1",
    TF_CLI_CONFIG_FILE: "/dev/null",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    FORCE_COLOR: "0",
    ...extra,
  };
  // The example estate and cdktf.out unless a measurement says otherwise.
  if (!("KSV_ESTATE" in extra)) delete env.KSV_ESTATE;
  if (!("CDKTF_OUTDIR" in extra)) delete env.CDKTF_OUTDIR;
  return env;
}
