import { BEFORE, BEFORE_COMMIT } from "./before";
import type { ColdStartVariantName } from "./cold-start";
import { CHEAP_HOOK, MAX_CLUSTER_HOSTS } from "./generate-estate";
import type { PipelineResult, ScenarioResult } from "./pipeline";
import { HOSTS_PER_CLUSTER } from "./plan-review";
import type { DiscardedRun } from "./measure";
import type { BenchResults } from "./results";
import { checkTargets, PEAK_RSS_MB } from "./targets";
import { PLAN_VARIANTS, type PlanVariantName } from "./terraform-plan";

/* BENCHMARKS.md: the numbers of one `npm run bench`, what each includes, and the targets. */

const n = (value: number) => Math.round(value).toLocaleString("en-US");
const s = (seconds: number) => `${seconds.toFixed(2)} s`;
const ms = (milliseconds: number) =>
  milliseconds < 10 ? `${milliseconds.toFixed(1)} ms` : `${n(milliseconds)} ms`;
const mb = (megabytes: number | undefined) =>
  megabytes === undefined ? "n/a" : `${megabytes.toFixed(0)} MB`;
const bytes = (count: number) => `${n(count)} (${(count / 1024 / 1024).toFixed(2)} MB)`;
const x = (ratio: number) => `${ratio.toFixed(ratio < 10 ? 2 : 1)} ×`;
const runsOf = (values: readonly number[]) => values.map((v) => v.toFixed(2)).join(", ");
const maybe = (value: number | undefined, format: (v: number) => string) =>
  value === undefined ? "n/a" : format(value);
const max = (values: ReadonlyArray<number | undefined>) => {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length > 0 ? Math.max(...known) : undefined;
};

