import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseEstate } from "../app/load-estate";
import { synthesizeEstate } from "../app/synthesize-estate";
import { applyPlan, initStack, planStack, showPlan } from "../lib/terraform/stack-workflow";

/*
 * How long `ksv-plan-review` takes on the plan of a stack of `hostCount` hosts, end to end: a
 * child process started the way CI starts it (bin/ksv-plan-review.js, from the build scripts/run-ts.js keeps), on a
 * plan file written the way `terraform show -json` writes it.
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

let basePlan: Promise<PlanJson> | undefined;

/** The real mode-change plan of a one-host stack (made once per process: it takes seconds). */
function realModeChangePlan(): Promise<PlanJson> {
  basePlan ??= Promise.resolve().then(() => {
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
  });
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

interface ReviewRun {
  readonly seconds: number;
  /** User + system CPU time of the review process: close to its wall time on an idle machine. */
  readonly cpuSeconds: number;
  readonly rssKb: number;
}

/** Runs the CLI on `planFile`; resolves with wall time and the child's own resource usage. */
function timeReview(planFile: string, workDir: string): Promise<ReviewRun> {
  // A preload reports the child's getrusage at exit (the peak RSS of the review process itself).
  const preload = path.join(workDir, "report-rusage.js");
  const rusageFile = path.join(workDir, "rusage");
  fs.writeFileSync(
    preload,
    `process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(rusageFile)}, JSON.stringify(process.resourceUsage())));\n`,
  );
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ["-r", preload, LAUNCHER, planFile], {
      cwd: workDir,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // The plan replaces every SVM: a review that does not exit 2 did not read it.
      if (code !== 2) {
        reject(new Error(`ksv-plan-review exited ${code} instead of 2: ${stderr.trim()}`));
        return;
      }
      const usage = JSON.parse(fs.readFileSync(rusageFile, "utf8")) as NodeJS.ResourceUsage;
      const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
      resolve({ seconds, cpuSeconds, rssKb: usage.maxRSS });
    });
  });
}

/** Builds the plan and reviews it `runs` times, each in a fresh process. */
async function measurePlanReview(
  hostCount: number,
  runs: number,
): Promise<{ runs: ReviewRun[]; planBytes: number }> {
  if (!Number.isInteger(hostCount) || hostCount < 1) {
    throw new Error("hostCount must be a positive integer");
  }
  const plan = growPlan(await realModeChangePlan(), hostCount);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "ksv-bench-review-"));
  try {
    const planFile = path.join(workDir, "plan.json");
    // Compact, like terraform show -json.
    fs.writeFileSync(planFile, JSON.stringify(plan));
    const planBytes = fs.statSync(planFile).size;
    const results: ReviewRun[] = [];
    for (let i = 0; i < runs; i++) results.push(await timeReview(planFile, workDir));
    return { runs: results, planBytes };
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

export async function benchmarkPlanReview(
  hostCount: number,
): Promise<{ seconds: number; peakRssMb: number; planBytes: number }> {
  const { runs, planBytes } = await measurePlanReview(hostCount, 1);
  return { seconds: runs[0].seconds, peakRssMb: runs[0].rssKb / 1024, planBytes };
}

if (require.main === module) {
  // node -r ts-node/register/transpile-only bench/plan-review.ts [hosts] [runs]
  const hostCount = Number(process.argv[2] ?? 20000);
  const runCount = Number(process.argv[3] ?? 1);
  measurePlanReview(hostCount, runCount).then(
    ({ runs, planBytes }) => {
      const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
      for (const run of runs) {
        process.stdout.write(
          `plan review of ${hostCount} hosts (${mb(planBytes)} plan): ` +
            `${run.seconds.toFixed(2)} s wall, ${run.cpuSeconds.toFixed(2)} s CPU, ` +
            `peak RSS ${mb(run.rssKb * 1024)}\n`,
        );
      }
    },
    (error: Error) => {
      process.stderr.write(`bench/plan-review: ${error.message}\n`);
      process.exitCode = 1;
    },
  );
}
