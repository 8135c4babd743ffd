import * as fs from "fs";
import * as path from "path";
import { runProcess, type ProcessRun } from "./measure";
import { PLAN_FILE } from "../lib/terraform/stack-workflow";

/*
 * The project the measurements run in: a copy of its sources (others edit the project while the
 * benchmark runs, which would change both the code measured and the build caches), the
 * environment every terraform and cdktf run gets, and what its configuration says to run.
 */

const SOURCES = [
  "main.ts",
  "app",
  "lib",
  "stacks",
  "scripts",
  "bin",
  "hooks",
  "simulator",
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

/** cdktf.json's app: what `cdktf synth` runs. */
export function cdktfApp(project: string): string {
  return (JSON.parse(fs.readFileSync(path.join(project, "cdktf.json"), "utf8")) as { app: string })
    .app;
}

/** A script of package.json, as npm runs it. */
export function npmScript(project: string, name: string): string {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8")) as {
    scripts: Record<string, string | undefined>;
  };
  const script = scripts[name];
  if (!script) throw new Error(`package.json has no ${name} script`);
  return script;
}

/** The stacks of a synth, in the manifest's (the estate's) order; `output`: the synth's. */
export function synthesizedStacks(outdir: string, output = ""): string[] {
  const manifest = path.join(outdir, "manifest.json");
  if (!fs.existsSync(manifest)) throw new Error(`the synth wrote no ${manifest}\n${output}`);
  const { stacks } = JSON.parse(fs.readFileSync(manifest, "utf8")) as {
    stacks: Record<string, unknown>;
  };
  return Object.keys(stacks);
}

export { PLAN_FILE };

export function terraform(
  dir: string,
  args: readonly string[],
  okCodes: readonly number[] = [0],
): ProcessRun {
  return runProcess(process.env.TERRAFORM ?? "terraform", args, {
    cwd: dir,
    env: benchEnvironment(),
    okCodes,
  });
}

/** `terraform plan` as lib/terraform/stack-workflow.ts runs it (-detailed-exitcode: 2 = changes). */
export function terraformPlan(dir: string, okCodes: readonly number[]): ProcessRun {
  return terraform(
    dir,
    ["plan", "-input=false", "-no-color", "-detailed-exitcode", `-out=${PLAN_FILE}`],
    okCodes,
  );
}

/**
 * Compiles `entries` (paths relative to `project`) and what they import into `outDir` as
 * cdktf.json's app compiles main.ts (no type checking, the same options), keeping the project's
 * layout; the compiled code finds node_modules through the NODE_PATH of compiledEnvironment.
 */
export function precompile(project: string, entries: readonly string[], outDir: string): void {
  const tsc = path.join(project, "node_modules", "typescript", "bin", "tsc");
  const options = ["--noCheck", "--module", "commonjs", "--target", "ES2022", "--esModuleInterop"];
  runProcess(
    process.execPath,
    [tsc, ...entries, "--outDir", outDir, "--rootDir", ".", "--sourceMap", ...options],
    { cwd: project },
  );
  for (const entry of entries) {
    const compiled = path.join(outDir, entry.replace(/\.ts$/, ".js"));
    if (!fs.existsSync(compiled)) throw new Error(`tsc wrote no ${compiled}`);
  }
}

/** benchEnvironment with the project's node_modules on NODE_PATH, for code compiled outside it. */
export function compiledEnvironment(project: string): NodeJS.ProcessEnv {
  const nodePath = [path.join(project, "node_modules"), process.env.NODE_PATH]
    .filter((p): p is string => Boolean(p))
    .join(path.delimiter);
  return benchEnvironment({ NODE_PATH: nodePath });
}
