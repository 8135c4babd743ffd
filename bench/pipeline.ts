import * as fs from "fs";
import * as path from "path";
import { generateEstate, hostsPerManager, writeEstate, type EstateShape } from "./generate-estate";
import {
  cpuWindow,
  median,
  runProcess,
  undisturbed,
  waitForIdleMachine,
  type CpuMeasured,
  type DiscardedRun,
  type ProcessRun,
} from "./measure";
import { nodePath, precompile } from "./precompile";
import { benchEnvironment } from "./snapshot";

/*
 * The whole review pipeline at datacenter scale: `npm run plan-review` (the command of
 * package.json's plan-review script, run as npm runs it: `/bin/sh -c <script>` in the project,
 * node_modules/.bin first on the PATH) on a generated estate, from a cold checkout: no cdktf.out,
 * no .terraform folders. It synthesizes, runs `terraform init`, `plan` and `show -json` of every
 * stack (several at once) and reviews the plans. Measured against the bare Terraform work of the
 * same synthesized stacks, one command after another, from the same cold state.
 *
 * Two scenarios: every stack created (no state), and, after every stack has been applied in
 * standard mode, one NSX-V manager switched to monitoring, whose review is checked.
 */

/** What a run of the pipeline wrote and said. */
export interface PipelineRun extends Omit<ProcessRun, "stdout" | "stderr"> {
  /** Peak RSS of the node process itself (its own ru_maxrss, reported at its exit), MB. */
  readonly nodePeakRssMb?: number;
  /** Each stack's init + plan + show as the command reported it (they overlap), seconds. */
  readonly stackSeconds: readonly number[];
}

export interface BareStack {
  readonly name: string;
  readonly init: ProcessRun;
  readonly plan: ProcessRun;
  readonly show: ProcessRun;
}

/** `terraform init`, `plan -out` and `show -json` of every stack, one after another. */
export interface BareRun {
  readonly seconds: number;
  readonly initSeconds: number;
  readonly planSeconds: number;
  readonly showSeconds: number;
  readonly cpuSeconds?: number;
  /** CPU time other processes used from the first command's start to the last's end, seconds. */
  readonly otherCpuSeconds?: number;
  /** The largest terraform process, MB. */
  readonly peakRssMb?: number;
  /** Stacks whose plan has changes (-detailed-exitcode 2). */
  readonly changed: readonly string[];
  readonly stacks: number;
}

export interface ReviewCheck {
  readonly ok: boolean;
  /** What was checked, and what was found where it failed. */
  readonly checks: ReadonlyArray<{ readonly what: string; readonly ok: boolean }>;
}

export interface ScenarioResult {
  readonly name: "create" | "modeChange";
  /** Runs measured again because other processes took CPU time meanwhile. */
  readonly discarded: readonly DiscardedRun[];
  readonly runs: readonly PipelineRun[];
  /**
   * The same command with its build cache (.gen/js, scripts/run-ts.js) emptied first: the first
   * run after a change of the sources, which transpiles them before it starts.
   */
  readonly uncachedRuns: readonly PipelineRun[];
  readonly bare: readonly BareRun[];
  readonly median: {
    readonly seconds: number;
    readonly cpuSeconds?: number;
    readonly uncachedSeconds: number;
    readonly bareSeconds: number;
    readonly bareCpuSeconds?: number;
    /** CPU other processes used during a run (the machine's minus the run's own), seconds. */
    readonly otherCpuSeconds?: number;
    readonly bareOtherCpuSeconds?: number;
    readonly initSeconds: number;
    readonly planSeconds: number;
    readonly showSeconds: number;
  };
  readonly check: ReviewCheck;
}

