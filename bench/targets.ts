import { BEFORE, BEFORE_COMMIT } from "./before";
import type { Scenario } from "./pipeline";
import { maxOf, n, runsOf, s, x, type TargetCheck } from "./report";
import type { BenchResults } from "./run";

/* The performance targets of the project, judged against one benchmark's numbers. */

/** `npm run plan-review` at most this long, seconds, on 2 cores... */
const PIPELINE_SECONDS = 10;
/** ...and at most this multiple of the bare Terraform work of the same stacks. */
const PIPELINE_OVER_BARE = 1.5;
/** `terraform plan` of one 2,000-host stack, seconds. */
const STACK_PLAN_SECONDS = 1;
/** `npx cdktf synth` of the large estate against the example. */
const LARGE_SYNTH_OVER_EXAMPLE = 1.3;
/** Any process of the plan-review run. */
const PEAK_RSS_MB = 400;
/** Deciding which stacks changed since a ref (the figure for a quiet 2-core machine). */
const CHANGED_STACKS_SECONDS = 2;
/** ksv rollout's own time per wave (ours: a wave of a 1,250-host stack is a few terraform runs, under a second each). */
const ROLLOUT_WAVE_SECONDS = 2;

export interface Target {
  readonly id: string;
  readonly limit: string;
  /** The target's wording (it may name what was measured), the figure, and the verdict. */
  readonly check: (results: BenchResults) => Omit<TargetCheck, "id" | "limit">;
}

/** `measured` says what the figure is and what it was computed from. */
const atMost = (target: string, value: number, limit: number, measured: string) => ({
  target,
  measured,
  pass: value <= limit,
});

/** Targets <id>a (time) and <id>b (against the bare Terraform work) of a plan-review scenario. */
function pipelineTargets(
  id: string,
  what: (results: BenchResults) => string,
  scenario: (results: BenchResults) => Scenario,
): Target[] {
  const bareWork =
    "bare `terraform init` + `plan -out` + `show -json` of its stacks, one after another";
  return [
    {
      id: `${id}a`,
      limit: `${PIPELINE_SECONDS} s`,
      check: (r) => {
        const { seconds, runs } = scenario(r).planReview;
        const measured = `${s(seconds)} (median of ${runs.length}: ${runsOf(runs)})`;
        return atMost(`${what(r)} ≤ ${PIPELINE_SECONDS} s`, seconds, PIPELINE_SECONDS, measured);
      },
    },
    {
      id: `${id}b`,
      limit: `${PIPELINE_OVER_BARE} ×`,
      check: (r) => {
        const { planReview, bare } = scenario(r);
        const ratio = planReview.seconds / bare.seconds;
        const measured = `${x(ratio)} (${s(planReview.seconds)} / ${s(bare.seconds)})`;
        const target = `${what(r)} ≤ ${PIPELINE_OVER_BARE} × ${bareWork}`;
        return atMost(target, ratio, PIPELINE_OVER_BARE, measured);
      },
    },
  ];
}

