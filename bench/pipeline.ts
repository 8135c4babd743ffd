import * as fs from "fs";
import * as path from "path";
import { generateEstate, writeEstate, type EstateShape } from "./generate-estate";
import { cpuWindow, measureRounds, median, runProcess, type ProcessRun } from "./measure";
import type { BenchContext } from "./run";
import { checkCreate, checkModeChange, type ReviewCheck, type ReviewJson } from "./review-checks";
import {
  benchEnvironment,
  compiledEnvironment,
  npmScript,
  PLAN_FILE,
  precompile,
  synthesizedStacks,
  terraform,
  terraformPlan,
} from "./project";

/*
 * The whole review pipeline at datacenter scale: `npm run plan-review` (package.json's script,
 * run as npm runs it: `/bin/sh -c <script>`, node_modules/.bin first on the PATH) on a generated
 * estate, from a cold checkout: no cdktf.out, no .terraform folders. Measured against the bare
 * Terraform work of the same synthesized stacks, one command after another, from the same cold
 * state. Two scenarios: every stack created (no state), and, after every stack has been applied
 * in standard mode, one NSX-V manager switched to monitoring, whose review is checked.
 */

/** nodePeakRssMb: the node process alone (its own ru_maxrss, reported at its exit). */
export interface PipelineRun extends ProcessRun {
  /** Each stack's init + plan + show as the command reported it (they overlap), seconds. */
  readonly stackSeconds: readonly number[];
}

export type Scenario = ReturnType<typeof scenario>;

const COMPILED_DIR = path.join(".gen", "bench");

interface Site {
  readonly project: string;
  readonly dir: string;
  readonly estateFile: string;
  readonly outdir: string;
  readonly command: string;
}

function runPipeline(site: Site, uncached: boolean): PipelineRun & { review: ReviewJson } {
  // Cold: nothing of an earlier run but the estate and the state files.
  fs.rmSync(site.outdir, { recursive: true, force: true });
  if (uncached) fs.rmSync(path.join(site.project, ".gen", "js"), { recursive: true, force: true });
  const env = benchEnvironment({
    KSV_ESTATE: site.estateFile,
    CDKTF_OUTDIR: site.outdir,
    // As npm runs a script.
    PATH: [path.join(site.project, "node_modules", ".bin"), process.env.PATH].join(path.delimiter),
  });
  const run = runProcess("/bin/sh", ["-c", site.command], {
    cwd: site.project,
    env,
    okCodes: [0, 2],
    timeoutSeconds: 900,
    nodeUsage: true,
  });
  const reviewFile = path.join(site.outdir, "plan-review.json");
  if (!fs.existsSync(reviewFile)) {
    throw new Error(`plan-review wrote no plan-review.json (exit ${run.code}):\n${run.stderr}`);
  }
  const stackSeconds = [...run.stderr.matchAll(/ planned \([^,]*, ([\d.]+) s\)/g)].map((m) =>
    Number(m[1]),
  );
  return {
    ...run,
    stackSeconds,
    review: JSON.parse(fs.readFileSync(reviewFile, "utf8")) as ReviewJson,
  };
}

/** The bare Terraform work of the synthesized stacks, one command after another, cold. */
function bareTerraform(outdir: string) {
  const other = cpuWindow();
  const stacks = synthesizedStacks(outdir).map((name) => {
    const dir = path.join(outdir, "stacks", name);
    for (const entry of [".terraform", ".terraform.lock.hcl", PLAN_FILE]) {
      fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
    const init = terraform(dir, ["init", "-input=false", "-no-color"]);
    const plan = terraformPlan(dir, [0, 2]);
    const show = terraform(dir, ["show", "-json", PLAN_FILE]);
    JSON.parse(show.stdout); // what the pipeline does with it, untimed here
    return { name, init, plan, show };
  });
  const commands = stacks.flatMap((st) => [st.init, st.plan, st.show]);
  const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);
  const cpu = commands.map((r) => r.cpuSeconds);
  const rss = commands.map((r) => r.peakRssMb).filter((v): v is number => v !== undefined);
  return {
    seconds: sum(commands.map((r) => r.seconds)),
    initSeconds: sum(stacks.map((st) => st.init.seconds)),
    planSeconds: sum(stacks.map((st) => st.plan.seconds)),
    showSeconds: sum(stacks.map((st) => st.show.seconds)),
    cpuSeconds: cpu.includes(undefined) ? undefined : sum(cpu as number[]),
    otherCpuSeconds: other(),
    peakRssMb: rss.length > 0 ? Math.max(...rss) : undefined,
    /** Stacks whose plan has changes (-detailed-exitcode 2). */
    changed: stacks.filter((st) => st.plan.code === 2).map((st) => st.name),
  };
}