export interface PipelineResult {
  readonly shape: EstateShape;
  readonly estateBytes: number;
  readonly clusters: number;
  /** The plan-review script of package.json. */
  readonly command: string;
  readonly create: ScenarioResult;
  /** Untimed: `terraform apply` of every stack's plan, one after another, seconds. */
  readonly applySeconds: number;
  /** The manager switched to monitoring, and its hosts. */
  readonly changedManager: { readonly name: string; readonly hosts: number };
  readonly modeChange: ScenarioResult;
  /** Parts of the run, measured on their own. */
  readonly parts: PipelineParts;
}

export interface PipelineParts {
  /** `node -r ts-node/register/transpile-only -e "require('./app/plan-and-review')"`, seconds. */
  readonly tsNodeModulesSeconds: number;
  /** The same modules compiled, seconds. */
  readonly compiledModulesSeconds: number;
  /** bench/synth-child.ts (compiled) on the same estate: estate load and synth, ms. */
  readonly loadMs: number;
  readonly synthMs: number;
}

const PLAN_FILE = "ksv.tfplan";
const COMPILED_DIR = path.join(".gen", "bench");

interface Site {
  readonly project: string;
  readonly dir: string;
  readonly estateFile: string;
  readonly outdir: string;
  readonly command: string;
  /** scripts/run-ts.js's build cache in the project. */
  readonly buildCache: string;
  readonly rssPreload: string;
}

/** The review JSON, as far as the checks read it. */
interface ReviewJson {
  readonly exitCode: number;
  readonly managers: ReadonlyArray<{
    readonly name: string;
    readonly hasChanges: boolean;
    readonly trafficMode: { readonly before: string | null; readonly after: string | null };
    readonly protectionGap: { readonly hostCount: number } | null;
  }>;
}

function terraform(dir: string, args: readonly string[], okCodes = [0]): ProcessRun {
  return runProcess(process.env.TERRAFORM ?? "terraform", args, {
    cwd: dir,
    env: benchEnvironment(),
    okCodes,
  });
}

/** The stacks of the last synth, in the manifest's (the estate's) order. */
function stackNames(outdir: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")) as {
    stacks: Record<string, unknown>;
  };
  return Object.keys(manifest.stacks);
}

/** Cold: nothing of an earlier run but the estate and the state files. */
function coldCheckout(site: Site): void {
  fs.rmSync(site.outdir, { recursive: true, force: true });
}