/** The runs a section measured again, and why. */
function discardedNote(list: ReadonlyArray<DiscardedRun>): string {
  if (list.length === 0) {
    return "No run had to be measured again (other processes never took more than 1 s of CPU, or a tenth of the run's time, while it ran).";
  }
  const shown = list
    .map((d) => `${d.what} ${s(d.seconds)} (others ${s(d.otherCpuSeconds)} of CPU)`)
    .join("; ");
  return `Measured again because other processes took more than 1 s of CPU (or a tenth of the run's time) while they ran, and left out: ${list.length} run${list.length > 1 ? "s" : ""}: ${shown}.`;
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function beforeAfterSection(results: BenchResults): string {
  const plan = results.stackPlan.variants.noHooks;
  const p = results.pipeline;
  const cli = results.coldStart.variants.cli;
  const review = results.planReview;
  const b = BEFORE;
  return `## Before and after

"Before" is the per-host model (one \`svm\` instance per ESXi host) as \`npm run bench\` measured it at commit ${BEFORE_COMMIT} (same machine type: 2 cores, Node 20, Terraform 1.11.4); those numbers are copied from that BENCHMARKS.md, not measured again. "Now" is this run, per-cluster model (one \`deployment["<cluster>"]\` instance per vSphere cluster, hosts only in \`locals\` and the \`svm_hosts\` output).

${table(
  ["what", `before (${BEFORE_COMMIT}, per-host)`, "now (per-cluster)"],
  [
    [
      "`terraform plan` of one 2,000-host nsx-v stack, no hooks, after init",
      `${s(b.stackPlan.seconds)} (runs ${runsOf(b.stackPlan.runs)}; ${n(b.stackPlan.toAdd)} instances to add, ${mb(b.stackPlan.peakRssMb)})`,
      `${s(plan.medianSeconds)} (${n(plan.toAdd)} instances to add, ${mb(plan.medianPeakRssMb)})`,
    ],
    [
      "the same stack written by hand in HCL (retired comparison)",
      s(b.stackPlan.handWrittenSeconds),
      "not measured: there is no per-host resource left to write by hand",
    ],
    [
      "our JSON with the for_each map moved to locals (retired: the stacks do it now)",
      s(b.stackPlan.forEachInLocalsSeconds),
      "not measured",
    ],
    [
      "synth of 20,000 hosts, compiled app, no CLI (retired target: ≤ 5 × its JSON floor)",
      `clusters of 8–40 hosts; whole run ${s(b.synth20000.wholeRunSeconds)}: estate load ${ms(b.synth20000.loadMs)}, synth ${ms(b.synth20000.synthMs)} (floor ${ms(b.synth20000.floorMs)}, 10.3 ×: FAIL), ${mb(b.synth20000.peakRssMb)}`,
      `estate load ${ms(p.parts.loadMs)}, synth ${ms(p.parts.synthMs)} (section 2; the floor is no longer measured)`,
    ],
    [
      "`npx cdktf synth` of the example estate, build cached",
      s(b.coldStart.cliSeconds),
      s(cli.medianSeconds),
    ],
    [
      "`npx cdktf synth` with cdktf init's type-checking app",
      s(b.coldStart.typeCheckingSeconds),
      s(results.coldStart.variants.cliTypeChecking.medianSeconds),
    ],
    [
      "`ksv-plan-review` of the largest plan",
      `${s(b.planReview.seconds)} (20,000 svm instances, ${b.planReview.planMb} MB of plan JSON, ${mb(b.planReview.peakRssMb)})`,
      `${s(review.seconds)} (${n(review.resourceCount)} hosts in ${n(Math.ceil(review.resourceCount / HOSTS_PER_CLUSTER))} deployments, ${(review.planBytes / 1024 / 1024).toFixed(2)} MB, ${mb(review.peakRssMb)})`,
    ],
  ],
)}

The numbers of one run vary from run to run on this machine (see the runs columns); compare before and after with that in mind.
`;
}

function scenarioRows(p: PipelineResult): string[][] {
  const row = (label: string, sc: ScenarioResult) => {
    const m = sc.median;
    return [
      label,
      s(m.seconds),
      runsOf(sc.runs.map((r) => r.seconds)),
      maybe(m.cpuSeconds, s),
      s(m.uncachedSeconds),
      s(m.bareSeconds),
      `${s(m.initSeconds)} / ${s(m.planSeconds)} / ${s(m.showSeconds)}`,
      maybe(m.bareCpuSeconds, s),
      `${maybe(m.otherCpuSeconds, s)} / ${maybe(m.bareOtherCpuSeconds, s)}`,
      x(m.seconds / m.bareSeconds),
    ];
  };
  return [
    row("every stack created (no state)", p.create),
    row(`${p.changedManager.name} → monitoring (state of every stack applied)`, p.modeChange),
  ];
}

function rssRows(p: PipelineResult): string[][] {
  const row = (label: string, sc: ScenarioResult) => [
    label,
    mb(max(sc.runs.map((r) => r.peakRssMb))),
    mb(max(sc.runs.map((r) => r.nodePeakRssMb))),
    mb(max(sc.bare.map((b) => b.peakRssMb))),
  ];
  return [
    row("every stack created", p.create),
    row(`${p.changedManager.name} → monitoring`, p.modeChange),
  ];
}

function pipelineSection(results: BenchResults): string {
  const p = results.pipeline;
  const checks = (sc: ScenarioResult) =>
    sc.check.checks.map((c) => `  - ${c.ok ? "yes" : "**NO**"}: ${c.what}`).join("\n");
  const perStack = (sc: ScenarioResult) => {
    const all = sc.runs.flatMap((r) => r.stackSeconds);
    return all.length > 0 ? `${s(Math.min(...all))} to ${s(Math.max(...all))}` : "not reported";
  };
  return `## 1. \`npm run plan-review\` of ${n(p.shape.hosts)} hosts (targets 1, 2 and 5)

${table(
  [
    "scenario",
    "plan-review (median)",
    "runs (s)",
    "CPU (median)",
    "first run after a source change (median)",
    "bare terraform, one after another",
    "of which init / plan / show",
    "bare CPU",
    "other processes' CPU meanwhile (plan-review / bare)",
    "plan-review / bare",
  ],
  scenarioRows(p),
)}

Peak RSS (target 5), MB = 2^20 bytes, the largest of all runs:

${table(
  [
    "scenario",
    "plan-review, largest process of the tree",
    "its node process alone",
    "bare terraform, largest single command",
  ],
  rssRows(p),
)}

Review checks of every run (the last run's wording; a failed check of any run is shown instead):

- every stack created:
${checks(p.create)}
- ${p.changedManager.name} → monitoring:
${checks(p.modeChange)}

${discardedNote([...p.create.discarded, ...p.modeChange.discarded])}

What the numbers include:

- **Estate**: \`bench/generate-estate.ts\`, ${n(p.shape.hosts)} hosts on ${p.shape.managers} managers (half nsx-v, half nsx-t, alternating), ${n(p.clusters)} vSphere clusters of 8 to ${MAX_CLUSTER_HOSTS} hosts, FQDN host names with about 1 host in 25 by IPv4 address, half the clusters with an IP pool, a full threat policy with exclusions, \`resourceType: terraform_data\`, \`backend: { type: local }\`, every hook set to \`${CHEAP_HOOK}\`; ${bytes(p.estateBytes)} of YAML.
- **plan-review**: wall time of \`/bin/sh -c "${p.command}"\` (package.json's plan-review script, as \`npm run plan-review\` runs it, without npm's own start) in a snapshot of the project (bench/snapshot.ts), \`KSV_ESTATE\` and \`CDKTF_OUTDIR\` pointing at the estate and a folder beside it, from spawn to exit: node start, loading the compiled modules (scripts/run-ts.js), the estate load, the synth, \`terraform init\`, \`plan\` and \`show -json\` of every stack (the command runs as many at once as the machine has cores), the review, and writing plans/*.json, plan-review.md and plan-review.json. **Cold**: before every run \`cdktf.out\` is deleted, and with it every \`.terraform\` folder; the estate file and the state files (\`terraform.<manager>.tfstate\`, beside \`cdktf.out\`) stay. The OS file cache is warm. Each stack's own init + plan + show, as the command reports it, took ${perStack(p.create)} (created) and ${perStack(p.modeChange)} (mode change); they overlap.
- **bare terraform**: right after a run, in every stack folder it synthesized, \`.terraform\` and the plan are deleted, then \`terraform init -input=false\`, \`terraform plan -input=false -detailed-exitcode -out=ksv.tfplan\` and \`terraform show -json ksv.tfplan\` run one after another, stack after stack, each a new process (\`TF_IN_AUTOMATION=1\`, \`CHECKPOINT_DISABLE=1\`, \`TF_CLI_CONFIG_FILE=/dev/null\`); the sum of their wall times. No node, no synth, no review.
- **Build cache**: the command runs the project's TypeScript from \`.gen/js/<hash of the sources>/\`, transpiled once per state of the sources by scripts/run-ts.js; a checkout gets it from its first command, and the benchmark builds it (\`node scripts/run-ts.js --build\`) before the first round. Cold means no \`cdktf.out\` and no \`.terraform\`; the build stays, as it does between runs of one commit. **first run after a source change**: the same command with \`.gen/js\` deleted first, so that it transpiles the sources before it starts (what the first run after an edit, or in a fresh checkout, waits for); not a target.
- **CPU**: user + system time of the whole process tree (GNU time), for the bare work the sum over its commands. **Other processes' CPU meanwhile**: the CPU time the whole machine spent busy during the run (/proc/stat) minus the run's own: other sessions share this machine, and what they take is not the pipeline's. Before each run (plan-review, first after a source change, bare) the benchmark waits (at most 120 s) until the machine is idle (less than a quarter of a core busy over one second), and a run during which other processes used more than 1 s of CPU or a tenth of its wall time is measured again (at most 3 times; the last is kept).
- **Rounds**: each round runs plan-review, the same after emptying its build cache, then the bare Terraform work; ${results.runs.pipeline} rounds per scenario, medians reported.
- **Traffic-mode change**: after the rounds of the first scenario, every stack's plan is applied (\`terraform apply\` of the saved plan, stack after stack, every hook running \`${CHEAP_HOOK}\`: ${s(p.applySeconds)}, not measured), then ${p.changedManager.name} (an nsx-v manager of ${n(p.changedManager.hosts)} hosts) gets \`trafficMode: monitoring\` in the estate and nothing else changes. Every run must exit 2 (disruptive), and its plan-review.json must give ${p.changedManager.name} a \`protectionGap.hostCount\` equal to its ${n(p.changedManager.hosts)} hosts and every other manager \`hasChanges: false\` and no gap; the bare plans must find changes in ${p.changedManager.name} only.
- **Peak RSS**: GNU time's \`%M\` of the command is \`ru_maxrss\` from wait4(2): the peak resident set of the **largest single process** among the command and every descendant that was waited for (node waits for each terraform it starts), not a sum over processes running at once. "its node process alone" is node's own \`process.resourceUsage().maxRSS\`, written at its exit by a \`--require\` preload (NODE_OPTIONS); when the tree's figure is larger, a terraform process was the largest. For the bare work, the largest of its terraform commands.
`;
}

function partsSection(results: BenchResults): string {
  const p = results.pipeline;
  const m = p.create.median;
  const parts = p.parts;
  const cpu = results.cpu;
  const stacks = p.shape.managers;
  const serialPart = parts.compiledModulesSeconds + parts.loadMs / 1000 + parts.synthMs / 1000;
  const known =
    parts.compiledModulesSeconds +
    parts.loadMs / 1000 +
    parts.synthMs / 1000 +
    m.initSeconds +
    m.planSeconds +
    m.showSeconds;
  return `## 2. Where the time goes (every stack created)

${table(
  ["part", "seconds", "measured by"],
  [
    [
      "node start and loading the command's modules, compiled (as the command runs them)",
      s(parts.compiledModulesSeconds),
      "`node -e` requiring app/plan-and-review.js compiled by `tsc --noCheck`",
    ],
    [
      "the same through ts-node, for comparison (how the command ran before scripts/run-ts.js)",
      s(parts.tsNodeModulesSeconds),
      "`node -r ts-node/register/transpile-only -e \"require('./app/plan-and-review')\"`",
    ],
    [
      `estate load (${n(p.shape.hosts)} hosts)`,
      s(parts.loadMs / 1000),
      "bench/synth-child.ts, compiled, same estate",
    ],
    [`synth of ${stacks} stacks`, s(parts.synthMs / 1000), "the same"],
    [`\`terraform init\` × ${stacks}`, s(m.initSeconds), "bare terraform, sum"],
    [`\`terraform plan\` × ${stacks}`, s(m.planSeconds), "bare terraform, sum"],
    [`\`terraform show -json\` × ${stacks}`, s(m.showSeconds), "bare terraform, sum"],
    ["sum of the parts, one after another (compiled modules, not the ts-node row)", s(known), ""],
    ["`npm run plan-review`, measured", s(m.seconds), "section 1"],
  ],
)}

