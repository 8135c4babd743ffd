import { BEFORE, BEFORE_COMMIT } from "./before";
import type { ScenarioResult } from "./pipeline";
import type { BenchResults } from "./results";

/* The performance targets of the project, judged against one benchmark's numbers. */

export interface TargetCheck {
  /** The target's number in the issue ("The whole review pipeline at datacenter scale"). */
  readonly id: string;
  readonly target: string;
  /** The measured value, with what it was computed from. */
  readonly measured: string;
  readonly limit: string;
  /** undefined: not measured. */
  readonly pass?: boolean;
}

/** `npm run plan-review` at most this long, seconds, on 2 cores. */
export const PIPELINE_SECONDS = 10;
/** ...and at most this multiple of the bare Terraform work of the same stacks. */
export const PIPELINE_OVER_BARE = 1.5;
/** `terraform plan` of one 2,000-host stack, seconds. */
export const STACK_PLAN_SECONDS = 1;
/** `npx cdktf synth` of the large estate against the example. */
export const LARGE_SYNTH_OVER_EXAMPLE = 1.3;
/** Any process of the plan-review run. */
export const PEAK_RSS_MB = 400;

const s = (seconds: number) => `${seconds.toFixed(2)} s`;
const n = (value: number) => Math.round(value).toLocaleString("en-US");

function pipelineTargets(id: string, what: string, scenario: ScenarioResult): TargetCheck[] {
  const m = scenario.median;
  const ratio = m.seconds / m.bareSeconds;
  return [
    {
      id: `${id}a`,
      target: `${what} ≤ ${PIPELINE_SECONDS} s`,
      measured: `${s(m.seconds)} (median of ${scenario.runs.length}: ${scenario.runs
        .map((r) => r.seconds.toFixed(2))
        .join(", ")})`,
      limit: `${PIPELINE_SECONDS} s`,
      pass: m.seconds <= PIPELINE_SECONDS,
    },
    {
      id: `${id}b`,
      target: `${what} ≤ ${PIPELINE_OVER_BARE} × bare \`terraform init\` + \`plan -out\` + \`show -json\` of its stacks, one after another`,
      measured: `${ratio.toFixed(2)} × (${s(m.seconds)} / ${s(m.bareSeconds)})`,
      limit: `${PIPELINE_OVER_BARE} ×`,
      pass: ratio <= PIPELINE_OVER_BARE,
    },
  ];
}

export function checkTargets(results: BenchResults): TargetCheck[] {
  const p = results.pipeline;
  const hosts = n(p.shape.hosts);
  const check = p.modeChange.check;
  const stack = results.stackPlan.variants.hooks;
  const { cli, cliLargeEstate } = results.coldStart.variants;
  const synthRatio = cliLargeEstate.medianSeconds / cli.medianSeconds;
  const rss = [...p.create.runs, ...p.modeChange.runs].map((r) => r.peakRssMb);
  const peak = rss.every((v) => v !== undefined) ? Math.max(...(rss as number[])) : undefined;
  return [
    ...pipelineTargets("1", `\`npm run plan-review\`, ${hosts} hosts, cold, no state`, p.create),
    {
      id: "2",
      target: `traffic-mode change (${p.changedManager.name} → monitoring, after an apply): the review is right`,
      measured: check.ok
        ? `exit 2; protection gap of ${p.changedManager.name}: ${n(p.changedManager.hosts)} hosts, all of its hosts; the ${p.shape.managers - 1} other managers: no changes (every run)`
        : `wrong: ${check.checks
            .filter((c) => !c.ok)
            .map((c) => c.what)
            .join("; ")}`,
      limit: "exit 2, gap = its hosts, others unchanged",
      pass: check.ok,
    },
    ...pipelineTargets("2", `the same, traffic-mode change`, p.modeChange),
    {
      id: "3",
      target: `\`terraform plan\` of one ${n(results.stackPlan.shape.hosts)}-host stack ≤ ${STACK_PLAN_SECONDS} s (after init)`,
      measured: `${s(stack.medianSeconds)} (before: ${s(BEFORE.stackPlan.seconds)}, per-host model, ${BEFORE_COMMIT})`,
      limit: `${STACK_PLAN_SECONDS} s`,
      pass: stack.medianSeconds <= STACK_PLAN_SECONDS,
    },
    {
      id: "4",
      target: `\`npx cdktf synth\` of ${hosts} hosts ≤ ${LARGE_SYNTH_OVER_EXAMPLE} × the same on the example estate`,
      measured: `${synthRatio.toFixed(2)} × (${s(cliLargeEstate.medianSeconds)} / ${s(cli.medianSeconds)})`,
      limit: `${LARGE_SYNTH_OVER_EXAMPLE} ×`,
      pass: synthRatio <= LARGE_SYNTH_OVER_EXAMPLE,
    },
    {
      id: "5",
      target: `peak RSS of any process of the plan-review run ≤ ${PEAK_RSS_MB} MB`,
      measured:
        peak === undefined
          ? "not measured (no GNU time)"
          : `${peak.toFixed(0)} MB (largest process of the tree, every run of targets 1 and 2)`,
      limit: `${PEAK_RSS_MB} MB`,
      pass: peak === undefined ? undefined : peak <= PEAK_RSS_MB,
    },
  ];
}
