import type { BenchResults } from "./results";

/* The performance targets of the project, judged against one benchmark's numbers. */

export interface TargetCheck {
  readonly target: string;
  /** The measured value, with what it was computed from. */
  readonly measured: string;
  readonly limit: string;
  /** undefined: not measured. */
  readonly pass?: boolean;
}

const s = (seconds: number) => `${seconds.toFixed(2)} s`;
const ms = (milliseconds: number) => `${milliseconds.toFixed(milliseconds < 10 ? 1 : 0)} ms`;

export function checkTargets(results: BenchResults): TargetCheck[] {
  const bySize = (hosts: number) => {
    const found = results.synth.find((r) => r.shape.hosts === hosts);
    if (!found) throw new Error(`no synth of ${hosts} hosts was measured`);
    return found.median;
  };
  const largest = bySize(20000);
  const medium = bySize(2000);
  const synthRatio = largest.synthMs / largest.floorMs;
  const growth = largest.synthMs / medium.synthMs;
  const peak = Math.max(...results.synth.flatMap((r) => r.runs.map((run) => run.child.peakRssMb)));
  const { cli, cliTypeChecking } = results.coldStart.variants;
  const coldRatio = cli.medianSeconds / cliTypeChecking.medianSeconds;
  const { ours, handWritten } = results.plan.variants;
  const hand = handWritten.medianSeconds ?? NaN;
  const oursSeconds = ours.medianSeconds ?? ours.stoppedAfter ?? NaN;
  const planRatio = oursSeconds / hand;
  const more = ours.medianSeconds === undefined ? "more than " : "";
  const review = results.planReview;

  return [
    {
      target: "synth of 20,000 hosts ≤ 5 × its floor",
      measured: `${synthRatio.toFixed(1)} × (synth only ${ms(largest.synthMs)} / floor ${ms(largest.floorMs)})`,
      limit: "5 ×",
      pass: synthRatio <= 5,
    },
    {
      target: "growth of synth from 2,000 to 20,000 hosts ≤ 12 ×",
      measured: `${growth.toFixed(1)} × (synth only ${ms(medium.synthMs)} → ${ms(largest.synthMs)})`,
      limit: "12 ×",
      pass: growth <= 12,
    },
    {
      target: "peak RSS of a synth ≤ 400 MB",
      measured: `${peak.toFixed(0)} MB (largest of all synth runs, whole process)`,
      limit: "400 MB",
      pass: peak <= 400,
    },
    {
      target: "cold `cdktf synth` of the example ≤ 0.5 × the type-checking ts-node start",
      measured: `${coldRatio.toFixed(2)} × (${s(cli.medianSeconds)} / ${s(cliTypeChecking.medianSeconds)})`,
      limit: "0.5 ×",
      pass: coldRatio <= 0.5,
    },
    {
      target: "`terraform plan` of our stack ≤ 1.2 × the hand-written HCL",
      measured: `${more}${planRatio.toFixed(2)} × (${more}${s(oursSeconds)} / ${s(hand)}${
        more ? `; stopped at the limit` : ""
      })`,
      limit: "1.2 ×",
      pass: planRatio <= 1.2,
    },
    {
      target: `plan review of ${review.resourceCount.toLocaleString("en-US")} resources ≤ 2 s`,
      measured: s(review.seconds),
      limit: "2 s",
      pass: review.seconds <= 2,
    },
  ];
}