Each part is the median of its own runs. Terraform's share is ${s(m.bareSeconds)} of work for ${stacks} stacks, about ${s(m.bareSeconds / stacks)} per stack (init ${s(m.initSeconds / stacks)}, plan ${s(m.planSeconds / stacks)}, show ${s(m.showSeconds / stacks)}). Not in the parts: the review of the ${stacks} plans and writing its files. The command runs ${cpu.processes} stacks at once; on this machine ${cpu.processes} CPU-bound processes at once do ${x(cpu.factor)} the work of one (a busy loop of 1 s alone, then ${cpu.processes} at once, median of ${cpu.rounds}; a virtual machine whose virtual CPUs share physical ones gets less than ${cpu.processes} ×), so running stacks in parallel divides the Terraform work by about that much at best, and the run cannot take less than its CPU time allows: plan-review used ${maybe(m.cpuSeconds, s)} of CPU, the bare work ${maybe(m.bareCpuSeconds, s)} (terraform uses more than one thread). Start and modules, estate load and synth one after another, then the Terraform work divided by that factor, come to ${s(serialPart + m.bareSeconds / cpu.factor)} (through ts-node: ${s(serialPart - parts.compiledModulesSeconds + parts.tsNodeModulesSeconds + m.bareSeconds / cpu.factor)}), before the review.
`;
}

const STACK_PLAN_LABELS: Record<PlanVariantName, string> = {
  hooks: "every hook set (the large estate's settings): the target",
  noHooks: "no hooks (the conditions of the before row)",
};

function stackPlanSection(results: BenchResults): string {
  const r = results.stackPlan;
  const rows = PLAN_VARIANTS.map((name) => {
    const v = r.variants[name];
    return [
      STACK_PLAN_LABELS[name],
      n(v.clusters),
      bytes(v.configBytes),
      s(v.initSeconds),
      s(v.medianSeconds),
      runsOf(v.runs.map((run) => run.seconds)),
      maybe(v.medianCpuSeconds, s),
      mb(v.medianPeakRssMb),
      n(v.toAdd),
    ];
  });
  return `## 3. \`terraform plan\` of one ${n(r.shape.hosts)}-host stack (target 3)

