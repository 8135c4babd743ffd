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

/** GNU time reports the peak RSS of a process tree's largest process; absent on some machines. */
const GNU_TIME = "/usr/bin/time";
const hasGnuTime = fs.existsSync(GNU_TIME);

export interface ProcessRun {
  /** Wall time from spawn to exit, seconds. */
  readonly seconds: number;
  /** Peak RSS of the largest process of the tree, MB (GNU time's %M); undefined without it. */
  readonly peakRssMb?: number;
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
    ? [GNU_TIME, ["-q", "-f", "%M", "-o", rssFile, ...limited]]
    : [limited[0], limited.slice(1)];
  const start = process.hrtime.bigint();
  const run = spawnSync(file, argv, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  let peakRssMb: number | undefined;
  if (hasGnuTime && fs.existsSync(rssFile)) {
    const kb = Number(fs.readFileSync(rssFile, "utf8").trim().split("\n").pop());
    fs.rmSync(rssFile, { force: true });
    if (Number.isFinite(kb)) peakRssMb = kb / 1024;
  }
  if (run.error) throw new Error(`${command} could not be started: ${run.error.message}`);
  const timedOut = options.timeoutSeconds !== undefined && run.status === KILLED;
  if (!timedOut && !(options.okCodes ?? [0]).includes(run.status ?? -1)) {
    throw new Error(
      `${command} ${args.join(" ")} exited with ${run.status ?? run.signal} in ${options.cwd}:\n` +
        `${run.stderr.trim() || run.stdout.trim()}`.slice(0, 4000),
    );
  }
  return { seconds, peakRssMb, timedOut, stdout: run.stdout, stderr: run.stderr };
}

/** Runs `times` times; `each` may interleave other work. Returns every run, in order. */
export function repeat<T>(times: number, each: (index: number) => T): T[] {
  return Array.from({ length: times }, (_, index) => each(index));
}

/** The last line of a child's stdout, which our children print as JSON. */
export function lastJsonLine<T>(stdout: string): T {
  const line = stdout.trim().split("\n").pop();
  if (!line) throw new Error("the child printed nothing");
  return JSON.parse(line) as T;
}

/** Total size of the files under a folder, bytes. */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}
