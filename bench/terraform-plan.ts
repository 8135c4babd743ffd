import * as fs from "fs";
import * as path from "path";
import { withForEachInLocals } from "./for-each-in-locals";
import { generateEstate, type EstateShape } from "./generate-estate";
import { handWrittenHcl, type HandWrittenManager } from "./hand-written-hcl";
import { median, runProcess, type ProcessRun } from "./measure";
import { runSynthChild, writeGeneratedEstate, type ChildBuild } from "./synth-scaling";

/*
 * What our JSON costs Terraform: `terraform plan` of a synthesized stack against the same
 * configuration written by hand in HCL, and against our JSON with its for_each map moved to a
 * local value (a proposed fix). Each is initialized once (terraform_data needs no provider),
 * then planned from a fresh (absent) state, runs interleaved. Our stack's plan may take far
 * longer than the others: it is stopped at a limit and reported as "more than".
 */

export type PlanConfig = "ours" | "oursLocals" | "handWritten";
export const PLAN_CONFIGS: readonly PlanConfig[] = ["ours", "oursLocals", "handWritten"];

export interface PlanConfigs {
  readonly hosts: number;
  readonly dirs: Readonly<Record<PlanConfig, string>>;
  readonly files: Readonly<Record<PlanConfig, string>>;
}

export interface PlanRun extends ProcessRun {
  /** Resource instances the plan creates; undefined when the plan was stopped. */
  readonly toAdd?: number;
}

export interface PlanVariant {
  readonly configBytes: number;
  readonly initSeconds: number;
  readonly runs: readonly PlanRun[];
  /** Median of the runs that finished; undefined when the first run was stopped. */
  readonly medianSeconds?: number;
  /** The limit the plan was stopped at, seconds. */
  readonly stoppedAfter?: number;
  readonly medianPeakRssMb?: number;
  readonly toAdd?: number;
}

export interface PlanComparison {
  readonly hosts: number;
  readonly variants: Readonly<Record<PlanConfig, PlanVariant>>;
  /** The configurations whose plans were compared with `terraform show -json`. */
  readonly compared: readonly PlanConfig[];
  /** Same planned instances, with the same triggers_replace, in every compared plan. */
  readonly samePlannedValues: boolean;
  /** Where our stack's plan was (or would have been) stopped, seconds. */
  readonly limitSeconds: number;
}

export interface PlanLimit {
  /** Stop our plan at this multiple of the hand-written plan's time... */
  readonly factor: number;
  /** ...but never before this many seconds... */
  readonly minSeconds: number;
  /** ...nor after this many. */
  readonly maxSeconds: number;
}

const PLAN_FILE = "bench.tfplan";

function environment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: "/dev/null",
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
  };
}

function terraform(
  dir: string,
  args: readonly string[],
  options: { okCodes?: number[]; timeoutSeconds?: number } = {},
): ProcessRun {
  return runProcess(process.env.TERRAFORM ?? "terraform", args, {
    cwd: dir,
    env: environment(),
    ...options,
  });
}

/** `terraform plan` as lib/terraform/stack-workflow.ts runs it (-detailed-exitcode: 2 = changes). */
function plan(dir: string, timeoutSeconds?: number): PlanRun {
  fs.rmSync(path.join(dir, PLAN_FILE), { force: true });
  const run = terraform(
    dir,
    ["plan", "-input=false", "-no-color", "-detailed-exitcode", `-out=${PLAN_FILE}`],
    { okCodes: [0, 2], timeoutSeconds },
  );
  if (run.timedOut) return run;
  const match = /Plan: (\d+) to add/.exec(run.stdout);
  if (!match) throw new Error(`terraform plan in ${dir} printed no "Plan:" line:\n${run.stdout}`);
  return { ...run, toAdd: Number(match[1]) };
}

interface PlannedResource {
  readonly address: string;
  readonly values: { readonly triggers_replace?: unknown };
}

/** Planned instances and their triggers, from `terraform show -json`. */
function plannedTriggers(dir: string): Map<string, string> {
  const shown = JSON.parse(terraform(dir, ["show", "-json", PLAN_FILE]).stdout) as {
    planned_values: { root_module: { resources?: PlannedResource[] } };
  };
  return new Map(
    (shown.planned_values.root_module.resources ?? []).map((r) => [
      r.address,
      JSON.stringify(r.values.triggers_replace),
    ]),
  );
}

function sameMaps(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);
}

interface SynthesizedStack {
  resource: { terraform_data: Record<string, { triggers_replace: Record<string, string> }> };
}

