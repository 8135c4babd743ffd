import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { measureColdStart } from "./cold-start";
import { measureCpuThroughput } from "./cpu-throughput";
import { generateEstate, writeEstate, type EstateShape } from "./generate-estate";
import { describeMachine } from "./machine";
import { measurePipeline } from "./pipeline";
import { measurePlanReview } from "./plan-review-row";
import { renderReport } from "./report";
import type { BenchResults } from "./results";
import { snapshotProject } from "./snapshot";
import { checkTargets } from "./targets";
import { measureStackPlan } from "./terraform-plan";

/*
 * npm run bench [-- --quick] [-- --keep]
 *
 * The review pipeline at datacenter scale: `npm run plan-review` of a 20,000-host estate from a
 * cold checkout, created and after a traffic-mode change, against the bare Terraform work of its
 * stacks; `terraform plan` of one 2,000-host stack; `npx cdktf synth` of the large estate
 * against the example, with the cold-start variants; the review of one large plan. Prints the
 * report and writes it to BENCHMARKS.md.
 * --quick: one run of everything, nothing written (to try the benchmark itself).
 * --keep: keep the temporary folder with the estates, outputs and states.
 */

const ROOT = path.resolve(__dirname, "..");

/** 16 managers, half nsx-v, half nsx-t, clusters of up to 64 hosts. */
const LARGE_ESTATE: EstateShape = { hosts: 20000, managers: 16 };
const STACK_PLAN_SHAPE: EstateShape = { hosts: 2000, managers: 1, kinds: "nsx-v" };
const PLAN_REVIEW_HOSTS = 20000;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function writeStandardEstate(workDir: string): string {
  const file = path.join(workDir, "large-estate.yaml");
  writeEstate(file, generateEstate(LARGE_ESTATE));
  return file;
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const quick = args.has("--quick");
  const runs = quick
    ? { pipeline: 1, coldStart: 1, plan: 1 }
    : { pipeline: 3, coldStart: 5, plan: 5 };
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "ksv-bench-"));
  log(`working in ${workDir}`);
  try {
    const machine = describeMachine(ROOT);
    log("CPU throughput: one busy process, then one per core");
    const cpu = await measureCpuThroughput(3);

    // Every measurement runs in a copy of the sources taken now (others edit the project meanwhile).
    const project = snapshotProject(ROOT, path.join(workDir, "project"));

    const pipeline = measurePipeline({
      project,
      workDir: path.join(workDir, "pipeline"),
      shape: LARGE_ESTATE,
      rounds: runs.pipeline,
      log,
    });

    log(`terraform plan of one ${STACK_PLAN_SHAPE.hosts}-host stack: ${runs.plan} runs`);
    const stackPlan = measureStackPlan(
      project,
      path.join(workDir, "stack-plan"),
      STACK_PLAN_SHAPE,
      runs.plan,
      log,
    );

    log(`cdktf synth, large estate and cold start: ${runs.coldStart} rounds of 9 variants`);
    const coldStart = measureColdStart(
      project,
      path.join(workDir, "cold-start"),
      runs.coldStart,
      {
        // The large estate as the pipeline left it: every manager in standard mode.
        file: writeStandardEstate(workDir),
        hosts: LARGE_ESTATE.hosts,
        managers: LARGE_ESTATE.managers,
      },
      log,
    );

    log(`plan review of one ${PLAN_REVIEW_HOSTS}-host plan`);
    const planReview = await measurePlanReview(PLAN_REVIEW_HOSTS);

    const results: BenchResults = {
      machine,
      cpu,
      runs,
      pipeline,
      stackPlan,
      coldStart,
      planReview,
      totalSeconds: performance.now() / 1000,
    };
    const report = renderReport(results);
    process.stdout.write(`${report}\n`);
    if (quick) log("--quick: BENCHMARKS.md not written");
    else {
      fs.writeFileSync(path.join(ROOT, "BENCHMARKS.md"), report);
      log("written to BENCHMARKS.md");
    }
    const targets = checkTargets(results);
    const failed = targets.filter((t) => t.pass === false);
    log(
      `${failed.length === 0 ? "every measured target met" : `missed: ${failed.map((t) => t.id).join(", ")}`}; ${results.totalSeconds.toFixed(0)} s in all`,
    );
    // A wrong review is a bug, not a slow run.
    if (!pipeline.create.check.ok || !pipeline.modeChange.check.ok) process.exitCode = 1;
  } finally {
    if (args.has("--keep")) log(`kept ${workDir}`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`,
  );
  process.exitCode = 1;
});
