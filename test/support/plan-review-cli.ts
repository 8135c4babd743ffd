import * as path from "path";
import { repoRoot, runNode, type CommandResult } from "./workspace";

export const PLAN_REVIEW_BIN = path.join(repoRoot, "bin", "ksv-plan-review.js");

/**
 * Runs the real `ksv-plan-review` (bin/ksv-plan-review.js) in a child process. Asynchronous, so
 * that a test file can start several runs at once: each one pays ts-node's start-up.
 */
export function runPlanReview(
  args: readonly string[],
  options: { stdin?: string; cwd?: string } = {},
): Promise<CommandResult> {
  return runNode([PLAN_REVIEW_BIN, ...args], options);
}

/**
 * Runs the CLI's code (app/plan-review-cli.ts `main`, with its error handling) in this process,
 * capturing what it writes and the exit code it sets: the CLI without ts-node's start-up.
 */
export async function runPlanReviewInProcess(args: readonly string[]): Promise<CommandResult> {
  const { main } = await import("../../app/plan-review-cli");
  const stdout: string[] = [];
  const stderr: string[] = [];
  const capture = (into: string[]) => (chunk: string | Uint8Array) => {
    into.push(String(chunk));
    return true;
  };
  const out = jest.spyOn(process.stdout, "write").mockImplementation(capture(stdout));
  const err = jest.spyOn(process.stderr, "write").mockImplementation(capture(stderr));
  const exitCodeBefore = process.exitCode;
  try {
    await main(args);
    return {
      code: Number(process.exitCode ?? 0),
      stdout: stdout.join(""),
      stderr: stderr.join(""),
    };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = exitCodeBefore;
  }
}
