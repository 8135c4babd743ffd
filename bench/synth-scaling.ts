import * as fs from "fs";
import * as path from "path";
import type { FloorChildResult } from "./floor-child";
import { generateEstate, writeEstate, type EstateShape } from "./generate-estate";
import { folderBytes, lastJsonLine, median, repeat, runProcess } from "./measure";
import { nodePath, precompile } from "./precompile";
import type { SynthChildResult } from "./synth-child";

/*
 * Synth of estates of growing size, each run in a fresh process (bench/synth-child.ts), against
 * its floor: serializing and writing the same documents (bench/floor-child.ts). The children
 * run as JavaScript compiled the way cdktf.json's app compiles main.ts: what `cdktf synth` runs
 * once its build is cached.
 */

/** The compiled children. */
export interface ChildBuild {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
}

const SYNTH_CHILD = path.join("bench", "synth-child.ts");
const FLOOR_CHILD = path.join("bench", "floor-child.ts");

export function buildChildren(root: string, dir: string): ChildBuild {
  precompile(root, [SYNTH_CHILD, FLOOR_CHILD], dir);
  return { dir, env: { ...process.env, NODE_PATH: nodePath(root) } };
}

function childScript(build: ChildBuild, source: string): string {
  return path.join(build.dir, source.replace(/\.ts$/, ".js"));
}

export interface SynthRun {
  /** Wall time of the child process, spawn to exit: everything `cdktf synth` runs as its app. */
  readonly wallSeconds: number;
  readonly child: SynthChildResult;
  /** Every file the synth wrote (cdk.tf.json of each stack, manifest.json). */
  readonly bytesWritten: number;
}

export interface SynthScalingResult {
  readonly shape: EstateShape;
  readonly estateBytes: number;
  readonly stacks: number;
  readonly runs: readonly SynthRun[];
  readonly floorRuns: readonly FloorChildResult[];
  readonly median: {
    readonly wallSeconds: number;
    readonly startupMs: number;
    readonly modulesMs: number;
    readonly loadMs: number;
    readonly synthMs: number;
    readonly peakRssMb: number;
    readonly bytesWritten: number;
    readonly floorMs: number;
    readonly floorBytes: number;
  };
}

/** Runs bench/synth-child.ts once; `nodeArgs` go before the script (e.g. --cpu-prof). */
export function runSynthChild(
  build: ChildBuild,
  estateFile: string,
  outdir: string,
  nodeArgs: readonly string[] = [],
): SynthRun {
  fs.rmSync(outdir, { recursive: true, force: true });
  const script = childScript(build, SYNTH_CHILD);
  const run = runProcess(process.execPath, [...nodeArgs, script, estateFile, outdir], {
    cwd: path.dirname(outdir),
    env: build.env,
  });
  const child = lastJsonLine<SynthChildResult>(run.stdout);
  return { wallSeconds: run.seconds, child, bytesWritten: folderBytes(outdir) };
}

function runFloorChild(
  build: ChildBuild,
  outdir: string,
  files: readonly string[],
): FloorChildResult {
  fs.rmSync(outdir, { recursive: true, force: true });
  const args = [childScript(build, FLOOR_CHILD), outdir, ...files];
  const run = runProcess(process.execPath, args, { cwd: path.dirname(outdir), env: build.env });
  return lastJsonLine<FloorChildResult>(run.stdout);
}

export function writeGeneratedEstate(workDir: string, shape: EstateShape): [string, number] {
  const file = path.join(workDir, `estate-${shape.hosts}-hosts-${shape.managers}-managers.yaml`);
  return [file, writeEstate(file, generateEstate(shape))];
}

export function measureSynthScaling(
  build: ChildBuild,
  workDir: string,
  shape: EstateShape,
  runs: number,
): SynthScalingResult {
  const dir = path.join(workDir, `synth-${shape.hosts}`);
  fs.mkdirSync(dir, { recursive: true });
  const [estateFile, estateBytes] = writeGeneratedEstate(dir, shape);
  const outdir = path.join(dir, "cdktf.out");

  // Synth and floor alternate, so that both see the machine in the same state.
  const synthRuns: SynthRun[] = [];
  const floorRuns: FloorChildResult[] = [];
  repeat(runs, () => {
    const run = runSynthChild(build, estateFile, outdir);
    synthRuns.push(run);
    const files = run.child.stacks.map((stack) => stack.file);
    floorRuns.push(runFloorChild(build, path.join(dir, "floor"), files));
  });
  if (synthRuns[0].child.stacks.length !== shape.managers) {
    throw new Error(`expected ${shape.managers} stacks, got ${synthRuns[0].child.stacks.length}`);
  }
  const m = (pick: (run: SynthRun) => number) => median(synthRuns.map(pick));
  return {
    shape,
    estateBytes,
    stacks: synthRuns[0].child.stacks.length,
    runs: synthRuns,
    floorRuns,
    median: {
      wallSeconds: m((r) => r.wallSeconds),
      startupMs: m((r) => r.child.startupMs),
      modulesMs: m((r) => r.child.modulesMs),
      loadMs: m((r) => r.child.loadMs),
      synthMs: m((r) => r.child.synthMs),
      peakRssMb: m((r) => r.child.peakRssMb),
      bytesWritten: m((r) => r.bytesWritten),
      floorMs: median(floorRuns.map((f) => f.floorMs)),
      floorBytes: median(floorRuns.map((f) => f.bytes)),
    },
  };
}
