import { spawnSync } from "child_process";
import { UserError } from "../lib/user-error";

/* The few git commands the review runs, with git's own message when one fails. */

export interface GitResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs git in `cwd`; never throws for git's exit code (the caller decides what it means). */
export function git(cwd: string, args: readonly string[]): GitResult {
  const run = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  if (run.error) {
    const missing = (run.error as NodeJS.ErrnoException).code === "ENOENT";
    throw new UserError(
      missing ? "git was not found on the PATH" : `git could not be started: ${run.error.message}`,
    );
  }
  return { code: run.status ?? 1, stdout: run.stdout, stderr: run.stderr };
}

/** The top folder of the git work tree holding `dir`, or undefined outside one. */
export function gitTopLevel(dir: string): string | undefined {
  const result = git(dir, ["rev-parse", "--show-toplevel"]);
  return result.code === 0 ? result.stdout.trim() : undefined;
}

/** The commit `ref` names in the repository at `root`. Throws UserError when it names none. */
export function resolveCommit(root: string, ref: string): string {
  // A ref starting with "-" would be read as an option by git.
  const result = ref.startsWith("-")
    ? undefined
    : git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  if (!result || result.code !== 0) {
    throw new UserError(
      `${JSON.stringify(ref)} is not a commit of the git repository ${root} (in GitHub Actions, check out with fetch-depth: 0 so that origin/<base> exists)`,
    );
  }
  return result.stdout.trim();
}