function runPipeline(site: Site, uncached: boolean): PipelineRun & { review: ReviewJson } {
  coldCheckout(site);
  if (uncached) fs.rmSync(site.buildCache, { recursive: true, force: true });
  const rssFile = path.join(site.dir, "node-rss");
  fs.rmSync(rssFile, { force: true });
  const env = benchEnvironment({
    KSV_ESTATE: site.estateFile,
    CDKTF_OUTDIR: site.outdir,
    // As npm runs a script.
    PATH: [path.join(site.project, "node_modules", ".bin"), process.env.PATH].join(path.delimiter),
    NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require ${site.rssPreload}`]
      .filter(Boolean)
      .join(" "),
    KSV_BENCH_RSS_FILE: rssFile,
  });
  const run = runProcess("/bin/sh", ["-c", site.command], {
    cwd: site.project,
    env,
    okCodes: [0, 2],
    timeoutSeconds: 900,
  });
  if (run.timedOut) throw new Error(`plan-review did not finish in 900 s:\n${run.stderr}`);
  const reviewFile = path.join(site.outdir, "plan-review.json");
  if (!fs.existsSync(reviewFile)) {
    throw new Error(`plan-review wrote no plan-review.json (exit ${run.code}):\n${run.stderr}`);
  }
  const review = JSON.parse(fs.readFileSync(reviewFile, "utf8")) as ReviewJson;
  const stackSeconds = [...run.stderr.matchAll(/ planned \([^,]*, ([\d.]+) s\)/g)].map((m) =>
    Number(m[1]),
  );
  const nodePeakRssMb = fs.existsSync(rssFile)
    ? Number(fs.readFileSync(rssFile, "utf8")) / 1024
    : undefined;
  return {
    seconds: run.seconds,
    peakRssMb: run.peakRssMb,
    cpuSeconds: run.cpuSeconds,
    otherCpuSeconds: run.otherCpuSeconds,
    code: run.code,
    timedOut: run.timedOut,
    nodePeakRssMb,
    stackSeconds,
    review,
  };
}

/** The bare Terraform work of the synthesized stacks, one command after another, cold. */
function bareTerraform(outdir: string): BareRun {
  const other = cpuWindow();
  const stacks: BareStack[] = stackNames(outdir).map((name) => {
    const dir = path.join(outdir, "stacks", name);
    for (const entry of [".terraform", ".terraform.lock.hcl", PLAN_FILE]) {
      fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
    const init = terraform(dir, ["init", "-input=false", "-no-color"]);
    const plan = terraform(
      dir,
      ["plan", "-input=false", "-no-color", "-detailed-exitcode", `-out=${PLAN_FILE}`],
      [0, 2],
    );
    const show = terraform(dir, ["show", "-json", PLAN_FILE]);
    JSON.parse(show.stdout); // what the pipeline does with it, untimed here
    return { name, init, plan, show };
  });
  const sum = (pick: (s: BareStack) => number) => stacks.reduce((t, s) => t + pick(s), 0);
  const runs = stacks.flatMap((s) => [s.init, s.plan, s.show]);
  const cpu = runs.map((r) => r.cpuSeconds);
  const rss = runs.map((r) => r.peakRssMb).filter((v): v is number => v !== undefined);
  return {
    seconds: sum((s) => s.init.seconds + s.plan.seconds + s.show.seconds),
    initSeconds: sum((s) => s.init.seconds),
    planSeconds: sum((s) => s.plan.seconds),
    showSeconds: sum((s) => s.show.seconds),
    cpuSeconds: cpu.every((c) => c !== undefined)
      ? cpu.reduce((t, c) => t + (c ?? 0), 0)
      : undefined,
    otherCpuSeconds: other(),
    peakRssMb: rss.length > 0 ? Math.max(...rss) : undefined,
    changed: stacks.filter((s) => s.plan.code === 2).map((s) => s.name),
    stacks: stacks.length,
  };
}

function createCheck(review: ReviewJson, code: number, managers: number): ReviewCheck {
  const checks = [
    { what: `exits 0 (exit ${code})`, ok: code === 0 && review.exitCode === 0 },
    {
      what: `reviews ${managers} managers (${review.managers.length})`,
      ok: review.managers.length === managers,
    },
    {
      what: "every manager has changes and no protection gap",
      ok: review.managers.every((m) => m.hasChanges && m.protectionGap === null),
    },
  ];
  return { ok: checks.every((c) => c.ok), checks };
}

function modeChangeCheck(
  review: ReviewJson,
  code: number,
  changed: { name: string; hosts: number },
  managers: number,
): ReviewCheck {
  const manager = review.managers.find((m) => m.name === changed.name);
  const others = review.managers.filter((m) => m.name !== changed.name);
  const gap = manager?.protectionGap?.hostCount;
  const othersChanged = others.filter((m) => m.hasChanges || m.protectionGap !== null);
  const checks = [
    { what: `exits 2 (exit ${code})`, ok: code === 2 && review.exitCode === 2 },
    {
      what: `${changed.name}: traffic mode standard → monitoring (${manager?.trafficMode.before} → ${manager?.trafficMode.after})`,
      ok: manager?.trafficMode.before === "standard" && manager.trafficMode.after === "monitoring",
    },
    {
      what: `${changed.name}: protectionGap.hostCount = ${changed.hosts}, its hosts (${gap ?? "no gap"})`,
      ok: gap === changed.hosts,
    },
    {
      what: `the other ${managers - 1} managers: no changes (${others.length - othersChanged.length} of ${others.length}${
        othersChanged.length > 0 ? `; changes: ${othersChanged.map((m) => m.name).join(", ")}` : ""
      })`,
      ok: others.length === managers - 1 && othersChanged.length === 0,
    },
  ];
  return { ok: checks.every((c) => c.ok), checks };
}

/** The first failing check of any run wins; otherwise the checks of the last run. */
function combine(checks: readonly ReviewCheck[]): ReviewCheck {
  return checks.find((c) => !c.ok) ?? checks[checks.length - 1];
}

function scenario(
  name: ScenarioResult["name"],
  site: Site,
  rounds: number,
  check: (review: ReviewJson, code: number) => ReviewCheck,
  log: (message: string) => void,
): ScenarioResult {
  const runs: PipelineRun[] = [];
  const uncachedRuns: PipelineRun[] = [];
  const bare: BareRun[] = [];
  const checks: ReviewCheck[] = [];
  const strip = ({ review, ...run }: PipelineRun & { review: ReviewJson }) => {
    checks.push(check(review, run.code));
    return run;
  };
  const discarded: DiscardedRun[] = [];
  for (let round = 0; round < rounds; round++) {
    runs.push(strip(undisturbed("plan-review", () => runPipeline(site, false), discarded, log)));
    uncachedRuns.push(
      strip(undisturbed("uncached plan-review", () => runPipeline(site, true), discarded, log)),
    );
    // The stacks the last run synthesized (the same as every run's), from the same cold state;
    // measured again after a measured run, so that they stay those of a cold run.
    bare.push(undisturbed("bare terraform", () => bareTerraform(site.outdir), discarded, log));
    log(
      `  round ${round + 1}/${rounds}: plan-review ${runs[round].seconds.toFixed(2)} s, first after a source change ${uncachedRuns[round].seconds.toFixed(2)} s, bare terraform ${bare[round].seconds.toFixed(2)} s`,
    );
  }
  const cpu = (list: ReadonlyArray<{ cpuSeconds?: number }>) => {
    const values = list.map((r) => r.cpuSeconds).filter((v): v is number => v !== undefined);
    return values.length === list.length ? median(values) : undefined;
  };
  const other = (list: ReadonlyArray<CpuMeasured>) => {
    const values = list.map((r) => r.otherCpuSeconds).filter((v): v is number => v !== undefined);
    return values.length === list.length ? median(values) : undefined;
  };
  return {
    name,
    discarded,
    runs,
    uncachedRuns,
    bare,
    median: {
      seconds: median(runs.map((r) => r.seconds)),
      cpuSeconds: cpu(runs),
      uncachedSeconds: median(uncachedRuns.map((r) => r.seconds)),
      bareSeconds: median(bare.map((b) => b.seconds)),
      bareCpuSeconds: cpu(bare),
      otherCpuSeconds: other(runs),
      bareOtherCpuSeconds: other(bare),
      initSeconds: median(bare.map((b) => b.initSeconds)),
      planSeconds: median(bare.map((b) => b.planSeconds)),
      showSeconds: median(bare.map((b) => b.showSeconds)),
    },
    check: combine(checks),
  };
}

/** `terraform apply` of each stack's saved plan, one after another (not measured). */
function applyAll(outdir: string): number {
  const started = process.hrtime.bigint();
  for (const name of stackNames(outdir)) {
    terraform(path.join(outdir, "stacks", name), [
      "apply",
      "-input=false",
      "-no-color",
      "-auto-approve",
      PLAN_FILE,
    ]);
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function measureParts(site: Site, runs: number): PipelineParts {
  const env = benchEnvironment({ NODE_PATH: nodePath(site.project) });
  const time = (args: string[]) =>
    median(
      Array.from({ length: runs }, () => {
        waitForIdleMachine(60);
        return runProcess(process.execPath, args, { cwd: site.project, env }).seconds;
      }),
    );
  const tsNodeModulesSeconds = time([
    "-r",
    "ts-node/register/transpile-only",
    "-e",
    'require("./app/plan-and-review")',
  ]);
  const compiledModulesSeconds = time([
    "-e",
    `require(${JSON.stringify(`./${COMPILED_DIR}/app/plan-and-review.js`)})`,
  ]);
  const synthChild = path.join(site.project, COMPILED_DIR, "bench", "synth-child.js");
  const phases = Array.from({ length: runs }, () => {
    waitForIdleMachine(60);
    const outdir = path.join(site.dir, "synth-child.out");
    fs.rmSync(outdir, { recursive: true, force: true });
    const run = runProcess(process.execPath, [synthChild, site.estateFile, outdir], {
      cwd: site.project,
      env,
    });
    return JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}") as {
      loadMs: number;
      synthMs: number;
    };
  });
  return {
    tsNodeModulesSeconds,
    compiledModulesSeconds,
    loadMs: median(phases.map((p) => p.loadMs)),
    synthMs: median(phases.map((p) => p.synthMs)),
  };
}

export interface PipelineOptions {
  /** The project snapshot (bench/snapshot.ts) the commands run in. */
  readonly project: string;
  readonly workDir: string;
  readonly shape: EstateShape;
  readonly rounds: number;
  readonly log: (message: string) => void;
}

export function measurePipeline(options: PipelineOptions): PipelineResult {
  const { project, workDir, shape, rounds, log } = options;
  const dir = path.join(workDir, "site");
  fs.mkdirSync(dir, { recursive: true });
  const estateFile = path.join(dir, "estate.yaml");
  const estateBytes = writeEstate(estateFile, generateEstate(shape));
  const estate = generateEstate(shape) as { managers: Array<{ clusters: unknown[] }> };
  const clusters = estate.managers.reduce((sum, m) => sum + m.clusters.length, 0);
  const command = (
    JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    }
  ).scripts["plan-review"];
  if (!command) throw new Error("package.json has no plan-review script");

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
  const rssPreload = path.join(workDir, "report-node-rss.js");
  fs.writeFileSync(
    rssPreload,
    `"use strict";\nprocess.on("exit", () => { const f = process.env.KSV_BENCH_RSS_FILE; if (f) require("fs").writeFileSync(f, String(process.resourceUsage().maxRSS)); });\n`,
  );
  const site: Site = {
    project,
    dir,
    estateFile,
    outdir: path.join(dir, "cdktf.out"),
    command,
    buildCache: path.join(project, ".gen", "js"),
    rssPreload,
  };

  log(`plan-review of ${shape.hosts} hosts, every stack created: ${rounds} rounds`);
  const create = scenario(
    "create",
    site,
    rounds,
    (review, code) => createCheck(review, code, shape.managers),
    log,
  );

  log("applying every stack in standard mode (not measured)");
  const applySeconds = applyAll(site.outdir);

  const hosts = hostsPerManager(shape);
  const name = [...hosts.keys()].find((m) => m.endsWith("-nsxv"));
  if (!name) throw new Error("the estate has no nsx-v manager");
  const changedManager = { name, hosts: hosts.get(name) ?? 0 };
  writeEstate(estateFile, generateEstate({ ...shape, monitoring: [name] }));
  log(`plan-review with ${name} switched to monitoring: ${rounds} rounds`);
  const modeChange = scenario(
    "modeChange",
    site,
    rounds,
    (review, code) => modeChangeCheck(review, code, changedManager, shape.managers),
    log,
  );
  for (const bare of modeChange.bare) {
    if (bare.changed.length !== 1 || bare.changed[0] !== name) {
      throw new Error(
        `bare terraform plans changes in ${bare.changed.join(", ") || "no stack"}; expected ${name} only`,
      );
    }
  }

  log("parts of the run: module loading, estate load and synth");
  const parts = measureParts(site, Math.max(rounds, 3));
  return {
    shape,
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
