import { spawn } from "child_process";
import { printable, printableLines } from "../text/printable";
import { UserError } from "../user-error";
import { ANSWER_BOUND, MAX_ANSWER_BYTES } from "./answer-json";

/*
 * Runs one of the site's read-only hooks (verify, inventory): a shell command, as Terraform's
 * local-exec runs the other hooks, with its context in KSV_* variables. Credentials come from
 * this process's environment, as for every hook. A hook is a site's script, and may hang, flood,
 * leave children behind or print terminal controls: the run always ends, within its time, with
 * at most a bounded answer held in memory, and says what went wrong in one message.
 */

/** Long enough for a script that asks NSX Manager and KSC (or vCenter) over a slow link. */
export const DEFAULT_HOOK_TIMEOUT_SECONDS = 120;

/** stderr shown in an error, at most: a hook that prints a megabyte says what it must early on. */
const MAX_STDERR = 4000;

/**
 * How long output is still read once the hook has exited: a child it left behind (started with
 * setsid, say) may hold its stdout open for ever, and must not hold the run with it.
 */
const AFTER_EXIT_MS = 500;

/** The hook's stdout read as its answer, or what is wrong with it (never its text: it may hold secrets). */
export type ReadAnswer<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

export interface ReadOnlyHookRun<T> {
  /** The hook's command (hooks.<name> of the estate). */
  readonly command: string;
  /** The hook named in messages: `verify hook of <resource> on manager dc1`. */
  readonly what: string;
  /** The hook's context: KSV_HOOK and the KSV_* variables of what it is asked about. */
  readonly context: Readonly<Record<string, string>>;
  /** The most stdout read; more is an error (the largest valid answer must fit). */
  /** The answer read from stdout. */
  readonly read: (stdout: string) => ReadAnswer<T>;
  /** @default DEFAULT_HOOK_TIMEOUT_SECONDS */
  readonly timeoutSeconds?: number;
  /** Added to the hook's environment (tests, site settings). @default - none */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Folder the hook runs in. @default - the current folder */
  readonly cwd?: string;
}

function tail(text: string): string {
  const trimmed = printableLines(text.trim());
  return trimmed.length > MAX_STDERR ? `...${trimmed.slice(-MAX_STDERR)}` : trimmed;
}

type Ending =
  | { readonly kind: "exited"; readonly code: number | null; readonly signal: string | null }
  | { readonly kind: "timed-out" }
  | { readonly kind: "too-large" }
  | { readonly kind: "not-started"; readonly message: string };

/** Kills the hook's process group: a script's children must not outlive it. */
function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // gone already
  }
}

/** Runs the hook; resolves with its answer, or rejects with a UserError naming everything. */
export function runReadOnlyHook<T>(run: ReadOnlyHookRun<T>): Promise<T> {
  const seconds = run.timeoutSeconds ?? DEFAULT_HOOK_TIMEOUT_SECONDS;
  const { what } = run;
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", run.command], {
      cwd: run.cwd,
      env: { ...process.env, ...run.env, ...run.context },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = "";
    let exited: Ending | undefined;
    let afterExit: NodeJS.Timeout | undefined;
    child.stderr.setEncoding("utf8");
    // Only its end is shown (tail): a noisy hook does not fill memory.
    child.stderr.on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-2 * MAX_STDERR)));

    const finish = (ending: Ending) => {
      clearTimeout(timer);
      clearTimeout(afterExit);
      child.removeAllListeners();
      child.stdout.destroy();
      child.stderr.destroy();
      killGroup(child.pid);
      const said = tail(stderr) ? `; it said:\n${tail(stderr)}` : "";
      if (ending.kind === "not-started") {
        return reject(new UserError(`${what} could not be started: ${ending.message}`));
      }
      if (ending.kind === "timed-out") {
        return reject(new UserError(`${what} did not finish within ${seconds} s${said}`));
      }
      if (ending.kind === "too-large") {
        return reject(
          new UserError(
            `${what} printed more than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB, too large for an answer (${ANSWER_BOUND})${said}`,
          ),
        );
      }
      if (ending.code !== 0) {
        const how =
          ending.code === null ? `was killed (${ending.signal})` : `exited with ${ending.code}`;
        return reject(new UserError(`${what} ${how}${said}`));
      }
      const answer = run.read(Buffer.concat(stdout).toString("utf8"));
      if (answer.ok) resolve(answer.value);
      else reject(new UserError(`${what} ${printable(answer.problem)}${said}`));
    };

    const timer = setTimeout(() => finish({ kind: "timed-out" }), seconds * 1000);
    child.stdout.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > MAX_ANSWER_BYTES) finish({ kind: "too-large" });
      else stdout.push(chunk);
    });
    child.on("error", (error) => finish({ kind: "not-started", message: error.message }));
    child.on("exit", (code, signal) => {
      exited = { kind: "exited", code, signal };
      afterExit = setTimeout(() => finish(exited!), AFTER_EXIT_MS);
    });
    child.on("close", (code, signal) => finish(exited ?? { kind: "exited", code, signal }));
  });
}
