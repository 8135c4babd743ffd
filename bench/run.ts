import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { measureColdStart } from "./cold-start";
import { summarizeProfile } from "./cpu-profile";
import type { EstateShape } from "./generate-estate";
import { describeMachine } from "./machine";
import { measurePlanReview } from "./plan-review-row";
import { renderReport } from "./report";
import type { BenchResults } from "./results";
import {
  buildChildren,
  measureSynthScaling,
  runSynthChild,
  writeGeneratedEstate,
  type ChildBuild,
} from "./synth-scaling";
import { checkTargets } from "./targets";
import { measurePlan, preparePlanConfigs, type PlanLimit } from "./terraform-plan";

/*
 * npm run bench [-- --quick] [-- --keep]
 *
 * Measures synth at scale, the cold start of `cdktf synth`, `terraform plan` of our JSON against
 * hand-written HCL, and plan review; prints the report and writes it to BENCHMARKS.md.
 * --quick: one run of everything, nothing written (to try the benchmark itself).
 * --keep: keep the temporary folder with the estates, outputs and profiles.
 */

const ROOT = path.resolve(__dirname, "..");

const SYNTH_SIZES: readonly EstateShape[] = [
  { hosts: 100, managers: 1 },
  { hosts: 2000, managers: 2 },
  { hosts: 20000, managers: 16 },
];
const PLAN_SHAPE: EstateShape = { hosts: 2000, managers: 1, kinds: "nsx-v", hooks: false };
/** Our 2,000-host plan is stopped at 5 × the hand-written one (it would take far longer). */
const PLAN_LIMIT: PlanLimit = { factor: 5, minSeconds: 30, maxSeconds: 300 };
/** Small estates, planned once each, show how plan time grows with the hosts. */
const PLAN_GROWTH_HOSTS = [100, 200, 400];
const PLAN_GROWTH_LIMIT: PlanLimit = { factor: 1, minSeconds: 120, maxSeconds: 120 };
const PLAN_REVIEW_RESOURCES = 20000;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function profileLargestSynth(build: ChildBuild, workDir: string): BenchResults["profile"] {
  const shape = SYNTH_SIZES[SYNTH_SIZES.length - 1];
  const dir = path.join(workDir, "profile");
  fs.mkdirSync(dir, { recursive: true });
  const [estateFile] = writeGeneratedEstate(dir, shape);
  const profileDir = path.join(dir, "cpuprofile");
  const run = runSynthChild(build, estateFile, path.join(dir, "cdktf.out"), [
    "--cpu-prof",
    `--cpu-prof-dir=${profileDir}`,
  ]);
  const [file] = fs.readdirSync(profileDir).map((name) => path.join(profileDir, name));
  const phase = (windowUs: readonly [number, number]) =>
    summarizeProfile(file, { root: ROOT, build: build.dir, windowUs, top: 12 });
  return {
    hosts: shape.hosts,
    load: phase(run.child.windowsUs.load),
    synth: phase(run.child.windowsUs.synth),
  };
}

function planComparison(
  build: ChildBuild,
  workDir: string,
  runs: number,
  limit: PlanLimit,
): BenchResults["plan"] {
  const configs = preparePlanConfigs(build, path.join(workDir, "plan"), PLAN_SHAPE);
  return measurePlan(configs, runs, limit);
}

function planGrowth(build: ChildBuild, workDir: string): BenchResults["planGrowth"] {
  return PLAN_GROWTH_HOSTS.map((hosts) => {
    const shape = { ...PLAN_SHAPE, hosts };
    const configs = preparePlanConfigs(build, path.join(workDir, `plan-${hosts}`), shape);
    return measurePlan(configs, 1, PLAN_GROWTH_LIMIT);
  });
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const quick = args.has("--quick");
  const runs = quick ? { synth: 1, coldStart: 1, plan: 1 } : { synth: 3, coldStart: 5, plan: 3 };
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "ksv-bench-"));
  log(`working in ${workDir}`);
  try {
    const machine = describeMachine(ROOT);
    log("compiling the benchmark children as cdktf.json's app compiles main.ts");
    const build = buildChildren(ROOT, path.join(workDir, "build"));

    const synth = SYNTH_SIZES.map((shape) => {
      log(`synth of ${shape.hosts} hosts, ${shape.managers} managers: ${runs.synth} runs`);
      return measureSynthScaling(build, workDir, shape, runs.synth);
    });

    log("CPU profile of the largest synth");
    const profile = profileLargestSynth(build, workDir);

    log(`cold start of cdktf synth: ${runs.coldStart} rounds of 8 variants`);
    const coldStart = measureColdStart(ROOT, path.join(workDir, "cold-start"), runs.coldStart);

    log(
      `terraform plan of ${PLAN_GROWTH_HOSTS.join(", ")} hosts: ours and hand-written, once each`,
    );
    const growth = planGrowth(build, workDir);

    log(`terraform plan of ${PLAN_SHAPE.hosts} hosts, ours and hand-written: ${runs.plan} runs`);
    const plan = planComparison(
      build,
      workDir,
      runs.plan,
      quick ? { ...PLAN_LIMIT, factor: 3, maxSeconds: 60 } : PLAN_LIMIT,
    );

    log(`plan review of ${PLAN_REVIEW_RESOURCES} resources`);
    const planReview = await measurePlanReview(PLAN_REVIEW_RESOURCES);

    const results: BenchResults = {
      machine,
      runs,
      synth,
      coldStart,
      plan,
      planGrowth: growth,
      planReview,
      profile,
      totalSeconds: performance.now() / 1000,
    };
    const report = renderReport(results);
    process.stdout.write(`${report}\n`);
    if (quick) log("--quick: BENCHMARKS.md not written");
    else {
      fs.writeFileSync(path.join(ROOT, "BENCHMARKS.md"), report);
      log("written to BENCHMARKS.md");
    }
    const failed = checkTargets(results).filter((t) => t.pass === false).length;
    log(
      `${failed === 0 ? "every measured target met" : `${failed} target(s) missed`}; ${results.totalSeconds.toFixed(0)} s in all`,
    );
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