${table(
  [
    "stack",
    "clusters",
    "cdk.tf.json",
    "init (not counted)",
    "plan (median)",
    "runs (s)",
    "CPU",
    "peak RSS",
    "to add",
  ],
  [
    ...rows,
    [
      `before: per-host \`svm\` resource, no hooks (${BEFORE_COMMIT})`,
      "n/a",
      bytes(BEFORE.stackPlan.configBytes),
      "0.06 s",
      s(BEFORE.stackPlan.seconds),
      runsOf(BEFORE.stackPlan.runs),
      "n/a",
      mb(BEFORE.stackPlan.peakRssMb),
      n(BEFORE.stackPlan.toAdd),
    ],
  ],
)}

- One nsx-v manager with ${n(r.shape.hosts)} hosts in clusters of 8 to ${MAX_CLUSTER_HOSTS} (bench/generate-estate.ts), \`terraform_data\`, local backend, synthesized by cdktf.json's app in the project snapshot.
- **plan**: wall time of \`terraform plan -input=false -no-color -detailed-exitcode -out=ksv.tfplan\` (as lib/terraform/stack-workflow.ts runs it) after one \`terraform init\`, fresh state (nothing applied), \`TF_CLI_CONFIG_FILE=/dev/null\`, \`CHECKPOINT_DISABLE=1\`, \`TF_IN_AUTOMATION=1\`. ${results.runs.plan} rounds, each planning both stacks; median. CPU and peak RSS: GNU time. ${discardedNote(r.discarded)}
`;
}

