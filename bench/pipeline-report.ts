import { CHEAP_HOOK, MAX_CLUSTER_HOSTS } from "./generate-estate";
import type { Scenario } from "./pipeline";
import { bytes, discardedNote, maxOf, maybe, mb, n, runsOf, s, x, type Section } from "./report";
import type { BenchResults } from "./run";

/* Sections 1 and 2 of BENCHMARKS.md: what bench/pipeline.ts measured, and where its time goes. */

export function pipelineSection({ pipeline: p }: BenchResults): Section {
  const changed = p.changedManager.name;
  const scenarios: ReadonlyArray<readonly [string, string, Scenario]> = [
    ["every stack created (no state)", "every stack created", p.create],
    [
      `${changed} → monitoring (state of every stack applied)`,
      `${changed} → monitoring`,
      p.modeChange,
    ],
  ];
  const checks = (sc: Scenario) =>
    sc.check.checks.map((c) => `\n  - ${c.ok ? "yes" : "**NO**"}: ${c.what}`).join("");
  const perStack = (sc: Scenario) => {
    const all = sc.planReview.runs.flatMap((r) => r.stackSeconds);
    return all.length > 0 ? `${s(Math.min(...all))} to ${s(Math.max(...all))}` : "not reported";
  };
  return {
    title: `1. \`npm run plan-review\` of ${n(p.shape.hosts)} hosts (targets 1, 2 and 5)`,
    blocks: [
      {
        header:
          "scenario | plan-review (median) | runs (s) | CPU (median) | first run after a source change (median) | bare terraform, one after another | of which init / plan / show | bare CPU | other processes' CPU meanwhile (plan-review / bare) | plan-review / bare",
        rows: scenarios.map(([label, , { planReview, uncached, bare }]) => [
          label,
          s(planReview.seconds),
          runsOf(planReview.runs),
          maybe(planReview.cpuSeconds, s),
          s(uncached.seconds),
          s(bare.seconds),
          [bare.initSeconds, bare.planSeconds, bare.showSeconds].map(s).join(" / "),
          maybe(bare.cpuSeconds, s),
          `${maybe(planReview.otherCpuSeconds, s)} / ${maybe(bare.otherCpuSeconds, s)}`,
          x(planReview.seconds / bare.seconds),
        ]),
      },
      "Peak RSS (target 5), MB = 2^20 bytes, the largest of all runs:",
      {
        header:
          "scenario | plan-review, largest process of the tree | its node process alone | bare terraform, largest single command",
        rows: scenarios.map(([, label, sc]) => [
          label,
          mb(maxOf(sc.planReview.runs.map((r) => r.peakRssMb))),
          mb(maxOf(sc.planReview.runs.map((r) => r.nodePeakRssMb))),
          mb(maxOf(sc.bare.runs.map((r) => r.peakRssMb))),
        ]),
      },
      "Review checks of every run (the last run's wording; a failed check of any run is shown instead):",
      scenarios.map(([, label, sc]) => `${label}:${checks(sc)}`),
      discardedNote(
        scenarios
          .flatMap(([, , sc]) => [sc.planReview, sc.uncached, sc.bare])
          .flatMap((series) => series.discarded),
      ),
      "What the numbers include:",
      [
        `**Estate**: \`bench/generate-estate.ts\`, ${n(p.shape.hosts)} hosts on ${p.shape.managers} managers (half nsx-v, half nsx-t, alternating), ${n(p.clusters)} vSphere clusters of 8 to ${MAX_CLUSTER_HOSTS} hosts, FQDN host names with about 1 host in 25 by IPv4 address, half the clusters with an IP pool, a full threat policy with exclusions, \`resourceType: terraform_data\`, \`backend: { type: local }\`, every hook set to \`${CHEAP_HOOK}\`; ${bytes(p.estateBytes)} of YAML.`,
        `**plan-review**: wall time of \`/bin/sh -c "${p.command}"\` (package.json's plan-review script, as \`npm run plan-review\` runs it, without npm's own start) in a snapshot of the project (bench/project.ts), \`KSV_ESTATE\` and \`CDKTF_OUTDIR\` pointing at the estate and a folder beside it, from spawn to exit: node start, loading the compiled modules (scripts/run-ts.js), the estate load, the synth, \`terraform init\`, \`plan\` and \`show -json\` of every stack (the command runs as many at once as the machine has cores), the review, and writing plans/*.json, plan-review.md and plan-review.json. **Cold**: before every run \`cdktf.out\` is deleted, and with it every \`.terraform\` folder; the estate file and the state files (\`terraform.<manager>.tfstate\`, beside \`cdktf.out\`) stay. The OS file cache is warm. Each stack's own init + plan + show, as the command reports it, took ${perStack(p.create)} (created) and ${perStack(p.modeChange)} (mode change); they overlap.`,
        "**bare terraform**: right after a run, in every stack folder it synthesized, `.terraform` and the plan are deleted, then `terraform init -input=false`, `terraform plan -input=false -detailed-exitcode -out=ksv.tfplan` and `terraform show -json ksv.tfplan` run one after another, stack after stack, each a new process (`TF_IN_AUTOMATION=1`, `CHECKPOINT_DISABLE=1`, `TF_CLI_CONFIG_FILE=/dev/null`); the sum of their wall times. No node, no synth, no review.",
        "**Build cache**: the command runs the project's TypeScript from `.gen/js/<hash of the sources>/`, transpiled once per state of the sources by scripts/run-ts.js; a checkout gets it from its first command, and the benchmark builds it (`node scripts/run-ts.js --build`) before the first round. Cold means no `cdktf.out` and no `.terraform`; the build stays, as it does between runs of one commit. **first run after a source change**: the same command with `.gen/js` deleted first, so that it transpiles the sources before it starts (what the first run after an edit, or in a fresh checkout, waits for); not a target.",
        "**CPU**: user + system time of the whole process tree (GNU time), for the bare work the sum over its commands. **Other processes' CPU meanwhile**: the CPU time the whole machine spent busy during the run (/proc/stat) minus the run's own: other sessions share this machine, and what they take is not the pipeline's. Before each run (plan-review, first after a source change, bare) the benchmark waits (at most 120 s) until the machine is idle (less than a quarter of a core busy over one second), and a run during which other processes used more than 1 s of CPU or a tenth of its wall time is measured again (at most 3 times; the last is kept).",
        `**Rounds**: each round runs plan-review, the same after emptying its build cache, then the bare Terraform work; ${p.rounds} rounds per scenario, medians reported.`,
        `**Traffic-mode change**: after the rounds of the first scenario, every stack's plan is applied (\`terraform apply\` of the saved plan, stack after stack, every hook running \`${CHEAP_HOOK}\`: ${s(p.applySeconds)}, not measured), then ${changed} (an nsx-v manager of ${n(p.changedManager.hosts)} hosts) gets \`trafficMode: monitoring\` in the estate and nothing else changes. Every run must exit 2 (disruptive), and its plan-review.json must give ${changed} a \`protectionGap.hostCount\` equal to its ${n(p.changedManager.hosts)} hosts and every other manager \`hasChanges: false\` and no gap; the bare plans must find changes in ${changed} only.`,
        `**Peak RSS**: GNU time's \`%M\` of the command is \`ru_maxrss\` from wait4(2): the peak resident set of the **largest single process** among the command and every descendant that was waited for (node waits for each terraform it starts), not a sum over processes running at once. "its node process alone" is node's own \`process.resourceUsage().maxRSS\`, written at its exit by a \`--require\` preload (NODE_OPTIONS); when the tree's figure is larger, a terraform process was the largest. For the bare work, the largest of its terraform commands.`,
      ],
    ],
  };
}

