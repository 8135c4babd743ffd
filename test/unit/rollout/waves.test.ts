import type {
  ManagerReview,
  PlanDocument,
  ProtectionGap,
  ReviewFinding,
} from "../../../lib/plan-review";
import { changesNotReviewed, planWaves } from "../../../lib/rollout";

/* The rollout's two pure judgements: how clusters are packed into waves, what a wave may apply. */

type GapCluster = ProtectionGap["clusters"][number];

function review(
  clusters: Array<Partial<GapCluster> & { name: string; hostCount: number }>,
  findings: ReviewFinding[] = [],
): ManagerReview {
  const full = clusters.map(
    (c) => ({ hostsKnown: true, cause: "upgraded", effect: "unscanned", ...c }) as GapCluster,
  );
  return {
    name: "dc1",
    findings,
    protectionGap: {
      effect: "unscanned",
      hostCount: full.reduce((sum, c) => sum + c.hostCount, 0),
      hosts: [],
      clusters: full,
    },
  } as unknown as ManagerReview;
}

const noPlan: PlanDocument = { format_version: "1.2", resource_changes: [], output_changes: {} };

describe("planWaves", () => {
  const sizes = (r: ManagerReview, max: number) => {
    const waves = planWaves(r, noPlan, "dc1", max);
    if (!waves.ok) throw new Error(waves.refusals.join("; "));
    return waves.waves.map((w) => w.clusters.map((c) => `${c.name}:${c.hostCount}`).join("+"));
  };

  test("whole clusters, in the review's order, a wave closed when the next cluster would not fit", () => {
    const r = review([
      { name: "a", hostCount: 3 },
      { name: "b", hostCount: 1 },
      { name: "c", hostCount: 4 },
      { name: "d", hostCount: 2 },
      { name: "e", hostCount: 2 },
    ]);
    expect(sizes(r, 4)).toEqual(["a:3+b:1", "c:4", "d:2+e:2"]);
    expect(sizes(r, 100)).toEqual(["a:3+b:1+c:4+d:2+e:2"]);
  });

  test("a cluster over the budget, or whose hosts the plan does not say, is refused", () => {
    const waves = planWaves(
      review([
        { name: "big", hostCount: 5 },
        { name: "unknown", hostCount: 0, hostsKnown: false },
      ]),
      noPlan,
      "dc1",
      4,
    );
    expect(waves.ok).toBe(false);
    expect(!waves.ok && waves.refusals).toEqual([
      "cluster big has 5 hosts, more than --max-unprotected-hosts 4: a wave holds whole clusters",
      "cluster unknown: the reviewed plan does not say its hosts (no svm_hosts output), so its wave cannot be bounded",
    ]);
  });

  test("a change of the whole manager is refused, whatever the budget", () => {
    const waves = planWaves(
      review(
        [{ name: "a", hostCount: 1 }],
        [{ id: "traffic-mode-change", before: "standard", after: "monitoring" }],
      ),
      noPlan,
      "dc1",
      1000,
    );
    expect(!waves.ok && waves.refusals[0]).toMatch(
      /^the change cannot be split into waves of clusters: Traffic mode changes/,
    );
  });
});

describe("changesNotReviewed", () => {
  const change = (
    address: string,
    actions: string[],
    after: unknown = { v: 1 },
    deposed?: string,
  ) => ({
    address,
    type: "terraform_data",
    ...(deposed ? { deposed } : {}),
    change: { actions, before: {}, after, after_unknown: {} },
  });
  const plan = (...changes: ReturnType<typeof change>[]): PlanDocument => ({
    format_version: "1.2",
    resource_changes: changes,
    output_changes: {},
  });
  const reviewed = plan(change("x.image", ["create", "delete"]), change("x.policy", ["update"]));

  test("the reviewed change, to the same values, is reviewed; no-ops are nothing", () => {
    expect(
      changesNotReviewed(
        reviewed,
        plan(change("x.image", ["create", "delete"]), change("x.other", ["no-op"])),
      ),
    ).toEqual([]);
  });

  test("what is left of a reviewed replacement (its create, its deposed object's removal) is reviewed", () => {
    expect(changesNotReviewed(reviewed, plan(change("x.image", ["create"])))).toEqual([]);
    expect(
      changesNotReviewed(reviewed, plan(change("x.image", ["delete"], null, "abc123"))),
    ).toEqual([]);
  });

  test("another resource, another kind of change or other values are not", () => {
    expect(
      changesNotReviewed(
        reviewed,
        plan(
          change("x.service", ["delete", "create"]),
          change("x.policy", ["delete"]),
          change("x.image", ["create", "delete"], { v: 2 }),
        ),
      ),
    ).toEqual([
      "x.service: replace, which the reviewed plan does not do",
      "x.policy: delete, where the reviewed plan does update",
      "x.image: replace to other values than the reviewed plan's",
    ]);
  });
});