export const TARGETS: readonly Target[] = [
  ...pipelineTargets(
    "1",
    (r) => `\`npm run plan-review\`, ${n(r.pipeline.shape.hosts)} hosts, cold, no state`,
    (r) => r.pipeline.create,
  ),
  {
    id: "2",
    limit: "exit 2, gap = its hosts, others unchanged",
    check: ({ pipeline: { changedManager: changed, modeChange, shape } }) => ({
      target: `traffic-mode change (${changed.name} → monitoring, after an apply): the review is right`,
      measured: modeChange.check.ok
        ? `exit 2; protection gap of ${changed.name}: ${n(changed.hosts)} hosts, all of its hosts; the ${shape.managers - 1} other managers: no changes (every run)`
        : `wrong: ${modeChange.check.checks
            .filter((c) => !c.ok)
            .map((c) => c.what)
            .join("; ")}`,
      pass: modeChange.check.ok,
    }),
  },
  ...pipelineTargets(
    "2",
    () => "the same, traffic-mode change",
    (r) => r.pipeline.modeChange,
  ),
  {
    id: "3",
    limit: `${STACK_PLAN_SECONDS} s`,
    check: ({ stackPlan: { hooks, shape } }) =>
      atMost(
        `\`terraform plan\` of one ${n(shape.hosts)}-host stack ≤ ${STACK_PLAN_SECONDS} s (after init)`,
        hooks.seconds,
        STACK_PLAN_SECONDS,
        `${s(hooks.seconds)} (before: ${s(BEFORE.stackPlan.seconds)}, per-host model, ${BEFORE_COMMIT})`,
      ),
  },
  {
    id: "4",
    limit: `${LARGE_SYNTH_OVER_EXAMPLE} ×`,
    check: (r) => {
      const { cli, cliLargeEstate } = r.coldStart.variants;
      const ratio = cliLargeEstate.seconds / cli.seconds;
      return atMost(
        `\`npx cdktf synth\` of ${n(r.pipeline.shape.hosts)} hosts ≤ ${LARGE_SYNTH_OVER_EXAMPLE} × the same on the example estate`,
        ratio,
        LARGE_SYNTH_OVER_EXAMPLE,
        `${x(ratio)} (${s(cliLargeEstate.seconds)} / ${s(cli.seconds)})`,
      );
    },
  },
  {
    id: "5",
    limit: `${PEAK_RSS_MB} MB`,
    check: ({ pipeline: p }) => {
      const target = `peak RSS of any process of the plan-review run ≤ ${PEAK_RSS_MB} MB`;
      const rss = [...p.create.planReview.runs, ...p.modeChange.planReview.runs].map(
        (r) => r.peakRssMb,
      );
      const peak = rss.includes(undefined) ? undefined : maxOf(rss);
      if (peak === undefined) return { target, measured: "not measured (no GNU time)" };
      const measured = `${peak.toFixed(0)} MB (largest process of the tree, every run of targets 1 and 2)`;
      return atMost(target, peak, PEAK_RSS_MB, measured);
    },
  },
];

/** Targets 6 and 7: review only what changed, and the rollout's own time per wave. */
const OPERATIONS_TARGETS: readonly Target[] = [
  {
    id: "6",
    limit: `${CHANGED_STACKS_SECONDS} s`,
    check: ({ changedStacks: c }) =>
      atMost(
        `which stacks changed since a ref (one manager's policy, ${n(c.shape.hosts)} hosts, ${c.shape.managers} managers), warm checkout, ≤ ${CHANGED_STACKS_SECONDS} s`,
        c.decision.seconds,
        CHANGED_STACKS_SECONDS,
        `${s(c.decision.seconds)} (median of ${c.decision.runs.length}: ${runsOf(c.decision.runs)}); the review of the changed stack ${s(c.changedReview.seconds)}, of every stack ${s(c.fullReview.seconds)}`,
      ),
  },
  {
    id: "7",
    limit: `${ROLLOUT_WAVE_SECONDS} s`,
    check: ({ rollout: r }) =>
      atMost(
        `\`ksv rollout\`: its own time per wave, beyond the hooks' (${n(r.hosts)}-host manager of ${n(r.shape.hosts)} hosts) ≤ ${ROLLOUT_WAVE_SECONDS} s`,
        r.perWave,
        ROLLOUT_WAVE_SECONDS,
        `${s(r.perWave)} (median of every wave, ${r.waveCount} waves a run); ${s(r.fixed)} once per rollout`,
      ),
  },
];

export function checkTargets(results: BenchResults): TargetCheck[] {
  return [...TARGETS, ...OPERATIONS_TARGETS].map((t) => ({
    id: t.id,
    limit: t.limit,
    ...t.check(results),
  }));
}

/** What the targets table leaves unsaid. */
export function targetsNote({ pipeline: p }: BenchResults): string {
  return `Target 5 counts every process of the plan-review runs of targets 1 and 2, terraform included (section 1); the limit is ${PEAK_RSS_MB} MB. Targets 1a and 2a are measured from the build \`npm ci\` leaves (section 1, build cache); the first run after a change of the sources also transpiles them: ${s(p.create.uncached.seconds)} (created) and ${s(p.modeChange.uncached.seconds)} (traffic-mode change), not a target. Sections 1 and 2 say where the time goes.`;
}
