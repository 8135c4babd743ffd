import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/*
 * How the benchmark measures, the same for every figure: child processes timed from spawn to
 * exit with their CPU time and peak RSS, in rounds on an idle machine, measured again when other
 * processes took CPU time meanwhile (other sessions share this machine), summarized by medians.
 */

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** What every measured run reports; undefined where the machine cannot tell. */
export interface Run {
  readonly seconds: number;
  /** Peak RSS of the largest process of the tree, MB (GNU time's %M). */
  readonly peakRssMb?: number;
  /** User + system CPU time of the whole tree (GNU time's %U + %S). */
  readonly cpuSeconds?: number;
  /** CPU time other processes of the machine used meanwhile (cpuWindow). */
  readonly otherCpuSeconds?: number;
}

export interface ProcessRun extends Run {
  /** With RunOptions.nodeUsage: peak RSS of the node process alone, MB. */
  readonly nodePeakRssMb?: number;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Exit codes that count as success. @default [0] */
  readonly okCodes?: readonly number[];
  /** Kill the command after this long (coreutils timeout), and fail. @default - no limit */
  readonly timeoutSeconds?: number;
  /** Report node's own process.resourceUsage() at its exit (a preload in NODE_OPTIONS). */
  readonly nodeUsage?: boolean;
}

/**
 * GNU time reports what wait4(2) returns for its child: ru_maxrss is the peak RSS of the largest
 * single process among the child and the descendants it (and they) waited for, not a sum; user
 * and system CPU time are those of the whole waited-for tree. Absent on some machines.
 */
const GNU_TIME = "/usr/bin/time";
const hasGnuTime = fs.existsSync(GNU_TIME);
/** Clock ticks per second of /proc/stat and /proc/self/stat (USER_HZ: 100 on Linux). */
const USER_HZ = 100;

/** CPU time the whole machine has spent busy since boot (user, nice, system, irq, softirq, steal). */
function machineBusySeconds(): number | undefined {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n", 1)[0];
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1);
    return [user, nice, system, irq, softirq, steal].map(Number).reduce((a, b) => a + b) / USER_HZ;
  } catch {
    return undefined;
  }
}

/** CPU time of this process and of every child it has waited for (cutime + cstime). */
function ownTreeSeconds(): number | undefined {
  try {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    // Fields after "(comm)": state is field 3, cutime and cstime are fields 16 and 17.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const self = process.cpuUsage();
    return (Number(fields[13]) + Number(fields[14])) / USER_HZ + (self.user + self.system) / 1e6;
  } catch {
    return undefined;
  }
}

/**
 * Starts counting the CPU time other processes of the machine use: the machine's busy time minus
 * this process's and its waited-for children's. The returned function stops and gives the seconds
 * (never below 0), undefined where there is no /proc. Both counters move in clock ticks: about
 * 0.02 s of error per window.
 */
export function cpuWindow(): () => number | undefined {
  const [machine, own] = [machineBusySeconds(), ownTreeSeconds()];
  return () => {
    const [machineAfter, ownAfter] = [machineBusySeconds(), ownTreeSeconds()];
    if (machine === undefined || own === undefined) return undefined;
    if (machineAfter === undefined || ownAfter === undefined) return undefined;
    return Math.max(0, machineAfter - machine - (ownAfter - own));
  };
}

const tempFile = (what: string) =>
  path.join(os.tmpdir(), `ksv-bench-${what}-${process.pid}-${process.hrtime.bigint()}`);

let nodeUsagePreload: string | undefined;

/** A --require file that writes process.resourceUsage() to $KSV_BENCH_NODE_USAGE at exit. */
function preload(): string {
  if (nodeUsagePreload) return nodeUsagePreload;
  const file = `${tempFile("node-usage")}.js`;
  fs.writeFileSync(
    file,
    `"use strict";\nprocess.on("exit", () => { const f = process.env.KSV_BENCH_NODE_USAGE; if (f) require("fs").writeFileSync(f, JSON.stringify(process.resourceUsage())); });\n`,
  );
  process.on("exit", () => fs.rmSync(file, { force: true }));
  return (nodeUsagePreload = file);
}

/** Reads and removes a file a measured process wrote; undefined when it wrote none. */
function takeFile(file: string): string | undefined {
  if (!fs.existsSync(file)) return undefined;
  const text = fs.readFileSync(file, "utf8");
  fs.rmSync(file, { force: true });
  return text;
}

