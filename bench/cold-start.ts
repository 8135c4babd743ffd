import * as fs from "fs";
import * as path from "path";
import {
  median,
  repeat,
  runProcess,
  undisturbed,
  type DiscardedRun,
  type ProcessRun,
} from "./measure";
import { benchEnvironment, snapshotProject } from "./snapshot";

/*
 * The start a user waits for at every `cdktf synth`, `diff` and `deploy`: the example estate,
 * synthesized by new processes on a warm OS file cache (one unmeasured run of each variant comes
 * first), the runs of the variants interleaved so that a busy moment of the machine hits all of
 * them alike. One more variant synthesizes a large estate with the same command, so that what a
 * large estate adds to a whole `cdktf synth` is measured in the same rounds. Every variant runs
 * on a snapshot of the sources (bench/snapshot.ts).
 */

export type ColdStartVariantName =
  | "cli"
  | "cliLargeEstate"
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
  /** CPU other processes of the machine used during a run, seconds (median). */
  readonly medianOtherCpuSeconds?: number;
}

export interface ColdStartResult {
  /** cdktf.json's app. */
  readonly app: string;
  /** The large estate of `cliLargeEstate`. */
  readonly largeEstate: { readonly hosts: number; readonly managers: number };
  /** Runs measured again because other processes took CPU time meanwhile. */
  readonly discarded: readonly DiscardedRun[];
  readonly variants: Readonly<Record<ColdStartVariantName, ColdStartVariant>>;
}

/** `cdktf init --template typescript` writes this app command. */
export const TYPE_CHECKING_APP = "npx ts-node main.ts";
/** The app command of cdktf.json before its build cache. */
export const TRANSPILE_ONLY_APP = "node -r ts-node/register/transpile-only main.ts";
/** Where cdktf.json's app keeps its compiled JavaScript. */
const BUILD_CACHE = path.join(".gen", "js");
/** Stacks of the example estate (stacks/example-estate.yaml). */
const EXAMPLE_STACKS = 2;

interface Spec {
  readonly name: ColdStartVariantName;
  readonly command: string;
  readonly cwd: string;
  readonly file: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** Stacks the synth must write. */
  readonly stacks: number;
  /** Runs before each run, not timed. */
  readonly before?: () => void;
}

export interface LargeEstate {
  readonly file: string;
  readonly hosts: number;
  readonly managers: number;
}

