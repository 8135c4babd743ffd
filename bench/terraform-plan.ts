import * as fs from "fs";
import * as path from "path";
import { generateEstate, writeEstate, type EstateShape } from "./generate-estate";
import { median, runProcess, undisturbed, type DiscardedRun, type ProcessRun } from "./measure";
import { benchEnvironment } from "./snapshot";

/*
 * What one large stack costs Terraform: `terraform plan` of a synthesized single-manager stack
 * (synthesized by cdktf.json's app in the project snapshot), after one `terraform init` that is
 * not counted, from a fresh (absent) state. Two estates, planned in turn: every hook set, and no
 * hooks (the conditions of the per-host model's number it replaces).
 */

export type PlanVariantName = "hooks" | "noHooks";
export const PLAN_VARIANTS: readonly PlanVariantName[] = ["hooks", "noHooks"];

export interface PlanRun extends ProcessRun {
  /** Resource instances the plan creates. */
  readonly toAdd: number;
}

export interface PlanVariant {
  readonly configBytes: number;
  readonly clusters: number;
  readonly initSeconds: number;
  readonly runs: readonly PlanRun[];
  readonly medianSeconds: number;
  readonly medianCpuSeconds?: number;
  readonly medianPeakRssMb?: number;
  readonly toAdd: number;
}

export interface StackPlanResult {
  readonly shape: EstateShape;
  /** Plans measured again because other processes took CPU time meanwhile. */
  readonly discarded: readonly DiscardedRun[];
  readonly variants: Readonly<Record<PlanVariantName, PlanVariant>>;
}

const PLAN_FILE = "ksv.tfplan";

function terraform(dir: string, args: readonly string[], okCodes = [0]): ProcessRun {
  return runProcess(process.env.TERRAFORM ?? "terraform", args, {
    cwd: dir,
    env: benchEnvironment(),
    okCodes,
  });
}

/** `terraform plan` as lib/terraform/stack-workflow.ts runs it (-detailed-exitcode: 2 = changes). */
function plan(dir: string): PlanRun {
  fs.rmSync(path.join(dir, PLAN_FILE), { force: true });
  const run = terraform(
    dir,
    ["plan", "-input=false", "-no-color", "-detailed-exitcode", `-out=${PLAN_FILE}`],
    [2],
  );
  const match = /Plan: (\d+) to add/.exec(run.stdout);
  if (!match) throw new Error(`terraform plan in ${dir} printed no "Plan:" line:\n${run.stdout}`);
  return { ...run, toAdd: Number(match[1]) };
}

interface Prepared {
  readonly dir: string;
  readonly file: string;
  readonly clusters: number;
}

/** Writes the estate, synthesizes it with cdktf.json's app, returns the stack's folder. */
function prepare(project: string, dir: string, shape: EstateShape): Prepared {
  if (shape.managers !== 1) throw new Error("the stack plan takes one manager");
  fs.mkdirSync(dir, { recursive: true });
  const estateFile = path.join(dir, "estate.yaml");
  const estate = generateEstate(shape) as {
    managers: Array<{ name: string; clusters: unknown[] }>;
  };
  writeEstate(estateFile, estate);
  const outdir = path.join(dir, "cdktf.out");
  const app = (
    JSON.parse(fs.readFileSync(path.join(project, "cdktf.json"), "utf8")) as { app: string }
  ).app;
  runProcess("/bin/sh", ["-c", app], {
    cwd: project,
    env: benchEnvironment({ KSV_ESTATE: estateFile, CDKTF_OUTDIR: outdir }),
  });
  const stackDir = path.join(outdir, "stacks", estate.managers[0].name);
  return {
    dir: stackDir,
    file: path.join(stackDir, "cdk.tf.json"),
    clusters: estate.managers[0].clusters.length,
  };
}

export function measureStackPlan(
  project: string,
  workDir: string,
  shape: EstateShape,
  runs: number,
  log: (message: string) => void,
): StackPlanResult {
  const prepared: Record<PlanVariantName, Prepared> = {
    hooks: prepare(project, path.join(workDir, "hooks"), { ...shape, hooks: true }),
    noHooks: prepare(project, path.join(workDir, "no-hooks"), { ...shape, hooks: false }),
  };
  const init = Object.fromEntries(
    PLAN_VARIANTS.map((v) => [
      v,
      terraform(prepared[v].dir, ["init", "-input=false", "-no-color"]).seconds,
    ]),
  ) as Record<PlanVariantName, number>;
  const measured: Record<PlanVariantName, PlanRun[]> = { hooks: [], noHooks: [] };
  const discarded: DiscardedRun[] = [];
  for (let round = 0; round < runs; round++) {
    for (const v of PLAN_VARIANTS) {
      const measure = () => plan(prepared[v].dir);
      measured[v].push(
        undisturbed(`terraform plan (${v})`, measure, discarded, log, { idleSeconds: 60 }),
      );
    }
  }
  const variant = (v: PlanVariantName): PlanVariant => {
    const list = measured[v];
    const rss = list.map((r) => r.peakRssMb).filter((x): x is number => x !== undefined);
    const cpu = list.map((r) => r.cpuSeconds).filter((x): x is number => x !== undefined);
    return {
      configBytes: fs.statSync(prepared[v].file).size,
      clusters: prepared[v].clusters,
      initSeconds: init[v],
      runs: list,
      medianSeconds: median(list.map((r) => r.seconds)),
      medianCpuSeconds: cpu.length === list.length ? median(cpu) : undefined,
      medianPeakRssMb: rss.length === list.length ? median(rss) : undefined,
      toAdd: list[0].toAdd,
    };
  };
  return {
    shape,
    discarded,
    variants: { hooks: variant("hooks"), noHooks: variant("noHooks") },
  };
}