/**
 * A single-manager estate of `shape`, synthesized by this project, its JSON with the for_each
 * map in locals, and its hand-written equivalent. The policy JSON and the object list of the
 * hand-written file are the two strings a person would copy from the documentation; they are
 * taken from the synthesized stack so that every plan holds the very same values.
 */
export function preparePlanConfigs(
  build: ChildBuild,
  dir: string,
  shape: EstateShape,
): PlanConfigs {
  if (shape.managers !== 1) throw new Error("the plan comparison takes one manager");
  fs.mkdirSync(dir, { recursive: true });
  const estate = generateEstate(shape);
  const [estateFile] = writeGeneratedEstate(dir, shape);
  const synth = runSynthChild(build, estateFile, path.join(dir, "cdktf.out"));
  const ours = synth.child.stacks[0].file;
  const stack = JSON.parse(fs.readFileSync(ours, "utf8")) as SynthesizedStack;

  // Beside the synthesized stack, so that its relative state path stays inside `dir`.
  const oursLocals = path.join(path.dirname(ours), "..", "for-each-in-locals", "cdk.tf.json");
  fs.mkdirSync(path.dirname(oursLocals), { recursive: true });
  fs.writeFileSync(
    oursLocals,
    JSON.stringify(withForEachInLocals(stack as unknown as Record<string, unknown>), null, 2),
  );

  const handWritten = path.join(dir, "hand-written", "main.tf");
  fs.mkdirSync(path.dirname(handWritten), { recursive: true });
  const manager = (estate.managers as Array<Omit<HandWrittenManager, "policyJson" | "objects">>)[0];
  const data = stack.resource.terraform_data;
  fs.writeFileSync(
    handWritten,
    handWrittenHcl(
      {
        ...manager,
        policyJson: data.threat_policy.triggers_replace.policy,
        objects: data.nsx_objects.triggers_replace.objects,
      },
      estate.ksc as { address: string; port: number },
    ),
  );
  const files = { ours, oursLocals, handWritten };
  return {
    hosts: shape.hosts,
    files,
    dirs: {
      ours: path.dirname(ours),
      oursLocals: path.dirname(oursLocals),
      handWritten: path.dirname(handWritten),
    },
  };
}

function variant(runs: PlanRun[], configFile: string, initSeconds: number): PlanVariant {
  const finished = runs.filter((r) => !r.timedOut);
  const rss = finished.map((r) => r.peakRssMb).filter((v): v is number => v !== undefined);
  const stopped = runs.find((r) => r.timedOut);
  return {
    configBytes: fs.statSync(configFile).size,
    initSeconds,
    runs,
    medianSeconds: finished.length > 0 ? median(finished.map((r) => r.seconds)) : undefined,
    stoppedAfter: stopped?.seconds,
    medianPeakRssMb: rss.length > 0 ? median(rss) : undefined,
    toAdd: finished[0]?.toAdd,
  };
}

/**
 * Plans each configuration `runs` times, in rounds. Our stack's plan is stopped at the limit
 * (a multiple of the first hand-written plan), and not run again once it has been stopped.
 */
export function measurePlan(configs: PlanConfigs, runs: number, limit: PlanLimit): PlanComparison {
  const init = Object.fromEntries(
    PLAN_CONFIGS.map((c) => [
      c,
      terraform(configs.dirs[c], ["init", "-input=false", "-no-color"]).seconds,
    ]),
  ) as Record<PlanConfig, number>;
  const measured: Record<PlanConfig, PlanRun[]> = { ours: [], oursLocals: [], handWritten: [] };
  let limitSeconds = limit.maxSeconds;
  for (let round = 0; round < runs; round++) {
    measured.handWritten.push(plan(configs.dirs.handWritten));
    if (round === 0) {
      const scaled = limit.factor * measured.handWritten[0].seconds;
      limitSeconds = Math.round(Math.min(limit.maxSeconds, Math.max(limit.minSeconds, scaled)));
    }
    measured.oursLocals.push(plan(configs.dirs.oursLocals));
    if (!measured.ours.some((r) => r.timedOut)) {
      measured.ours.push(plan(configs.dirs.ours, limitSeconds));
    }
  }
  const compared = PLAN_CONFIGS.filter((c) => !measured[c].some((r) => r.timedOut));
  const triggers = compared.map((c) => plannedTriggers(configs.dirs[c]));
  return {
    hosts: configs.hosts,
    variants: {
      ours: variant(measured.ours, configs.files.ours, init.ours),
      oursLocals: variant(measured.oursLocals, configs.files.oursLocals, init.oursLocals),
      handWritten: variant(measured.handWritten, configs.files.handWritten, init.handWritten),
    },
    compared,
    samePlannedValues: triggers.every((t) => sameMaps(t, triggers[0])),
    limitSeconds,
  };
}