const COLD_START_LABELS: ReadonlyArray<[ColdStartVariantName, string]> = [
  ["cli", "CLI, cdktf.json's app (build cached), example estate"],
  ["cliLargeEstate", "CLI, cdktf.json's app (build cached), large estate"],
  ["cliAfterChange", "CLI, cdktf.json's app, first run after a code change"],
  ["cliTranspileOnly", "CLI, transpile-only ts-node (the app before the build cache)"],
  ["cliTypeChecking", "CLI, type-checking ts-node (cdktf init's app)"],
  ["app", "app only, cdktf.json's app (build cached)"],
  ["appAfterChange", "app only, cdktf.json's app, first run after a code change"],
  ["appTranspileOnly", "app only, transpile-only ts-node"],
  ["appTypeChecking", "app only, type-checking ts-node"],
];

function coldStartSection(results: BenchResults): string {
  const c = results.coldStart;
  const base = c.variants.cli.medianSeconds;
  const rows = COLD_START_LABELS.map(([name, label]) => {
    const v = c.variants[name];
    return [
      label,
      `\`${v.command}\``,
      s(v.medianSeconds),
      runsOf(v.runs.map((r) => r.seconds)),
      mb(v.medianPeakRssMb),
      x(v.medianSeconds / base),
      maybe(v.medianOtherCpuSeconds, s),
    ];
  });
  return `## 4. \`cdktf synth\`: a large estate, and the cold start (target 4)

${table(
  [
    "what",
    "command",
    "median",
    "runs (s)",
    "peak RSS",
    "vs the CLI on the example",
    "other processes' CPU meanwhile",
  ],
  rows,
)}

cdktf.json's app: \`${c.app}\`. Large estate: the estate of section 1 (${n(c.largeEstate.hosts)} hosts, ${c.largeEstate.managers} managers), all managers in standard mode.

- **CLI**: wall time of \`npx cdktf synth --output <tmp>\` in the project snapshot (what a user runs; \`cdktf diff\` and \`deploy\` start the same way), with \`CHECKPOINT_DISABLE=1\` and \`TF_CLI_CONFIG_FILE=/dev/null\`: npx, the CLI's own start (it loads its bundle and runs \`terraform version\`), the app, and the CLI reading the result. The large estate is the same command with \`KSV_ESTATE\` set. The other variants pass \`--app\`; type-checking ts-node is the app \`cdktf init --template typescript\` writes.
- **app only**: the app command alone, through \`/bin/sh -c\` as the CLI runs it, \`CDKTF_OUTDIR\` set.
- **build cached**: cdktf.json's app compiles \`main.ts\` and what it imports to \`.gen/app/<hash of the sources>/\` (transpilation; type checking stays in \`npm test\`) when that folder does not exist, then runs \`node main.js\`. **first run after a code change**: the same in a second snapshot whose cache is emptied before every run: compile plus run.
- Every run is a new set of processes on a warm file cache: one unmeasured run of each variant comes first (it also fills the build cache), then ${results.runs.coldStart} rounds that run each variant in turn; the median is reported, and every run must write a manifest with the estate's stacks. Each run waits (at most 60 s) for an idle machine and is measured again when disturbed, as in section 1. ${discardedNote(c.discarded)} Peak RSS is that of the largest process of the tree (GNU time).
`;
}

