import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseEstate } from "../app/load-estate";
import { synthesizeEstate } from "../app/synthesize-estate";
import { applyPlan, initStack, planStack, showPlan } from "../lib/terraform/stack-workflow";
import { measureRounds, runProcess } from "./measure";
import { bytes, maybe, mb, n, s, type Section } from "./report";
import type { BenchContext, BenchResults } from "./run";

/*
 * How long `ksv-plan-review` takes on the plan of a stack of `hostCount` hosts, end to end: a
 * child process started the way CI starts it (bin/ksv-plan-review.js, from the build
 * scripts/run-ts.js keeps), on a plan file written the way `terraform show -json` writes it.
 *
 * The plan is a real one, grown: a one-cluster stack is applied in standard mode and planned in
 * monitoring mode with the real terraform (the costliest review: every resource replaced, every
 * host in the protection gap), then its deployment is copied once per cluster of
 * HOSTS_PER_CLUSTER hosts, and the svm_hosts output lists them all.
 */

const REPO = path.join(__dirname, "..");
const LAUNCHER = path.join(REPO, "bin", "ksv-plan-review.js");
const MANAGER = "bench-nsxv";
/** A large vSphere cluster (vSphere 7 and 8 allow up to 96 hosts). */
export const HOSTS_PER_CLUSTER = 64;

type Json = Record<string, unknown>;
interface ResourceChangeJson extends Json {
  address: string;
  name: string;
  index?: string;
  change: { before: Json | null; after: Json | null };
}
interface PlanJson extends Json {
  resource_changes: ResourceChangeJson[];
  output_changes: Record<string, Json>;
  planned_values: { root_module: { resources: Json[] } };
  prior_state?: { values: { root_module: { resources: Json[] } } };
  configuration: { root_module: { resources: Json[] } };
}

function estateText(trafficMode: string): string {
  return JSON.stringify({
    version: 1,
    resourceType: "terraform_data",
    ksc: { address: "ksc.bench.local" },
    managers: [
      {
        name: MANAGER,
        kind: "nsx-v",
        address: "nsxv.bench.local",
        trafficMode,
        svmImageUrl: "https://repo.bench.local/ksv/ntp-svm.ovf",
        clusters: [{ name: "c0", datastore: "ds0", network: "pg0", hosts: ["esx-template"] }],
      },
    ],
  });
}

let basePlan: PlanJson | undefined;

/** The real mode-change plan of a one-host stack (made once per process: it takes seconds). */
function realModeChangePlan(): PlanJson {
  basePlan ??= (() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ksv-bench-plan-"));
    try {
      const outdir = path.join(dir, "cdktf.out");
      const synth = (mode: string) =>
        synthesizeEstate(parseEstate(estateText(mode), "bench-estate.json").estate, outdir);
      const stackDir = path.dirname(synth("standard")[0].file);
      initStack(stackDir);
      applyPlan(stackDir, planStack(stackDir).planFile);
      synth("monitoring");
      return showPlan(stackDir, planStack(stackDir).planFile) as PlanJson;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  })();
  return basePlan;
}

function withCluster(resource: Json, cluster: string): Json {
  const copy = structuredClone(resource);
  if (typeof copy.address === "string")
    copy.address = `terraform_data.deployment[${JSON.stringify(cluster)}]`;
  if ("index" in copy) copy.index = cluster;
  for (const side of [copy, copy.change as Json | undefined]) {
    for (const key of ["values", "before", "after"]) {
      const triggers = (side?.[key] as Json | null | undefined)?.triggers_replace as
        Json | undefined;
      if (triggers) Object.assign(triggers, { cluster });
    }
  }
  return copy;
}

