import { spawn } from "child_process";
import { environmentName, HOSTS_ENVIRONMENT, ROLE_KEY } from "../contract";
import { UserError } from "../user-error";
import type { VerifyTarget } from "./instances";
import { parseObservation, type Observation } from "./observation";

/*
 * Runs the site's `verify` hook for one resource: a shell command, as Terraform's local-exec runs
 * the other hooks, with the resource's values in KSV_* variables (and KSV_HOOK=verify, KSV_ROLE).
 * Credentials come from this process's environment, as for every hook. The hook only reads.
 */

/** Long enough for a script that asks NSX Manager and KSC over a slow link. */
export const DEFAULT_VERIFY_TIMEOUT_SECONDS = 120;

/** stderr shown in an error, at most: a hook that prints a megabyte says what it must early on. */
const MAX_STDERR = 4000;

/** Where the output of a misbehaving hook is cut: an observation is small. */
const MAX_STDOUT = 16 * 1024 * 1024;

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
  const trimmed = text.trim();
  return trimmed.length > MAX_STDERR ? `...${trimmed.slice(-MAX_STDERR)}` : trimmed;
}

/** Runs the hook; resolves with what it observed, or rejects with a UserError naming everything. */
export function runVerify(target: VerifyTarget, options: VerifyOptions): Promise<Observation> {
  const timeout = (options.timeoutSeconds ?? DEFAULT_VERIFY_TIMEOUT_SECONDS) * 1000;
  const what = `verify hook of ${target.address} (${target.role}) on manager ${options.manager}`;
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", options.command], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, ...verifyEnvironment(target) },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    // Decoded as a stream: a character split between two chunks stays whole.
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      if (stdout.length < MAX_STDOUT) stdout += chunk;
    });
    // Only its end is shown (tail): a noisy hook does not fill memory.
    child.stderr.on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-2 * MAX_STDERR);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      // The whole process group: a script's children must not outlive it.
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    }, timeout);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new UserError(`${what} could not be started: ${error.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const said = tail(stderr) ? `; it said:\n${tail(stderr)}` : "";
      if (timedOut) {
        reject(new UserError(`${what} did not finish within ${timeout / 1000} s${said}`));
      } else if (code !== 0) {
        const how = code === null ? `was killed (${signal})` : `exited with ${code}`;
        reject(new UserError(`${what} ${how}${said}`));
      } else {
        const parsed = parseObservation(target.role, stdout);
        if (parsed.ok) resolve(parsed.observation);
        else reject(new UserError(`${what} ${parsed.problem}${said}`));
      }
    });
  });
}
