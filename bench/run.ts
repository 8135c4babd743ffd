import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { beforeAfterSection } from "./before";
import { changedStacksSection, measureChangedStacks } from "./changed-stacks";
import { coldStartSection, measureColdStart } from "./cold-start";
import type { EstateShape } from "./generate-estate";
import { describeMachine, type Machine } from "./machine";
import { measurePipeline } from "./pipeline";
import { partsSection, pipelineSection } from "./pipeline-report";
import { measurePlanReview, planReviewSection } from "./plan-review";
import { snapshotProject } from "./project";
import { renderReport, type Section } from "./report";
import { measureRollout, rolloutSection } from "./rollout";
import { measureStackPlan, stackPlanSection } from "./stack-plan";
import { checkTargets, targetsNote } from "./targets";

/*
 * npm run bench [-- --quick] [-- --keep]
 *
 * The review pipeline at datacenter scale: `npm run plan-review` of a 20,000-host estate from a
 * cold checkout, created and after a traffic-mode change, against the bare Terraform work of its
 * stacks; `terraform plan` of one 2,000-host stack; `npx cdktf synth` of the large estate
 * against the example, with the cold-start variants; the review of one large plan. Prints the
 * report and writes it to BENCHMARKS.md.
 * --quick: one round of everything, nothing written (to try the benchmark itself).
 * --keep: keep the temporary folder with the estates, outputs and states.
 * --only=<key>[,<key>]: with --quick, only these measurements (keys of MEASUREMENTS), printed as
 *   JSON (to try one measurement; no report without every measurement).
 *
 * A row is three entries: a measurement in MEASUREMENTS (a function that prepares its work in
 * context.workDir and times it with bench/measure.ts's measureRounds; what it returns is
 * results.<key>), a target in bench/targets.ts reading it, and a section function beside the
 * measurement (a title and blocks: paragraphs, tables, lists) in SECTIONS. bench/changed-stacks.ts
 * and bench/rollout.ts are the shortest examples. bench/report.ts writes every number and table.
 */

const ROOT = path.resolve(__dirname, "..");

/** 16 managers, half nsx-v, half nsx-t, clusters of up to 64 hosts. */
const LARGE_ESTATE: EstateShape = { hosts: 20000, managers: 16 };
const STACK_PLAN_SHAPE: EstateShape = { hosts: 2000, managers: 1, kinds: "nsx-v" };
const PLAN_REVIEW_HOSTS = 20000;

/** What a measurement gets: where to run, how many rounds, where to say what it does. */
export interface BenchContext {
  /** The project snapshot (bench/project.ts) the commands run in. */
  readonly project: string;
  /** A folder of its own, created. */
  readonly workDir: string;
  readonly rounds: number;
  readonly log: (message: string) => void;
}

interface Measurement<T> {
  /** Rounds of a full run; --quick runs one. */
  readonly rounds: number;
  readonly measure: (context: BenchContext) => T | Promise<T>;
}

/** Measured in this order, each in a folder of its own named by its key. */
const MEASUREMENTS = {
  pipeline: { rounds: 3, measure: (c) => measurePipeline(c, LARGE_ESTATE) },
  stackPlan: { rounds: 5, measure: (c) => measureStackPlan(c, STACK_PLAN_SHAPE) },
  coldStart: { rounds: 5, measure: (c) => measureColdStart(c, LARGE_ESTATE) },
  planReview: { rounds: 1, measure: (c) => measurePlanReview(c, PLAN_REVIEW_HOSTS) },
  changedStacks: { rounds: 3, measure: (c) => measureChangedStacks(c, LARGE_ESTATE) },
  rollout: { rounds: 3, measure: (c) => measureRollout(c, LARGE_ESTATE) },
} satisfies Record<string, Measurement<unknown>>;

type Measurements = typeof MEASUREMENTS;

/** Everything one `npm run bench` measured. */
export type BenchResults = {
  readonly [K in keyof Measurements]: Awaited<ReturnType<Measurements[K]["measure"]>>;
} & { readonly machine: Machine };

/** BENCHMARKS.md after its machine table and the targets, in this order. */
const SECTIONS: ReadonlyArray<(results: BenchResults) => Section> = [
  beforeAfterSection,
  pipelineSection,
  partsSection,
  stackPlanSection,
  coldStartSection,
  planReviewSection,
  changedStacksSection,
  rolloutSection,
];

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const quick = args.has("--quick");
  const only = [...args]
    .find((a) => a.startsWith("--only="))
    ?.slice("--only=".length)
    .split(",");
  if (only && !quick) throw new Error("--only goes with --quick");
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "ksv-bench-"));
  log(`working in ${workDir}`);
  try {
    log("the machine, and its CPU throughput: one busy process, then one per core");
    const measured: Record<string, unknown> = { machine: await describeMachine(ROOT) };
    // Every measurement runs in a copy of the sources taken now (others edit the project meanwhile).
    const project = snapshotProject(ROOT, path.join(workDir, "project"));
    for (const [key, measurement] of Object.entries(MEASUREMENTS)) {
      if (only && !only.includes(key)) continue;
      const dir = path.join(workDir, key);
      fs.mkdirSync(dir);
      const rounds = quick ? 1 : measurement.rounds;
      measured[key] = await measurement.measure({ project, workDir: dir, rounds, log });
    }
    if (only) {
      process.stdout.write(
        `${JSON.stringify(measured, (k, v) => (k === "stdout" || k === "stderr" ? undefined : v), 2)}\n`,
      );
      return;
    }
    const results = measured as BenchResults;
    const targets = checkTargets(results);
    const report = renderReport({
      machine: results.machine,
      totalSeconds: performance.now() / 1000,
      targets,
      targetsNote: targetsNote(results),
      sections: SECTIONS.map((section) => section(results)),
    });
    process.stdout.write(`${report}\n`);
    if (quick) log("--quick: BENCHMARKS.md not written");
    else {
      fs.writeFileSync(path.join(ROOT, "BENCHMARKS.md"), report);
      log("written to BENCHMARKS.md");
    }
    const failed = targets.filter((t) => t.pass === false);
    log(
      `${failed.length === 0 ? "every measured target met" : `missed: ${failed.map((t) => t.id).join(", ")}`}; ${(performance.now() / 1000).toFixed(0)} s in all`,
    );
    // A wrong review is a bug, not a slow run.
    const { create, modeChange } = results.pipeline;
    if (!create.check.ok || !modeChange.check.ok) process.exitCode = 1;
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
