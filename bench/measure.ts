import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/* Timing and memory of child processes, and the statistics the benchmark reports. */

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * GNU time reports what wait4(2) returns for its child: ru_maxrss is the peak RSS of the largest
 * single process among the child and the descendants it (and they) waited for, not a sum; user
 * and system CPU time are those of the whole waited-for tree. Absent on some machines.
 */
const GNU_TIME = "/usr/bin/time";
const hasGnuTime = fs.existsSync(GNU_TIME);

export interface ProcessRun {
  /** Wall time from spawn to exit, seconds. */
  readonly seconds: number;
  /** Peak RSS of the largest process of the tree, MB (GNU time's %M); undefined without it. */
  readonly peakRssMb?: number;
  /** User + system CPU time of the whole tree, seconds (GNU time's %U + %S); undefined without it. */
  readonly cpuSeconds?: number;
  /**
   * CPU time other processes of the machine used meanwhile, seconds (cpuWindow): what they took
   * from the command. undefined where there is no /proc.
   */
  readonly otherCpuSeconds?: number;
  /** The exit code. */
  readonly code: number;
  /** Killed at RunOptions.timeoutSeconds. */
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Exit codes that count as success. @default [0] */
  readonly okCodes?: readonly number[];
  /** Kill the command (SIGKILL, coreutils timeout) after this long. @default - no limit */
  readonly timeoutSeconds?: number;
}

/** Clock ticks per second of /proc/stat and /proc/self/stat (USER_HZ: 100 on Linux). */
const USER_HZ = 100;

/** CPU time the whole machine has spent busy since boot (user, nice, system, irq, softirq, steal). */
export function machineBusySeconds(): number | undefined {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n", 1)[0];
    const [user, nice, system, , , irq, softirq, steal] = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (user + nice + system + irq + softirq + steal) / USER_HZ;
  } catch {
    return undefined;
  }
}

/**
 * CPU time of this process and of every child it has waited for (with their own waited-for
 * descendants): utime + stime of process.cpuUsage(), cutime + cstime of /proc/self/stat.
 */
function ownTreeSeconds(): number | undefined {
  try {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    // Fields after "(comm)": state is field 3, cutime and cstime are fields 16 and 17.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const children = (Number(fields[13]) + Number(fields[14])) / USER_HZ;
    const self = process.cpuUsage();
    return children + (self.user + self.system) / 1e6;
  } catch {
    return undefined;
  }
}

/**
 * Starts counting the CPU time other processes of the machine use: the machine's busy time
 * (/proc/stat) minus this process's and its waited-for children's. The returned function stops
 * and gives the seconds (never below 0), undefined where there is no /proc. Both counters move in
 * clock ticks: about 0.02 s of error per window.
 */
export function cpuWindow(): () => number | undefined {
  const machine = machineBusySeconds();
  const own = ownTreeSeconds();
  return () => {
    const machineAfter = machineBusySeconds();
    const ownAfter = ownTreeSeconds();
    if (machine === undefined || own === undefined) return undefined;
    if (machineAfter === undefined || ownAfter === undefined) return undefined;
    return Math.max(0, machineAfter - machine - (ownAfter - own));
  };
}

/** Exit code of coreutils `timeout -s KILL` when it killed the command. */
const KILLED = 137;