export function measureColdStart(
  root: string,
  workDir: string,
  runs: number,
  large: LargeEstate,
  log: (message: string) => void,
): ColdStartResult {
  const app = (
    JSON.parse(fs.readFileSync(path.join(root, "cdktf.json"), "utf8")) as { app: string }
  ).app;
  const outdir = path.join(workDir, "cdktf.out");
  const project = snapshotProject(root, path.join(workDir, "project"));
  // A second copy, whose build cache is emptied before each run, as after a code change.
  const changed = snapshotProject(root, path.join(workDir, "changed"));
  const clearCache = () =>
    fs.rmSync(path.join(changed, BUILD_CACHE), { recursive: true, force: true });
  const env = benchEnvironment({ CDKTF_OUTDIR: outdir });

  const cli = (appCommand?: string) => [
    "cdktf",
    "synth",
    ...(appCommand ? ["--app", appCommand] : []),
    "--output",
    outdir,
  ];
  // cdktf runs the app through a shell; so does the app-only measurement (about 1 ms).
  const specs: Spec[] = [
    {
      name: "cli",
      command: "npx cdktf synth",
      cwd: project,
      file: "npx",
      args: cli(),
      stacks: EXAMPLE_STACKS,
    },
    {
      name: "cliLargeEstate",
      command: `KSV_ESTATE=<${large.hosts}-host estate> npx cdktf synth`,
      cwd: project,
      file: "npx",
      args: cli(),
      env: { ...env, KSV_ESTATE: large.file },
      stacks: large.managers,
    },
    {
      name: "cliAfterChange",
      command: "npx cdktf synth (build cache empty)",
      cwd: changed,
      file: "npx",
      args: cli(),
      stacks: EXAMPLE_STACKS,
      before: clearCache,
    },
    {
      name: "cliTranspileOnly",
      command: `npx cdktf synth --app "${TRANSPILE_ONLY_APP}"`,
      cwd: project,
      file: "npx",
      args: cli(TRANSPILE_ONLY_APP),
      stacks: EXAMPLE_STACKS,
    },
    {
      name: "cliTypeChecking",
      command: `npx cdktf synth --app "${TYPE_CHECKING_APP}"`,
      cwd: project,
      file: "npx",
      args: cli(TYPE_CHECKING_APP),
      stacks: EXAMPLE_STACKS,
    },
    {
      name: "app",
      command: "cdktf.json's app",
      cwd: project,
      file: "/bin/sh",
      args: ["-c", app],
      stacks: EXAMPLE_STACKS,
    },
    {
      name: "appAfterChange",
      command: "cdktf.json's app (build cache empty)",
      cwd: changed,
      file: "/bin/sh",
      args: ["-c", app],
      stacks: EXAMPLE_STACKS,
      before: clearCache,
    },
    {
      name: "appTranspileOnly",
      command: TRANSPILE_ONLY_APP,
      cwd: project,
      file: "/bin/sh",
      args: ["-c", TRANSPILE_ONLY_APP],
      stacks: EXAMPLE_STACKS,
    },
    {
      name: "appTypeChecking",
      command: TYPE_CHECKING_APP,
      cwd: project,
      file: "/bin/sh",
      args: ["-c", TYPE_CHECKING_APP],
      stacks: EXAMPLE_STACKS,
    },
  ];

  const run = (spec: Spec) => {
    spec.before?.();
    fs.rmSync(outdir, { recursive: true, force: true });
    const result = runProcess(spec.file, spec.args, { cwd: spec.cwd, env: spec.env ?? env });
    const manifest = path.join(outdir, "manifest.json");
    if (!fs.existsSync(manifest)) {
      throw new Error(`${spec.command} wrote no manifest.json:\n${result.stdout}${result.stderr}`);
    }
    const stacks = Object.keys(
      (JSON.parse(fs.readFileSync(manifest, "utf8")) as { stacks: Record<string, unknown> }).stacks,
    ).length;
    if (stacks !== spec.stacks) {
      throw new Error(`${spec.command} wrote ${stacks} stacks instead of ${spec.stacks}`);
    }
    return result;
  };
  for (const spec of specs) run(spec); // warm-up (and the build cache), not measured
  const measured = new Map<ColdStartVariantName, ProcessRun[]>(specs.map((s) => [s.name, []]));
  const discarded: DiscardedRun[] = [];
  repeat(runs, () => {
    for (const spec of specs) {
      const measure = () => run(spec);
      measured
        .get(spec.name)!
        .push(undisturbed(spec.command, measure, discarded, log, { idleSeconds: 60 }));
    }
  });

  const variants = Object.fromEntries(
    specs.map((spec) => {
      const list = measured.get(spec.name)!;
      const rss = list.map((r) => r.peakRssMb).filter((v): v is number => v !== undefined);
      const other = list.map((r) => r.otherCpuSeconds).filter((v): v is number => v !== undefined);
      const variant: ColdStartVariant = {
        command: spec.command,
        runs: list,
        medianSeconds: median(list.map((r) => r.seconds)),
        medianPeakRssMb: rss.length === list.length ? median(rss) : undefined,
        medianOtherCpuSeconds: other.length === list.length ? median(other) : undefined,
      };
      return [spec.name, variant];
    }),
  ) as Record<ColdStartVariantName, ColdStartVariant>;
  return {
    app,
    largeEstate: { hosts: large.hosts, managers: large.managers },
    discarded,
    variants,
  };
}