export function partsSection({ pipeline: p, machine }: BenchResults): Section {
  const { planReview, bare } = p.create;
  const parts = p.parts;
  const cpu = machine.throughput;
  const stacks = p.shape.managers;
  const serialPart = parts.compiledModulesSeconds + parts.loadMs / 1000 + parts.synthMs / 1000;
  const parallelTerraform = bare.seconds / cpu.factor;
  return {
    title: "2. Where the time goes (every stack created)",
    blocks: [
      {
        header: "part | seconds | measured by",
        rows: [
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
          [`\`terraform init\` × ${stacks}`, s(bare.initSeconds), "bare terraform, sum"],
          [`\`terraform plan\` × ${stacks}`, s(bare.planSeconds), "bare terraform, sum"],
          [`\`terraform show -json\` × ${stacks}`, s(bare.showSeconds), "bare terraform, sum"],
          [
            "sum of the parts, one after another (compiled modules, not the ts-node row)",
            s(serialPart + bare.initSeconds + bare.planSeconds + bare.showSeconds),
            "",
          ],
          ["`npm run plan-review`, measured", s(planReview.seconds), "section 1"],
        ],
      },
      `Each part is the median of its own runs. Terraform's share is ${s(bare.seconds)} of work for ${stacks} stacks, about ${s(bare.seconds / stacks)} per stack (init ${s(bare.initSeconds / stacks)}, plan ${s(bare.planSeconds / stacks)}, show ${s(bare.showSeconds / stacks)}). Not in the parts: the review of the ${stacks} plans and writing its files. The command runs ${cpu.processes} stacks at once; on this machine ${cpu.processes} CPU-bound processes at once do ${x(cpu.factor)} the work of one (a busy loop of 1 s alone, then ${cpu.processes} at once, median of ${cpu.rounds}; a virtual machine whose virtual CPUs share physical ones gets less than ${cpu.processes} ×), so running stacks in parallel divides the Terraform work by about that much at best, and the run cannot take less than its CPU time allows: plan-review used ${maybe(planReview.cpuSeconds, s)} of CPU, the bare work ${maybe(bare.cpuSeconds, s)} (terraform uses more than one thread). Start and modules, estate load and synth one after another, then the Terraform work divided by that factor, come to ${s(serialPart + parallelTerraform)} (through ts-node: ${s(serialPart - parts.compiledModulesSeconds + parts.tsNodeModulesSeconds + parallelTerraform)}), before the review.`,
    ],
  };
}
