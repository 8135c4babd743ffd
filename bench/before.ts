/*
 * The numbers the per-cluster model replaces: BENCHMARKS.md as written by `npm run bench` at
 * commit d685313 (2 cores, Node 20, Terraform 1.11.4), when every ESXi host was an instance of
 * an `svm` resource (for_each over the hosts). Kept as "before" rows; they are not measured again.
 */

export const BEFORE_COMMIT = "d685313";

export const BEFORE = {
  /** `terraform plan` of one nsx-v manager with 2,000 hosts, no hooks, after init. */
  stackPlan: {
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
