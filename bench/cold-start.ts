import * as fs from "fs";
import * as path from "path";
import { generateEstate, writeEstate, type EstateShape } from "./generate-estate";
import { measureRounds, runProcess } from "./measure";
import { benchEnvironment, cdktfApp, snapshotProject, synthesizedStacks } from "./project";
import { discardedNote, maybe, mb, n, runsOf, s, x, type Section } from "./report";
import type { BenchContext, BenchResults } from "./run";

/*
 * The start a user waits for at every `cdktf synth`, `diff` and `deploy`: the example estate,
 * synthesized by new processes on a warm OS file cache, the variants interleaved. One more
 * variant synthesizes a large estate with the same command, so that what a large estate adds to
 * a whole `cdktf synth` is measured in the same rounds.
 */

/** `cdktf init --template typescript` writes this app command. */
const TYPE_CHECKING_APP = "npx ts-node main.ts";
/** The app command of cdktf.json before its build cache. */
const TRANSPILE_ONLY_APP = "node -r ts-node/register/transpile-only main.ts";
/** Stacks of the example estate (stacks/example-estate.yaml). */
const EXAMPLE_STACKS = 2;

interface Variant {
  readonly label: string;
  /** What runs, as a user would type it (it names the run in the notes). */
  readonly command: string;
  readonly file: string;
  readonly args: readonly string[];
  /** In the snapshot whose build cache is emptied before every run, as after a code change. */
  readonly afterChange?: boolean;
  readonly largeEstate?: boolean;
}

function coldStartVariants(app: string, outdir: string, largeEstateHosts: number) {
  const cli = (appCommand?: string) => ({
    file: "npx",
    args: ["cdktf", "synth", ...(appCommand ? ["--app", appCommand] : []), "--output", outdir],
  });
  // cdktf runs the app through a shell; so does the app-only measurement (about 1 ms).
  const shell = (command: string) => ({ file: "/bin/sh", args: ["-c", command] });
  const cached = "cdktf.json's app (build cached)";
  const afterChange = "cdktf.json's app, first run after a code change";
  // In the order of the report's rows.
  return {
    cli: { label: `CLI, ${cached}, example estate`, command: "npx cdktf synth", ...cli() },
    cliLargeEstate: {
      label: `CLI, ${cached}, large estate`,
      command: `KSV_ESTATE=<${largeEstateHosts}-host estate> npx cdktf synth`,
      largeEstate: true,
      ...cli(),
    },
    cliAfterChange: {
      label: `CLI, ${afterChange}`,
      command: "npx cdktf synth (build cache empty)",
      afterChange: true,
      ...cli(),
    },
    cliTranspileOnly: {
      label: "CLI, transpile-only ts-node (the app before the build cache)",
      command: `npx cdktf synth --app "${TRANSPILE_ONLY_APP}"`,
      ...cli(TRANSPILE_ONLY_APP),
    },
    cliTypeChecking: {
      label: "CLI, type-checking ts-node (cdktf init's app)",
      command: `npx cdktf synth --app "${TYPE_CHECKING_APP}"`,
      ...cli(TYPE_CHECKING_APP),
    },
    app: { label: `app only, ${cached}`, command: "cdktf.json's app", ...shell(app) },
    appAfterChange: {
      label: `app only, ${afterChange}`,
      command: "cdktf.json's app (build cache empty)",
      afterChange: true,
      ...shell(app),
    },
    appTranspileOnly: {
      label: "app only, transpile-only ts-node",
      command: TRANSPILE_ONLY_APP,
      ...shell(TRANSPILE_ONLY_APP),
    },
    appTypeChecking: {
      label: "app only, type-checking ts-node",
      command: TYPE_CHECKING_APP,
      ...shell(TYPE_CHECKING_APP),
    },
  } satisfies Record<string, Variant>;
}

