import type { ManagerKind } from "../lib/contract";
import {
  CONTEXT_ENV,
  HookContext,
  HOOKS,
  isHook,
  isManagerKind,
  type Environment,
} from "./context";
import { HookError } from "./hook-error";
import { runNsxtHook, type HookOutput } from "./nsxt";
import { runNsxvHook } from "./nsxv";

/*
 * ksv-nsxt-hook: the reference hooks of ksv-ntp-cdktf, run by Terraform's local-exec (and by
 * ksv adopt / ksv drift for verify) with the hook contract in KSV_* variables. It reads KSV_HOOK
 * and KSV_MANAGER_KIND and runs that manager kind's implementation. Progress goes to stderr, the
 * verify and inventory answers to stdout; a failure is one line on stderr and exit 1.
 */

const PROGRAM = "ksv-nsxt-hook";

const IMPLEMENTATIONS: Readonly<
  Record<ManagerKind, (ctx: HookContext, output: HookOutput) => Promise<void>>
> = {
  "nsx-t": runNsxtHook,
  "nsx-v": runNsxvHook,
};

function contextOf(env: Environment): HookContext {
  const hook = env[CONTEXT_ENV.hook];
  if (!hook) {
    throw new HookError(
      `${CONTEXT_ENV.hook} is not set: ${PROGRAM} runs as a hook command of ksv-ntp-cdktf, which sets ${CONTEXT_ENV.hook} and the other KSV_* variables`,
    );
  }
  if (!isHook(hook)) {
    throw new HookError(`${CONTEXT_ENV.hook} "${hook}" is not a hook (${HOOKS.join(", ")})`);
  }
  return new HookContext(env, hook);
}

/** Runs the hook the environment names; sets process.exitCode (0, or 1 on failure). */
export async function main(
  argv: readonly string[] = process.argv.slice(2),
  env: Environment = process.env,
): Promise<void> {
  const hookName = env[CONTEXT_ENV.hook] ?? "";
  const prefix = `${PROGRAM}${hookName ? ` ${hookName}` : ""}`;
  const output: HookOutput = {
    log: (line) => process.stderr.write(`${prefix}: ${line}\n`),
    answer: (value) => process.stdout.write(`${JSON.stringify(value)}\n`),
  };
  try {
    if (argv.length > 0) {
      throw new HookError(
        `takes no arguments (got ${argv.length}); everything comes from KSV_* and NSX_* environment variables`,
      );
    }
    const ctx = contextOf(env);
    const kind = ctx.required(CONTEXT_ENV.managerKind);
    if (!isManagerKind(kind)) {
      throw new HookError(`${CONTEXT_ENV.managerKind} "${kind}" is neither nsx-t nor nsx-v`);
    }
    await IMPLEMENTATIONS[kind](ctx, output);
    process.exitCode = 0;
  } catch (error) {
    const message =
      error instanceof HookError
        ? error.message
        : `unexpected failure: ${(error as Error)?.message ?? String(error)}`;
    process.stderr.write(`${prefix}: ${message.replace(/\s*\n\s*/g, " ")}\n`);
    process.exitCode = 1;
  }
}