function scenario(
  site: Site,
  { rounds, log }: BenchContext,
  check: (review: ReviewJson, code: number) => ReviewCheck,
) {
  const checks: ReviewCheck[] = [];
  const planReview = (uncached: boolean) => () => {
    const { review, ...run } = runPipeline(site, uncached);
    checks.push(check(review, run.code));
    return run;
  };
  const [reviewed, uncached, bare] = measureRounds(
    [
      { what: "plan-review", run: planReview(false) },
      { what: "uncached plan-review", run: planReview(true) },
      // The stacks the last run synthesized (the same as every run's), from the same cold state;
      // measured again after a measured run, so that they stay those of a cold run.
      { what: "bare terraform", run: () => bareTerraform(site.outdir) },
    ],
    { rounds, log, idleSeconds: 120 },
  );
  const firstFailing = checks.find((c) => !c.ok);
  return {
    planReview: reviewed,
    /** The same with the build cache (.gen/js) emptied first: the first run after an edit. */
    uncached,
    /** With the medians of each command's share. */
    bare: {
      ...bare,
      initSeconds: median(bare.runs.map((r) => r.initSeconds)),
      planSeconds: median(bare.runs.map((r) => r.planSeconds)),
      showSeconds: median(bare.runs.map((r) => r.showSeconds)),
    },
    /** The first failing check of any run; otherwise the checks of the last run. */
    check: firstFailing ?? checks[checks.length - 1],
  };
}

/** `terraform apply` of each stack's saved plan, one after another (not measured). */
function applyAll(outdir: string): number {
  const started = process.hrtime.bigint();
  for (const name of synthesizedStacks(outdir)) {
    const dir = path.join(outdir, "stacks", name);
    terraform(dir, ["apply", "-input=false", "-no-color", "-auto-approve", PLAN_FILE]);
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Parts of the run, measured on their own (section 2). */
function measureParts(site: Site, { rounds, log }: BenchContext) {
  const env = compiledEnvironment(site.project);
  const node = (args: readonly string[]) =>
    runProcess(process.execPath, args, { cwd: site.project, env });
  const synthChild = path.join(site.project, COMPILED_DIR, "bench", "synth-child.js");
  const synthOut = path.join(site.dir, "synth-child.out");
  const [tsNode, compiled, phases] = measureRounds(
    [
      {
        what: "modules through ts-node",
        run: () =>
          node(["-r", "ts-node/register/transpile-only", "-e", 'require("./app/plan-and-review")']),
      },
      {
        what: "modules compiled",
        run: () =>
          node(["-e", `require(${JSON.stringify(`./${COMPILED_DIR}/app/plan-and-review.js`)})`]),
      },
      {
        what: "estate load and synth",
        run: () => {
          fs.rmSync(synthOut, { recursive: true, force: true });
          const run = node([synthChild, site.estateFile, synthOut]);
          const line = run.stdout.trim().split("\n").pop() ?? "{}";
          return { ...run, ...(JSON.parse(line) as { loadMs: number; synthMs: number }) };
        },
      },
    ],
    // Parts are not measured again when disturbed: they wait for an idle machine only.
    { rounds: Math.max(rounds, 3), log, retries: 0 },
  );
  return {
    tsNodeModulesSeconds: tsNode.seconds,
    compiledModulesSeconds: compiled.seconds,
    loadMs: median(phases.runs.map((p) => p.loadMs)),
    synthMs: median(phases.runs.map((p) => p.synthMs)),
  };
}

export function measurePipeline(context: BenchContext, shape: EstateShape) {
  const { project, workDir, rounds, log } = context;
  const dir = path.join(workDir, "site");
  fs.mkdirSync(dir, { recursive: true });
  const estateFile = path.join(dir, "estate.yaml");
  const estate = generateEstate(shape) as {
    managers: Array<{ name: string; clusters: Array<{ hosts: unknown[] }> }>;
  };
  const estateBytes = writeEstate(estateFile, estate);
  const clusters = estate.managers.reduce((sum, m) => sum + m.clusters.length, 0);
  const command = npmScript(project, "plan-review");
  // The build the commands run from, as a checkout's first command leaves it.
  runProcess(process.execPath, [path.join(project, "scripts", "run-ts.js"), "--build"], {
    cwd: project,
  });
  // For the parts of the run (measureParts): compiled by tsc, against ts-node.
  precompile(
    project,
    ["app/plan-and-review.ts", "bench/synth-child.ts"],
    path.join(project, COMPILED_DIR),
  );
  const site: Site = { project, dir, estateFile, outdir: path.join(dir, "cdktf.out"), command };

  log(`plan-review of ${shape.hosts} hosts, every stack created: ${rounds} rounds`);
  const create = scenario(site, context, (review, code) =>
    checkCreate(review, code, shape.managers),
  );

  log("applying every stack in standard mode (not measured)");
  const applySeconds = applyAll(site.outdir);

  const manager = estate.managers.find((m) => m.name.endsWith("-nsxv"));
  if (!manager) throw new Error("the estate has no nsx-v manager");
  const { name } = manager;
  const changedManager = { name, hosts: manager.clusters.flatMap((c) => c.hosts).length };
  writeEstate(estateFile, generateEstate({ ...shape, monitoring: [name] }));
  log(`plan-review with ${name} switched to monitoring: ${rounds} rounds`);
  const modeChange = scenario(site, context, (review, code) =>
    checkModeChange(review, code, changedManager, shape.managers),
  );
  for (const bare of modeChange.bare.runs) {
    if (bare.changed.length !== 1 || bare.changed[0] !== name) {
      throw new Error(
        `bare terraform plans changes in ${bare.changed.join(", ") || "no stack"}; expected ${name} only`,
      );
    }
  }

  log("parts of the run: module loading, estate load and synth");
  const parts = measureParts(site, context);
  // applySeconds: not measured, said in the notes.
  return {
    shape,
    rounds,
    estateBytes,
    clusters,
    command,
    create,
    applySeconds,
    changedManager,
    modeChange,
    parts,
  };
}
