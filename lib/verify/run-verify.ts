import { spawn } from "child_process";
import { environmentName, HOSTS_ENVIRONMENT, ROLE_KEY } from "../contract";
import { printable, printableLines } from "../text/printable";
import { UserError } from "../user-error";
import type { VerifyTarget } from "./instances";
import { MAX_ANSWER_BYTES, parseObservation, type Observation } from "./observation";

/*
 * Runs the site's `verify` hook for one resource: a shell command, as Terraform's local-exec runs
 * the other hooks, with the resource's values in KSV_* variables (and KSV_HOOK=verify, KSV_ROLE).
 * Credentials come from this process's environment, as for every hook. The hook only reads.
 */

/** Long enough for a script that asks NSX Manager and KSC over a slow link. */
export const DEFAULT_VERIFY_TIMEOUT_SECONDS = 120;

/** stderr shown in an error, at most: a hook that prints a megabyte says what it must early on. */
const MAX_STDERR = 4000;

/**
 * How long output is still read once the hook has exited: a child it left behind (started with
 * setsid, say) may hold its stdout open for ever, and must not hold the run with it.
 */
const AFTER_EXIT_MS = 500;

export interface VerifyOptions {
  /** The hook's command (hooks.verify of the estate). */
  readonly command: string;
  /** The manager, for messages. */
  readonly manager: string;
  /** @default DEFAULT_VERIFY_TIMEOUT_SECONDS */
  readonly timeoutSeconds?: number;
  /** Added to the hook's environment (tests, site settings). @default - none */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Folder the hook runs in. @default - the current folder */
  readonly cwd?: string;
}

/** The environment the hook gets for one resource. */
export function verifyEnvironment(target: VerifyTarget): Record<string, string> {
  const env: Record<string, string> = { KSV_HOOK: "verify", KSV_ROLE: target.role };
  for (const [key, value] of Object.entries(target.values)) {
    if (key !== ROLE_KEY && value !== undefined) env[environmentName(key)] = value;
  }
  if (target.hosts) env[HOSTS_ENVIRONMENT] = target.hosts.join(",");
  return env;
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

/** Runs the hook; resolves with what it observed, or rejects with a UserError naming everything. */
export function runVerify(target: VerifyTarget, options: VerifyOptions): Promise<Observation> {
  const seconds = options.timeoutSeconds ?? DEFAULT_VERIFY_TIMEOUT_SECONDS;
  const what = `verify hook of ${target.address} (${target.role}) on manager ${options.manager}`;
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", options.command], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, ...verifyEnvironment(target) },
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
            `${what} printed more than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB, too large for an answer (100,000 hosts of 253 characters fit)${said}`,
          ),
        );
      }
      if (ending.code !== 0) {
        const how =
          ending.code === null ? `was killed (${ending.signal})` : `exited with ${ending.code}`;
        return reject(new UserError(`${what} ${how}${said}`));
      }
      const parsed = parseObservation(target.role, Buffer.concat(stdout).toString("utf8"));
      if (parsed.ok) resolve(parsed.observation);
      else reject(new UserError(`${what} ${printable(parsed.problem)}${said}`));
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
