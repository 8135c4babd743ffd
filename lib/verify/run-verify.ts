import { HOSTS_ENVIRONMENT, ROLE_KEY } from "../contract";
import { DEFAULT_HOOK_TIMEOUT_SECONDS, hookContext, runReadOnlyHook } from "../hook-runner";
import type { VerifyTarget } from "./instances";
import { parseObservation, type Observation } from "./observation";

/*
 * Runs the site's `verify` hook for one resource (lib/hook-runner runs it: bounded in time and
 * answer, its process group ended), with the resource's values in KSV_* variables (and
 * KSV_HOOK=verify, KSV_ROLE). The hook only reads.
 */

/** Long enough for a script that asks NSX Manager and KSC over a slow link. */
export const DEFAULT_VERIFY_TIMEOUT_SECONDS = DEFAULT_HOOK_TIMEOUT_SECONDS;

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
  const values = Object.entries(target.values).filter(([key]) => key !== ROLE_KEY);
  const env: Record<string, string> = {
    ...hookContext("verify", Object.fromEntries(values)),
    KSV_ROLE: target.role,
  };
  if (target.hosts) env[HOSTS_ENVIRONMENT] = target.hosts.join(",");
  return env;
}

/** Runs the hook; resolves with what it observed, or rejects with a UserError naming everything. */
export function runVerify(target: VerifyTarget, options: VerifyOptions): Promise<Observation> {
  return runReadOnlyHook({
    command: options.command,
    what: `verify hook of ${target.address} (${target.role}) on manager ${options.manager}`,
    context: verifyEnvironment(target),
    read: (stdout) => {
      const parsed = parseObservation(target.role, stdout);
      return parsed.ok ? { ok: true, value: parsed.observation } : parsed;
    },
    timeoutSeconds: options.timeoutSeconds,
    env: options.env,
    cwd: options.cwd,
  });
}