/** The base plan with its one deployment repeated per cluster, its hosts in svm_hosts. */
function growPlan(base: PlanJson, hostCount: number): PlanJson {
  const hostsOf: Record<string, string[]> = {};
  for (let i = 0; i < hostCount; i++) {
    const cluster = `cluster-${String(Math.floor(i / HOSTS_PER_CLUSTER)).padStart(4, "0")}`;
    (hostsOf[cluster] ??= []).push(`esx-${String(i).padStart(5, "0")}.bench.local`);
  }
  const clusters = Object.keys(hostsOf);
  const isDeployment = (resource: Json) => resource.name === "deployment";
  const grow = (resources: Json[]) => {
    const template = resources.find(isDeployment);
    if (!template) throw new Error("the base plan has no deployment to copy");
    const others = resources.filter((r) => !isDeployment(r));
    return [...others, ...clusters.map((cluster) => withCluster(template, cluster))];
  };
  const plan = structuredClone(base);
  plan.resource_changes = grow(plan.resource_changes) as ResourceChangeJson[];
  plan.planned_values.root_module.resources = grow(plan.planned_values.root_module.resources);
  if (plan.prior_state) {
    plan.prior_state.values.root_module.resources = grow(
      plan.prior_state.values.root_module.resources,
    );
  }
  plan.output_changes.svm_hosts = {
    ...plan.output_changes.svm_hosts,
    before: hostsOf,
    after: hostsOf,
  };
  return plan;
}

const noLog = () => undefined;

/** Grows the plan, then reviews it in `rounds` new processes (no idle wait: a short run). */
function reviewGrownPlan(hostCount: number, rounds: number, log: (message: string) => void) {
  if (!Number.isInteger(hostCount) || hostCount < 1) {
    throw new Error("hostCount must be a positive integer");
  }
  const plan = growPlan(realModeChangePlan(), hostCount);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "ksv-bench-review-"));
  try {
    const planFile = path.join(workDir, "plan.json");
    // Compact, like terraform show -json.
    fs.writeFileSync(planFile, JSON.stringify(plan));
    // The plan replaces every SVM: a review that does not exit 2 did not read it.
    const review = () =>
      runProcess(process.execPath, [LAUNCHER, planFile], {
        cwd: workDir,
        okCodes: [2],
        nodeUsage: true,
      });
    const [series] = measureRounds([{ what: "ksv-plan-review", run: review }], {
      rounds,
      log,
      idleSeconds: 0,
      retries: 0,
    });
    return { runs: series.runs, planBytes: fs.statSync(planFile).size };
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

export interface PlanReviewResult {
  readonly hosts: number;
  readonly seconds: number;
  /** The review process's own peak RSS, MB. */
  readonly peakRssMb?: number;
  readonly planBytes: number;
}

/** One review of a plan of `hostCount` hosts (its test: test/e2e/plan-review.test.ts). */
export async function benchmarkPlanReview(hostCount: number): Promise<PlanReviewResult> {
  const { runs, planBytes } = reviewGrownPlan(hostCount, 1, noLog);
  return {
    hosts: hostCount,
    seconds: runs[0].seconds,
    peakRssMb: runs[0].nodePeakRssMb,
    planBytes,
  };
}

export function measurePlanReview(context: BenchContext, hosts: number): Promise<PlanReviewResult> {
  context.log(`plan review of one ${hosts}-host plan`);
  return benchmarkPlanReview(hosts);
}

export function planReviewSection({ planReview: r }: BenchResults): Section {
  return {
    title: "5. Plan review of one large plan (information)",
    blocks: [
      {
        header: "hosts | time | peak RSS | plan JSON | limit (information, not a target)",
        rows: [[n(r.hosts), s(r.seconds), mb(r.peakRssMb), bytes(r.planBytes), "2 s"]],
      },
      `Measured by \`benchmarkPlanReview(${r.hosts})\` of \`bench/plan-review.ts\`: the \`ksv-plan-review\` command (bin/ksv-plan-review.js, from the build scripts/run-ts.js keeps) in a new process, on one stack's plan of a traffic-mode change grown from a real one to ${n(r.hosts)} hosts in clusters of ${HOSTS_PER_CLUSTER} (every deployment replaced, every host in the protection gap). Peak RSS: the review process's own.`,
    ],
  };
}

if (require.main === module) {
  // node -r ts-node/register/transpile-only bench/plan-review.ts [hosts] [runs]
  const hostCount = Number(process.argv[2] ?? 20000);
  try {
    const { runs, planBytes } = reviewGrownPlan(hostCount, Number(process.argv[3] ?? 1), noLog);
    for (const run of runs) {
      process.stdout.write(
        `plan review of ${hostCount} hosts, plan JSON ${bytes(planBytes)}: ` +
          `${s(run.seconds)} wall, ${maybe(run.cpuSeconds, s)} CPU, peak RSS ${mb(run.nodePeakRssMb)}\n`,
      );
    }
  } catch (error) {
    process.stderr.write(`bench/plan-review: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
