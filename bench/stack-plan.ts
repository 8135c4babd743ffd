import * as fs from "fs";
import * as path from "path";
import { BEFORE, BEFORE_COMMIT } from "./before";
import {
  generateEstate,
  MAX_CLUSTER_HOSTS,
  writeEstate,
  type EstateShape,
} from "./generate-estate";
import { measureRounds, runProcess } from "./measure";
import { benchEnvironment, cdktfApp, PLAN_FILE, terraform, terraformPlan } from "./project";
import { bytes, discardedNote, maybe, mb, n, runsOf, s, type Section } from "./report";
import type { BenchContext, BenchResults } from "./run";

/*
 * What one large stack costs Terraform: `terraform plan` of a synthesized single-manager stack,
 * after one `terraform init` that is not counted, from a fresh (absent) state. Two estates,
 * planned in turn: every hook set, and no hooks (the conditions of the per-host model's number
 * it replaces).
 */

/** Writes the estate, synthesizes it with cdktf.json's app and runs `terraform init`. */
function prepare(project: string, dir: string, shape: EstateShape) {
  fs.mkdirSync(dir, { recursive: true });
  const estateFile = path.join(dir, "estate.yaml");
  const estate = generateEstate(shape) as {
    managers: Array<{ name: string; clusters: unknown[] }>;
  };
  writeEstate(estateFile, estate);
  const outdir = path.join(dir, "cdktf.out");
  runProcess("/bin/sh", ["-c", cdktfApp(project)], {
    cwd: project,
    env: benchEnvironment({ KSV_ESTATE: estateFile, CDKTF_OUTDIR: outdir }),
  });
  const stackDir = path.join(outdir, "stacks", estate.managers[0].name);
  const initSeconds = terraform(stackDir, ["init", "-input=false", "-no-color"]).seconds;
  return { dir: stackDir, clusters: estate.managers[0].clusters.length, initSeconds };
}

/** `toAdd`: resource instances the plan creates. */
function plan(dir: string) {
  fs.rmSync(path.join(dir, PLAN_FILE), { force: true });
  const run = terraformPlan(dir, [2]);
  const match = /Plan: (\d+) to add/.exec(run.stdout);
  if (!match) throw new Error(`terraform plan in ${dir} printed no "Plan:" line:\n${run.stdout}`);
  return { ...run, toAdd: Number(match[1]) };
}

export function measureStackPlan(context: BenchContext, shape: EstateShape) {
  if (shape.managers !== 1) throw new Error("the stack plan takes one manager");
  const { project, workDir, rounds, log } = context;
  log(`terraform plan of one ${shape.hosts}-host stack: ${rounds} runs`);
  const hooks = prepare(project, path.join(workDir, "hooks"), { ...shape, hooks: true });
  const noHooks = prepare(project, path.join(workDir, "no-hooks"), { ...shape, hooks: false });
  const measured = measureRounds(
    [
      { what: "terraform plan (hooks)", run: () => plan(hooks.dir) },
      { what: "terraform plan (noHooks)", run: () => plan(noHooks.dir) },
    ],
    { rounds, log },
  );
  const result = (prepared: ReturnType<typeof prepare>, series: (typeof measured)[number]) => ({
    ...series,
    configBytes: fs.statSync(path.join(prepared.dir, "cdk.tf.json")).size,
    clusters: prepared.clusters,
    initSeconds: prepared.initSeconds,
    toAdd: series.runs[0].toAdd,
  });
  return {
    shape,
    rounds,
    hooks: result(hooks, measured[0]),
    noHooks: result(noHooks, measured[1]),
  };
}

export function stackPlanSection({ stackPlan: r }: BenchResults): Section {
  const row = (label: string, v: typeof r.hooks) => [
    label,
    n(v.clusters),
    bytes(v.configBytes),
    s(v.initSeconds),
    s(v.seconds),
    runsOf(v.runs),
    maybe(v.cpuSeconds, s),
    mb(v.peakRssMb),
    n(v.toAdd),
  ];
  const before = BEFORE.stackPlan;
  return {
    title: `3. \`terraform plan\` of one ${n(r.shape.hosts)}-host stack (target 3)`,
    blocks: [
      {
        header:
          "stack | clusters | cdk.tf.json | init (not counted) | plan (median) | runs (s) | CPU | peak RSS | to add",
        rows: [
          row("every hook set (the large estate's settings): the target", r.hooks),
          row("no hooks (the conditions of the before row)", r.noHooks),
          [
            `before: per-host \`svm\` resource, no hooks (${BEFORE_COMMIT})`,
            "n/a",
            bytes(before.configBytes),
            s(before.initSeconds),
            s(before.seconds),
            runsOf(before.runs),
            "n/a",
            mb(before.peakRssMb),
            n(before.toAdd),
          ],
        ],
      },
      [
        `One nsx-v manager with ${n(r.shape.hosts)} hosts in clusters of 8 to ${MAX_CLUSTER_HOSTS} (bench/generate-estate.ts), \`terraform_data\`, local backend, synthesized by cdktf.json's app in the project snapshot.`,
        `**plan**: wall time of \`terraform plan -input=false -no-color -detailed-exitcode -out=ksv.tfplan\` (as lib/terraform/stack-workflow.ts runs it) after one \`terraform init\`, fresh state (nothing applied), \`TF_CLI_CONFIG_FILE=/dev/null\`, \`CHECKPOINT_DISABLE=1\`, \`TF_IN_AUTOMATION=1\`. ${r.rounds} rounds, each planning both stacks; median. CPU and peak RSS: GNU time. ${discardedNote([...r.hooks.discarded, ...r.noHooks.discarded])}`,
      ],
    ],
  };
}
