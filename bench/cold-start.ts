import * as fs from "fs";
import * as path from "path";
import { median, repeat, runProcess, type ProcessRun } from "./measure";

/*
 * The start a user waits for at every `cdktf synth`, `diff` and `deploy`: the example estate,
 * synthesized by new processes on a warm OS file cache (one unmeasured run of each variant comes
 * first), the runs of the variants interleaved so that a busy moment of the machine hits all of
 * them alike. Every variant runs on a snapshot of the sources (node_modules linked), so that
 * edits made to the project meanwhile neither change the code measured nor invalidate the
 * build cache of cdktf.json's app.
 */

export type ColdStartVariantName =
  | "cli"
  | "cliAfterChange"
  | "cliTranspileOnly"
  | "cliTypeChecking"
  | "app"
  | "appAfterChange"
  | "appTranspileOnly"
  | "appTypeChecking";

export interface ColdStartVariant {
  /** What runs, as a user would type it. */
  readonly command: string;
  readonly runs: readonly ProcessRun[];
  readonly medianSeconds: number;
  readonly medianPeakRssMb?: number;
}

export interface ColdStartResult {
  /** cdktf.json's app. */
  readonly app: string;
  readonly variants: Readonly<Record<ColdStartVariantName, ColdStartVariant>>;
}

/** `cdktf init --template typescript` writes this app command. */
export const TYPE_CHECKING_APP = "npx ts-node main.ts";
/** The app command of cdktf.json before its build cache. */
export const TRANSPILE_ONLY_APP = "node -r ts-node/register/transpile-only main.ts";
/** Where cdktf.json's app keeps its compiled JavaScript. */
const BUILD_CACHE = path.join(".gen", "app");

interface Spec {
  readonly name: ColdStartVariantName;
  readonly command: string;
  readonly cwd: string;
  readonly file: string;
  readonly args: readonly string[];
  /** Runs before each run, not timed. */
  readonly before?: () => void;
}

/** A copy of the app's sources, node_modules linked. */
function snapshot(root: string, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const entry of [
    "main.ts",
    "app",
    "lib",
    "stacks",
    "scripts",
    "tsconfig.json",
    "cdktf.json",
    "package.json",
  ]) {
    fs.cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

export function measureColdStart(root: string, workDir: string, runs: number): ColdStartResult {
  const app = (
    JSON.parse(fs.readFileSync(path.join(root, "cdktf.json"), "utf8")) as { app: string }
  ).app;
  const outdir = path.join(workDir, "cdktf.out");
  const project = snapshot(root, path.join(workDir, "project"));
  // A second copy, whose build cache is emptied before each run, as after a code change.
  const changed = snapshot(root, path.join(workDir, "changed"));
  const clearCache = () =>
    fs.rmSync(path.join(changed, BUILD_CACHE), { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CHECKPOINT_DISABLE: "1",
    TF_CLI_CONFIG_FILE: "/dev/null",
    FORCE_COLOR: "0",
    CDKTF_OUTDIR: outdir,
  };
  delete env.KSV_ESTATE; // the example estate

  const cli = (appCommand?: string) => [
    "cdktf",
    "synth",
    ...(appCommand ? ["--app", appCommand] : []),
    "--output",
    outdir,
  ];
  // cdktf runs the app through a shell; so does the app-only measurement (about 1 ms).
  const specs: Spec[] = [
    { name: "cli", command: "npx cdktf synth", cwd: project, file: "npx", args: cli() },
    {
      name: "cliAfterChange",
      command: "npx cdktf synth (build cache empty)",
      cwd: changed,
      file: "npx",
      args: cli(),
      before: clearCache,
    },
    {
      name: "cliTranspileOnly",
      command: `npx cdktf synth --app "${TRANSPILE_ONLY_APP}"`,
      cwd: project,
      file: "npx",
      args: cli(TRANSPILE_ONLY_APP),
    },
    {
      name: "cliTypeChecking",
      command: `npx cdktf synth --app "${TYPE_CHECKING_APP}"`,
      cwd: project,
      file: "npx",
      args: cli(TYPE_CHECKING_APP),
    },
    { name: "app", command: "cdktf.json's app", cwd: project, file: "/bin/sh", args: ["-c", app] },
    {
      name: "appAfterChange",
      command: "cdktf.json's app (build cache empty)",
      cwd: changed,
      file: "/bin/sh",
      args: ["-c", app],
      before: clearCache,
    },
    {
      name: "appTranspileOnly",
      command: TRANSPILE_ONLY_APP,
      cwd: project,
      file: "/bin/sh",
      args: ["-c", TRANSPILE_ONLY_APP],
    },
    {
      name: "appTypeChecking",
      command: TYPE_CHECKING_APP,
      cwd: project,
      file: "/bin/sh",
      args: ["-c", TYPE_CHECKING_APP],
    },
  ];

  const run = (spec: Spec) => {
    spec.before?.();
    fs.rmSync(outdir, { recursive: true, force: true });
    const result = runProcess(spec.file, spec.args, { cwd: spec.cwd, env });
    if (!fs.existsSync(path.join(outdir, "manifest.json"))) {
      throw new Error(`${spec.command} wrote no manifest.json:\n${result.stdout}${result.stderr}`);
    }
    return result;
  };
  for (const spec of specs) run(spec); // warm-up, not measured
  const measured = new Map<ColdStartVariantName, ProcessRun[]>(specs.map((s) => [s.name, []]));
  repeat(runs, () => {
    for (const spec of specs) measured.get(spec.name)!.push(run(spec));
  });

  const variants = Object.fromEntries(
    specs.map((spec) => {
      const list = measured.get(spec.name)!;
      const rss = list.map((r) => r.peakRssMb).filter((v): v is number => v !== undefined);
      const variant: ColdStartVariant = {
        command: spec.command,
        runs: list,
        medianSeconds: median(list.map((r) => r.seconds)),
        medianPeakRssMb: rss.length === list.length ? median(rss) : undefined,
      };
      return [spec.name, variant];
    }),
  ) as Record<ColdStartVariantName, ColdStartVariant>;
  return { app, variants };
}