export function measureColdStart(context: BenchContext, largeEstate: EstateShape) {
  const { workDir, rounds, log } = context;
  log(`cdktf synth, large estate and cold start: ${rounds} rounds of 9 variants`);
  // The build-cached variants run in the benchmark's snapshot; a second copy, whose build cache
  // is emptied before each run, stands for the first run after a code change.
  const project = context.project;
  const app = cdktfApp(project);
  const outdir = path.join(workDir, "cdktf.out");
  const changed = snapshotProject(project, path.join(workDir, "changed"));
  // The large estate as the pipeline left it: every manager in standard mode.
  const largeEstateFile = path.join(workDir, "large-estate.yaml");
  writeEstate(largeEstateFile, generateEstate(largeEstate));
  const env = benchEnvironment({ CDKTF_OUTDIR: outdir });

  const list = coldStartVariants(app, outdir, largeEstate.hosts);
  const run = (v: Variant) => {
    if (v.afterChange)
      fs.rmSync(path.join(changed, ".gen", "js"), { recursive: true, force: true });
    fs.rmSync(outdir, { recursive: true, force: true });
    const result = runProcess(v.file, v.args, {
      cwd: v.afterChange ? changed : project,
      env: v.largeEstate ? { ...env, KSV_ESTATE: largeEstateFile } : env,
    });
    const stacks = synthesizedStacks(outdir, result.stdout + result.stderr).length;
    const expected = v.largeEstate ? largeEstate.managers : EXAMPLE_STACKS;
    if (stacks !== expected) {
      throw new Error(`${v.command} wrote ${stacks} stacks instead of ${expected}`);
    }
    return result;
  };
  const names = Object.keys(list) as Array<keyof typeof list>;
  // The first run of each also fills its build cache.
  const measured = measureRounds(
    names.map((name) => ({ what: list[name].command, run: () => run(list[name]) })),
    { rounds, log, warmUp: true },
  );
  const labelled = names.map((name, i) => [name, { ...measured[i], label: list[name].label }]);
  type Measured = (typeof measured)[number] & { readonly label: string };
  // cdktf.json's app; the variants in the order of the report's rows.
  const variants = Object.fromEntries(labelled) as Record<keyof typeof list, Measured>;
  return { app, largeEstate, rounds, variants };
}

export function coldStartSection({ coldStart: c }: BenchResults): Section {
  const variants = Object.values(c.variants);
  return {
    title: "4. `cdktf synth`: a large estate, and the cold start (target 4)",
    blocks: [
      {
        header:
          "what | command | median | runs (s) | peak RSS | vs the CLI on the example | other processes' CPU meanwhile",
        rows: variants.map((v) => [
          v.label,
          `\`${v.what}\``,
          s(v.seconds),
          runsOf(v.runs),
          mb(v.peakRssMb),
          x(v.seconds / c.variants.cli.seconds),
          maybe(v.otherCpuSeconds, s),
        ]),
      },
      `cdktf.json's app: \`${c.app}\`. Large estate: the estate of section 1 (${n(c.largeEstate.hosts)} hosts, ${c.largeEstate.managers} managers), all managers in standard mode.`,
      [
        "**CLI**: wall time of `npx cdktf synth --output <tmp>` in the project snapshot (what a user runs; `cdktf diff` and `deploy` start the same way), with `CHECKPOINT_DISABLE=1` and `TF_CLI_CONFIG_FILE=/dev/null`: npx, the CLI's own start (it loads its bundle and runs `terraform version`), the app, and the CLI reading the result. The large estate is the same command with `KSV_ESTATE` set. The other variants pass `--app`; type-checking ts-node is the app `cdktf init --template typescript` writes.",
        "**app only**: the app command alone, through `/bin/sh -c` as the CLI runs it, `CDKTF_OUTDIR` set.",
        "**build cached**: cdktf.json's app compiles `main.ts` and what it imports to `.gen/js/<hash of the sources>/` (transpilation; type checking stays in `npm test`) when that folder does not exist, then runs `node main.js`. **first run after a code change**: the same in a second snapshot whose cache is emptied before every run: compile plus run.",
        `Every run is a new set of processes on a warm file cache: one unmeasured run of each variant comes first (it also fills the build cache), then ${c.rounds} rounds that run each variant in turn; the median is reported, and every run must write a manifest with the estate's stacks. Each run waits (at most 60 s) for an idle machine and is measured again when disturbed, as in section 1. ${discardedNote(variants.flatMap((v) => v.discarded))} Peak RSS is that of the largest process of the tree (GNU time).`,
      ],
    ],
  };
}
