import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseEstate } from "../app/load-estate";
import { synthesizeEstate } from "../app/synthesize-estate";
import { applyPlan, initStack, planStack, showPlan } from "../lib/terraform/stack-workflow";

/*
 * How long `ksv-plan-review` takes on a plan of `resourceCount` resources, end to end: a child
 * process started the way CI starts it (bin/ksv-plan-review.js, ts-node included), on a plan
 * file written the way `terraform show -json` writes it.
 *
 * The plan is a real one, grown: a small stack is applied in standard mode and planned in
 * monitoring mode with the real terraform (the costliest review: every resource replaced, every
 * host in the protection gap), then its SVM instance is copied once per host.
 */

const REPO = path.join(__dirname, "..");
const LAUNCHER = path.join(REPO, "bin", "ksv-plan-review.js");
const MANAGER = "bench-nsxv";
/** The service, the NSX objects and the threat policy; the rest are SVMs. */
const FIXED_RESOURCES = 3;
const HOSTS_PER_CLUSTER = 32;

type Json = Record<string, unknown>;
interface ResourceChangeJson extends Json {
  address: string;
  name: string;
  index?: string;
  change: { before: Json | null; after: Json | null };
}
interface PlanJson extends Json {
  resource_changes: ResourceChangeJson[];
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

function withHost(resource: Json, host: string, cluster: string): Json {
  const copy = structuredClone(resource);
  if (typeof copy.address === "string")
    copy.address = `terraform_data.svm[${JSON.stringify(host)}]`;
  if ("index" in copy) copy.index = host;
  for (const side of [copy, copy.change as Json | undefined]) {
    for (const key of ["values", "before", "after"]) {
      const triggers = (side?.[key] as Json | null | undefined)?.triggers_replace as
        Json | undefined;
      if (triggers) Object.assign(triggers, { host, cluster });
    }
  }
  return copy;
}

/** The base plan with its one SVM repeated for `hostCount` hosts, in every section. */
function growPlan(base: PlanJson, hostCount: number): PlanJson {
  const hosts = Array.from({ length: hostCount }, (_, i) => ({
    host: `esx-${String(i).padStart(5, "0")}.bench.local`,
    cluster: `cluster-${Math.floor(i / HOSTS_PER_CLUSTER)}`,
  }));
  const isSvm = (resource: Json) => resource.name === "svm";
  const grow = (resources: Json[]) => {
    const template = resources.find(isSvm);
    if (!template) throw new Error("the base plan has no SVM to copy");
    const others = resources.filter((r) => !isSvm(r));
    return [...others, ...hosts.map(({ host, cluster }) => withHost(template, host, cluster))];
  };
  const plan = structuredClone(base);
  plan.resource_changes = grow(plan.resource_changes) as ResourceChangeJson[];
  plan.planned_values.root_module.resources = grow(plan.planned_values.root_module.resources);
  if (plan.prior_state) {
    plan.prior_state.values.root_module.resources = grow(
      plan.prior_state.values.root_module.resources,
    );
  }
  const svmConfig = plan.configuration.root_module.resources.find(isSvm);
  const forEach = svmConfig?.for_each_expression as { constant_value?: Json } | undefined;
  if (forEach?.constant_value) {
    forEach.constant_value = Object.fromEntries(
      hosts.map(({ host, cluster }) => [host, { cluster, datastore: "ds0", network: "pg0" }]),
    );
  }
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
  resourceCount: number,
  runs: number,
): Promise<{ runs: ReviewRun[]; planBytes: number }> {
  if (!Number.isInteger(resourceCount) || resourceCount <= FIXED_RESOURCES) {
    throw new Error(`resourceCount must be an integer above ${FIXED_RESOURCES}`);
  }
  const plan = growPlan(await realModeChangePlan(), resourceCount - FIXED_RESOURCES);
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
  resourceCount: number,
): Promise<{ seconds: number; peakRssMb: number; planBytes: number }> {
  const { runs, planBytes } = await measurePlanReview(resourceCount, 1);
  return { seconds: runs[0].seconds, peakRssMb: runs[0].rssKb / 1024, planBytes };
}

if (require.main === module) {
  // node -r ts-node/register/transpile-only bench/plan-review.ts [resources] [runs]
  const resourceCount = Number(process.argv[2] ?? 20000);
  const runCount = Number(process.argv[3] ?? 1);
  measurePlanReview(resourceCount, runCount).then(
    ({ runs, planBytes }) => {
      const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
      for (const run of runs) {
        process.stdout.write(
          `plan review of ${resourceCount} resources (${mb(planBytes)} plan): ` +
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