/**
 * Runs a command to completion and measures it; fails on an exit code not in okCodes. Wall time
 * includes process start and exit; GNU time adds about a millisecond.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: RunOptions,
): ProcessRun {
  const [timeFile, usageFile] = [tempFile("time"), tempFile("usage")];
  let env = options.env ?? process.env;
  if (options.nodeUsage) {
    const nodeOptions = [env.NODE_OPTIONS, `--require ${preload()}`].filter(Boolean).join(" ");
    env = { ...env, NODE_OPTIONS: nodeOptions, KSV_BENCH_NODE_USAGE: usageFile };
  }
  // `timeout` runs inside GNU time, so that the killed process is the command, not time.
  const limit = options.timeoutSeconds;
  const limited = [
    ...(limit === undefined ? [] : ["timeout", "-s", "KILL", String(limit)]),
    command,
    ...args,
  ];
  const [file, argv] = hasGnuTime
    ? [GNU_TIME, ["-q", "-f", "%M %U %S", "-o", timeFile, ...limited]]
    : [limited[0], limited.slice(1)];
  const other = cpuWindow();
  const start = process.hrtime.bigint();
  const run = spawnSync(file, argv, {
    cwd: options.cwd,
    env,
    encoding: "utf8",
    maxBuffer: 2 ** 30,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const otherCpuSeconds = other();
  const [kb, user, system] = (takeFile(timeFile)?.trim().split("\n").pop() ?? "")
    .split(" ")
    .map((field) => (field === "" ? NaN : Number(field)));
  const usage = takeFile(usageFile);
  if (run.error) throw new Error(`${command} could not be started: ${run.error.message}`);
  // 137: what `timeout -s KILL` exits with when it killed the command.
  const failure =
    limit !== undefined && run.status === 137
      ? `did not finish in ${limit} s`
      : !(options.okCodes ?? [0]).includes(run.status ?? -1)
        ? `exited with ${run.status ?? run.signal}`
        : undefined;
  if (failure) {
    throw new Error(
      `${command} ${args.join(" ")} ${failure} in ${options.cwd}:\n` +
        `${run.stderr.trim() || run.stdout.trim()}`.slice(0, 4000),
    );
  }
  return {
    seconds,
    peakRssMb: Number.isFinite(kb) ? kb / 1024 : undefined,
    cpuSeconds: Number.isFinite(user) && Number.isFinite(system) ? user + system : undefined,
    otherCpuSeconds,
    nodePeakRssMb:
      usage === undefined ? undefined : (JSON.parse(usage) as NodeJS.ResourceUsage).maxRSS / 1024,
    code: run.status ?? -1,
    stdout: run.stdout,
    stderr: run.stderr,
  };
}

/**
 * Waits until the machine is idle: less than a quarter of a core busy over one second (by
 * anything), or `maxSeconds` have passed. Returns the seconds waited.
 */
export function waitForIdleMachine(maxSeconds: number): number {
  const started = Date.now();
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    const before = machineBusySeconds();
    if (before === undefined || maxSeconds <= 0) return 0;
    Atomics.wait(pause, 0, 0, 1000);
    const busy = (machineBusySeconds() ?? before) - before;
    const waited = (Date.now() - started) / 1000;
    if (busy < 0.25 || waited >= maxSeconds) return waited;
  }
}

/** A run that was measured again because other processes took CPU time while it ran. */
export interface DiscardedRun {
  readonly what: string;
  readonly seconds: number;
  readonly otherCpuSeconds: number;
}

/** One thing to measure: `what` names it in the log and in the report's notes. */
export interface Step<T extends Run> {
  readonly what: string;
  readonly run: () => T;
}

/** The runs of one step and their medians (undefined where a run lacks the figure). */
export interface Series<T extends Run> extends Run {
  readonly what: string;
  readonly runs: readonly T[];
  readonly discarded: readonly DiscardedRun[];
}

export interface RoundOptions {
  readonly rounds: number;
  readonly log: (message: string) => void;
  /** Before each run, wait at most this long for an idle machine; 0: no wait. @default 60 */
  readonly idleSeconds?: number;
  /** Measure a disturbed run again at most this many times; the last is kept. @default 3 */
  readonly retries?: number;
  /** One unmeasured run of every step first (warm file cache, filled build caches). */
  readonly warmUp?: boolean;
}

/** Other processes may use this much CPU during a run: 1 s, or a tenth of its wall time. */
const disturbanceLimit = (seconds: number) => Math.max(1, seconds / 10);

function medianOf(runs: readonly Run[], pick: (run: Run) => number | undefined) {
  const values = runs.map(pick);
  return values.includes(undefined) ? undefined : median(values as number[]);
}

type SeriesOf<S extends readonly Step<Run>[]> = {
  readonly [I in keyof S]: S[I] extends Step<infer T> ? Series<T> : never;
};

/**
 * Measures `steps` in rounds, each round running every step in turn, so that a busy moment of
 * the machine hits all of them alike. Every run waits for an idle machine first and is measured
 * again when other processes used more than disturbanceLimit of CPU meanwhile.
 */
export function measureRounds<const S extends readonly Step<Run>[]>(
  steps: S,
  { rounds, log, idleSeconds = 60, retries = 3, warmUp = false }: RoundOptions,
): SeriesOf<S> {
  if (warmUp) for (const step of steps) step.run();
  const measure = (step: Step<Run>, discarded: DiscardedRun[]): Run => {
    for (let attempt = 0; ; attempt++) {
      if (idleSeconds > 0 && waitForIdleMachine(idleSeconds) >= idleSeconds) {
        log(`  the machine stayed busy for ${idleSeconds} s; measuring ${step.what} anyway`);
      }
      const run = step.run();
      const other = run.otherCpuSeconds;
      if (other === undefined || other <= disturbanceLimit(run.seconds) || attempt >= retries) {
        return run;
      }
      discarded.push({ what: step.what, seconds: run.seconds, otherCpuSeconds: other });
      log(
        `  ${step.what}: ${run.seconds.toFixed(2)} s, measured again: other processes used ${other.toFixed(2)} s of CPU meanwhile`,
      );
    }
  };
  const series = steps.map((step) => ({
    what: step.what,
    runs: [] as Run[],
    discarded: [] as DiscardedRun[],
  }));
  for (let round = 1; round <= rounds; round++) {
    steps.forEach((step, i) => series[i].runs.push(measure(step, series[i].discarded)));
    const times = series.map(({ what, runs }) => `${what} ${runs[round - 1].seconds.toFixed(2)} s`);
    log(`  round ${round}/${rounds}: ${times.join(", ")}`);
  }
  return series.map((one): Series<Run> => ({
    ...one,
    seconds: median(one.runs.map((r) => r.seconds)),
    cpuSeconds: medianOf(one.runs, (r) => r.cpuSeconds),
    peakRssMb: medianOf(one.runs, (r) => r.peakRssMb),
    otherCpuSeconds: medianOf(one.runs, (r) => r.otherCpuSeconds),
  })) as unknown as SeriesOf<S>;
}
