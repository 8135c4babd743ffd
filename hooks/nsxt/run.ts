import type { HookContext } from "../context";
import { HookError } from "../hook-error";
import type { NsxClient } from "../http/nsx-client";
import type { Names } from "./naming";

/** What an NSX-T hook works with: its environment, the Manager, its object names, its log. */
export interface NsxtRun {
  readonly ctx: HookContext;
  readonly nsx: NsxClient;
  readonly names: Names;
  /** Progress for the operator, on stderr (stdout is the verify and inventory answer). */
  readonly log: (line: string) => void;
  /** Prints the hook's answer (verify, inventory) on stdout. */
  readonly answer: (value: unknown) => void;
}

/** Waits until `done` says so, polling with growing pauses (0.25 s up to 5 s), up to `limitMs`. */
export async function pollUntil<T>(
  limitMs: number,
  step: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const deadline = Date.now() + limitMs;
  let pause = 250;
  for (;;) {
    const result = await step();
    if (result !== undefined) return result;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, deadline - Date.now())));
    pause = Math.min(pause * 2, 5000);
  }
}

/** A positive number of seconds from the environment, or the default. */
export function secondsFrom(ctx: HookContext, name: string, fallback: number): number {
  const text = ctx.optional(name);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) <= 0) {
    throw new HookError(
      `${name} must be a whole number of seconds above 0, got ${JSON.stringify(text)}`,
    );
  }
  return Number(text);
}
