import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ValidatedEstate } from "../lib/estate/validated-estate";
import type { AllChangedReason, ChangedSince } from "../lib/plan-review/model";
import { configurationDigestOfFile } from "../lib/terraform/configuration-digest";
import { UserError } from "../lib/user-error";
import { git, gitTopLevel, resolveCommit } from "./git";
import { loadEstate, parseEstate } from "./load-estate";
import { stackInputsOf } from "../stacks/estate-stacks";
import { PROJECT_ROOT } from "./project-root";
import { synthesizeEstate, type SynthesizedStack } from "./synthesize-estate";

/*
 * Which stacks an estate change touches, by content. One estate file feeds every stack, so the
 * file's path says nothing (Atlantis and Terramate decide by path); instead the estate as it is
 * and as it was at a git ref are both synthesized, and each stack's cdk.tf.json compared as
 * Terraform reads it (lib/terraform/configuration-digest: cdktf's metadata left out). A stack new
 * since the ref has changed; so has every stack when the estate file did not exist or load at the
 * ref, or when the code that synthesizes stacks changed since (both estates are synthesized by
 * today's code, which would hide that change).
 */

/** The project's files that decide what a stack synthesizes to, besides the estate. */
const SYNTHESIS_SOURCES = [
  "main.ts",
  "stacks",
  "lib/constructs",
  "lib/contract",
  "lib/estate",
  "lib/rules",
  "app/synthesize-estate.ts",
  "package-lock.json",
  "cdktf.json",
] as const;

export interface StackChanges extends ChangedSince {
  /** The commit the ref named when compared. */
  readonly commit: string;
  /** Stacks (managers) whose configuration differs from the ref's, or that are new, in estate order. */
  readonly changed: readonly string[];
}

export interface ChangedStacksOptions {
  /** The estate file, as it is in the work tree. */
  readonly estateFile: string;
  /** A git ref (branch, tag, commit) of the repository holding the estate file. */
  readonly ref: string;
  /**
   * The estate as it is, loaded, and its stacks if already synthesized (npm run plan-review has
   * them). @default - the estate file is loaded, and stacks are synthesized where needed
   */
  readonly current?: {
    readonly estate: ValidatedEstate;
    readonly stacks?: readonly SynthesizedStack[];
  };
}

/** The estate file's path in its repository, and that repository's top folder. */
function locateEstate(estateFile: string): { root: string; relative: string } {
  let real: string;
  try {
    real = fs.realpathSync(estateFile);
  } catch {
    throw new UserError(`${estateFile}: no such estate file`);
  }
  const root = gitTopLevel(path.dirname(real));
  if (root === undefined) {
    throw new UserError(
      `--changed-since compares with git history, and ${estateFile} is not in a git work tree`,
    );
  }
  return { root, relative: path.relative(root, real).split(path.sep).join("/") };
}

/** Whether the code that synthesizes stacks differs from the ref's (when it is in the same repository). */
function synthesisCodeChanged(root: string, commit: string): boolean {
  if (gitTopLevel(PROJECT_ROOT) !== root) return false;
  const paths = SYNTHESIS_SOURCES.map((source) =>
    path.relative(root, path.join(PROJECT_ROOT, source)).split(path.sep).join("/"),
  );
  return git(root, ["diff", "--quiet", commit, "--", ...paths]).code !== 0;
}

/** The estate at the commit, validated; or why there is none. */
function estateAt(
  root: string,
  commit: string,
  relative: string,
  ref: string,
): ValidatedEstate | AllChangedReason {
  const shown = git(root, ["show", `${commit}:${relative}`]);
  if (shown.code !== 0) return "estate-missing";
  try {
    return parseEstate(shown.stdout, `${ref}:${relative}`).estate;
  } catch (error) {
    if (error instanceof UserError) return "estate-invalid";
    throw error;
  }
}

/**
 * A manager's stack inputs (stacks/estate-stacks.ts). The code is today's on both sides, so
 * only stacks whose inputs differ are synthesized and compared: that keeps a 16-manager,
 * 20,000-host estate with one manager changed from synthesizing 32 stacks.
 */
function stackInputs(estate: ValidatedEstate, name: string): string | undefined {
  const manager = estate.managers.find((m) => m.name === name);
  return manager && JSON.stringify(stackInputsOf(estate, manager));
}

/** The configuration digests of the named managers' stacks, synthesized in a folder of their own. */
function synthesizedDigests(
  estate: ValidatedEstate,
  managers: readonly string[],
): Map<string, string> {
  if (managers.length === 0) return new Map();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ksv-changed-since-"));
  try {
    const stacks = synthesizeEstate(estate, path.join(dir, "cdktf.out"), { managers });
    return new Map(stacks.map((stack) => [stack.name, configurationDigestOfFile(stack.file)]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The stacks of the estate whose synthesized configuration changed since `ref`, and those that
 * did not. Throws UserError when the estate is not in a git work tree or the ref names no commit.
 */
export function changedStacks(options: ChangedStacksOptions): StackChanges {
  const { root, relative } = locateEstate(options.estateFile);
  const commit = resolveCommit(root, options.ref);
  const estate = options.current?.estate ?? loadEstate(options.estateFile).estate;
  const names = estate.managers.map((manager) => manager.name);
  const result = (changed: readonly string[], reason: AllChangedReason | null): StackChanges => ({
    ref: options.ref,
    commit,
    changed: names.filter((name) => changed.includes(name)),
    unchanged: names.filter((name) => !changed.includes(name)),
    allChangedReason: reason,
  });
  if (synthesisCodeChanged(root, commit)) return result(names, "code-changed");
  const before = estateAt(root, commit, relative, options.ref);
  if (typeof before === "string") return result(names, before);

  const compared = names.filter((name) => stackInputs(estate, name) !== stackInputs(before, name));
  const beforeDigests = synthesizedDigests(
    before,
    compared.filter((name) => before.managers.some((m) => m.name === name)),
  );
  const given = options.current?.stacks;
  const nowDigests = given
    ? new Map(
        given
          .filter((stack) => compared.includes(stack.name))
          .map((stack) => [stack.name, configurationDigestOfFile(stack.file)]),
      )
    : synthesizedDigests(estate, compared);
  return result(
    compared.filter((name) => beforeDigests.get(name) !== nowDigests.get(name)),
    null,
  );
}