function planReviewSection(results: BenchResults): string {
  const r = results.planReview;
  return `## 5. Plan review of one large plan (information)

${table(
  ["hosts", "time", "peak RSS", "plan JSON", "limit (information, not a target)"],
  [[n(r.resourceCount), s(r.seconds), mb(r.peakRssMb), bytes(r.planBytes), "2 s"]],
)}

Measured by \`benchmarkPlanReview(${r.resourceCount})\` of \`bench/plan-review.ts\`: the \`ksv-plan-review\` command (bin/ksv-plan-review.js, from the build scripts/run-ts.js keeps) in a new process, on one stack's plan of a traffic-mode change grown from a real one to ${n(r.resourceCount)} hosts in clusters of ${HOSTS_PER_CLUSTER} (every deployment replaced, every host in the protection gap). Peak RSS: the review process's own.
`;
}

export function renderReport(results: BenchResults): string {
  const m = results.machine;
  const targets = checkTargets(results);
  const verdict = (pass?: boolean) =>
    pass === undefined ? "NOT MEASURED" : pass ? "PASS" : "**FAIL**";
  return `# Benchmarks

Written by \`npm run bench\` (\`bench/run.ts\`); run it again rather than editing this file.

${table(
  ["machine", ""],
  [
    ["CPU", `${m.cpu}, ${m.cores} cores`],
    ["CPU-bound work of all cores at once", `${x(results.cpu.factor)} one core's (section 2)`],
    ["RAM", `${m.ramGb.toFixed(1)} GB`],
    ["OS", m.os],
    ["Node.js", m.node],
    ["Terraform", m.terraform],
    ["cdktf / cdktf-cli", `${m.cdktf} / ${m.cdktfCli}`],
    ["TypeScript / ts-node", `${m.typescript} / ${m.tsNode}`],
    ["code", `commit ${m.commit}`],
    ["date", m.date],
    ["whole benchmark", s(results.totalSeconds)],
  ],
)}

## Targets

${table(
  ["", "target", "measured", "limit", "result"],
  targets.map((t) => [t.id, t.target, t.measured, t.limit, verdict(t.pass)]),
)}

Target 5 counts every process of the plan-review runs of targets 1 and 2, terraform included (section 1); the limit is ${PEAK_RSS_MB} MB. Targets 1a and 2a are measured from the build \`npm ci\` leaves (section 1, build cache); the first run after a change of the sources also transpiles them: ${s(results.pipeline.create.median.uncachedSeconds)} (created) and ${s(results.pipeline.modeChange.median.uncachedSeconds)} (traffic-mode change), not a target. Sections 1 and 2 say where the time goes.

${beforeAfterSection(results)}
${pipelineSection(results)}
${partsSection(results)}
${stackPlanSection(results)}
${coldStartSection(results)}
${planReviewSection(results)}`;
}
