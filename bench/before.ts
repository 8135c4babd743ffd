import { HOSTS_PER_CLUSTER } from "./plan-review";
import { mb, ms, n, runsOf, s, type Section } from "./report";
import type { BenchResults } from "./run";

/*
 * The numbers the per-cluster model replaces: BENCHMARKS.md as written by `npm run bench` at
 * commit d685313 (2 cores, Node 20, Terraform 1.11.4), when every ESXi host was an instance of
 * an `svm` resource (for_each over the hosts). Kept as "before" rows; they are not measured again.
 */

export const BEFORE_COMMIT = "d685313";

export const BEFORE = {
  /** `terraform plan` of one nsx-v manager with 2,000 hosts, no hooks, after init. */
  stackPlan: {
    initSeconds: 0.06,
    seconds: 7.57,
    runs: [7.57, 8.74, 7.26],
    peakRssMb: 144,
    toAdd: 2003,
    configBytes: 145524,
    /** The same stack written by hand in HCL (bench/hand-written-hcl.ts, since removed). */
    handWrittenSeconds: 17.44,
    /** Our JSON with its for_each map moved to locals (bench/for-each-in-locals.ts, removed). */
    forEachInLocalsSeconds: 8.38,
  },
  /** The compiled synth child on the 20,000-host estate (clusters of 8–40 hosts, 16 managers). */
  synth20000: {
    wholeRunSeconds: 0.75,
    loadMs: 364,
    synthMs: 108,
    floorMs: 10,
    peakRssMb: 137,
  },
  /** `npx cdktf synth` of the example estate, build cached, and cdktf init's type-checking app. */
  coldStart: { cliSeconds: 2.53, typeCheckingSeconds: 5.47 },
  /** ksv-plan-review on a plan of 20,000 svm instances (43.03 MB of plan JSON). */
  planReview: { seconds: 0.94, peakRssMb: 242, planMb: 43.03 },
} as const;

export function beforeAfterSection(results: BenchResults): Section {
  const plan = results.stackPlan.noHooks;
  const parts = results.pipeline.parts;
  const { cli, cliTypeChecking } = results.coldStart.variants;
  const review = results.planReview;
  const b = BEFORE;
  return {
    title: "Before and after",
    blocks: [
      `"Before" is the per-host model (one \`svm\` instance per ESXi host) as \`npm run bench\` measured it at commit ${BEFORE_COMMIT} (same machine type: 2 cores, Node 20, Terraform 1.11.4); those numbers are copied from that BENCHMARKS.md, not measured again. "Now" is this run, per-cluster model (one \`deployment["<cluster>"]\` instance per vSphere cluster, hosts only in \`locals\` and the \`svm_hosts\` output).`,
      {
        header: `what | before (${BEFORE_COMMIT}, per-host) | now (per-cluster)`,
        rows: [
          [
            "`terraform plan` of one 2,000-host nsx-v stack, no hooks, after init",
            `${s(b.stackPlan.seconds)} (runs ${runsOf(b.stackPlan.runs)}; ${n(b.stackPlan.toAdd)} instances to add, ${mb(b.stackPlan.peakRssMb)})`,
            `${s(plan.seconds)} (${n(plan.toAdd)} instances to add, ${mb(plan.peakRssMb)})`,
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
            `estate load ${ms(parts.loadMs)}, synth ${ms(parts.synthMs)} (section 2; the floor is no longer measured)`,
          ],
          [
            "`npx cdktf synth` of the example estate, build cached",
            s(b.coldStart.cliSeconds),
            s(cli.seconds),
          ],
          [
            "`npx cdktf synth` with cdktf init's type-checking app",
            s(b.coldStart.typeCheckingSeconds),
            s(cliTypeChecking.seconds),
          ],
          [
            "`ksv-plan-review` of the largest plan",
            `${s(b.planReview.seconds)} (20,000 svm instances, ${b.planReview.planMb} MB of plan JSON, ${mb(b.planReview.peakRssMb)})`,
            `${s(review.seconds)} (${n(review.hosts)} hosts in ${n(Math.ceil(review.hosts / HOSTS_PER_CLUSTER))} deployments, ${(review.planBytes / 1024 / 1024).toFixed(2)} MB, ${mb(review.peakRssMb)})`,
          ],
        ],
      },
      "The numbers of one run vary from run to run on this machine (see the runs columns); compare before and after with that in mind.",
    ],
  };
}