/**
 * Runs a command to completion (or to its time limit) and measures it. Wall time includes
 * process start and exit; GNU time adds about a millisecond.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: RunOptions,
): ProcessRun {
  const rssFile = path.join(os.tmpdir(), `ksv-bench-rss-${process.pid}-${Date.now()}`);
  // `timeout` runs inside GNU time, so that the killed process is the command, not time.
  const limited =
    options.timeoutSeconds === undefined
      ? [command, ...args]
      : ["timeout", "-s", "KILL", String(options.timeoutSeconds), command, ...args];
  const [file, argv] = hasGnuTime
    ? [GNU_TIME, ["-q", "-f", "%M %U %S", "-o", rssFile, ...limited]]
    : [limited[0], limited.slice(1)];
  const other = cpuWindow();
  const start = process.hrtime.bigint();
  const run = spawnSync(file, argv, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const otherCpuSeconds = other();
  let peakRssMb: number | undefined;
  let cpuSeconds: number | undefined;
  if (hasGnuTime && fs.existsSync(rssFile)) {
    const line = fs.readFileSync(rssFile, "utf8").trim().split("\n").pop() ?? "";
    fs.rmSync(rssFile, { force: true });
    const [kb, user, system] = line.split(" ").map(Number);
    if (Number.isFinite(kb)) peakRssMb = kb / 1024;
    if (Number.isFinite(user) && Number.isFinite(system)) cpuSeconds = user + system;
  }
  if (run.error) throw new Error(`${command} could not be started: ${run.error.message}`);
  const timedOut = options.timeoutSeconds !== undefined && run.status === KILLED;
  if (!timedOut && !(options.okCodes ?? [0]).includes(run.status ?? -1)) {
    throw new Error(
      `${command} ${args.join(" ")} exited with ${run.status ?? run.signal} in ${options.cwd}:\n` +
        `${run.stderr.trim() || run.stdout.trim()}`.slice(0, 4000),
    );
  }
  return {
    seconds,
    peakRssMb,
    cpuSeconds,
    otherCpuSeconds,
    code: run.status ?? -1,
    timedOut,
    stdout: run.stdout,
    stderr: run.stderr,
  };
}

/** Runs `times` times; `each` may interleave other work. Returns every run, in order. */
export function repeat<T>(times: number, each: (index: number) => T): T[] {
  return Array.from({ length: times }, (_, index) => each(index));
}

/**
 * Waits until the machine is idle: less than `busyCores` of CPU used over one second (by
 * anything: other sessions share the machine), or `maxSeconds` have passed. Returns the seconds
 * waited.
 */
export function waitForIdleMachine(maxSeconds = 60, busyCores = 0.25): number {
  const started = Date.now();
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    const before = machineBusySeconds();
    if (before === undefined) return 0;
    Atomics.wait(pause, 0, 0, 1000);
    const busy = (machineBusySeconds() ?? before) - before;
    const waited = (Date.now() - started) / 1000;
    if (busy < busyCores || waited >= maxSeconds) return waited;
  }
}

/** What a measurement knows of the CPU time spent while it ran. */
export interface CpuMeasured {
  readonly seconds: number;
  /** CPU time other processes used meanwhile, seconds (cpuWindow). */
  readonly otherCpuSeconds?: number;
}

/** A run that was measured again because other processes took CPU time while it ran. */
export interface DiscardedRun {
  readonly what: string;
  readonly seconds: number;
  readonly otherCpuSeconds: number;
}

/** Other processes may use this much CPU during a run: 1 s, or a tenth of its wall time. */
export const disturbanceLimit = (seconds: number) => Math.max(1, seconds / 10);

/**
 * Runs a measurement on an idle machine (waitForIdleMachine first), and again, up to `retries`
 * times, when other processes used more than disturbanceLimit of CPU meanwhile; the runs
 * measured again are added to `discarded`. The last run is returned whatever it saw.
 */
export function undisturbed<T extends CpuMeasured>(
  what: string,
  run: () => T,
  discarded: DiscardedRun[],
  log: (message: string) => void,
  { retries = 3, idleSeconds = 120 } = {},
): T {
  for (let attempt = 0; ; attempt++) {
    if (waitForIdleMachine(idleSeconds) >= idleSeconds) {
      log(`  the machine stayed busy for ${idleSeconds} s; measuring ${what} anyway`);
    }
    const result = run();
    const other = result.otherCpuSeconds;
    if (other === undefined || other <= disturbanceLimit(result.seconds) || attempt >= retries) {
      return result;
    }
    discarded.push({ what, seconds: result.seconds, otherCpuSeconds: other });
    log(
      `  ${what}: ${result.seconds.toFixed(2)} s, measured again: other processes used ${other.toFixed(2)} s of CPU meanwhile`,
    );
  }
}
