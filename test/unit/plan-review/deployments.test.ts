import { UserError } from "../../../lib/user-error";
import { renderMarkdown, reviewExitCode } from "../../../lib/plan-review";
import {
  planOf,
  reviewOf as review,
  stackChanges,
  stackPlan,
} from "../../support/plan-review-fixtures";

/*
 * SVMs are deployed per cluster: the review counts deployments, reads each cluster's hosts from
 * the stack's svm_hosts output, and names hosts that come and go without any deployment change.
 */

const clusters = {
  "prod-a": ["esx-a1.dc9.local", "esx-a2.dc9.local"],
  "prod-b": ["esx-b1.dc9.local"],
};

describe("hosts added to or removed from a cluster", () => {
  const result = review(
    stackPlan({
      clusters,
      clustersAfter: {
        "prod-a": ["esx-a1.dc9.local", "esx-a3.dc9.local"],
        "prod-b": ["esx-b1.dc9.local"],
      },
    }),
  );
  const [manager] = result.managers;

  test("replace no deployment, are a change, and are not disruptive", () => {
    expect(manager.counts["service-deployment"]).toMatchObject({ "no-op": 2, replace: 0 });
    expect(manager.hasChanges).toBe(true);
    expect(manager.disruptive).toBe(false);
    expect(manager.protectionGap).toBeNull();
    expect(reviewExitCode(result, false)).toBe(0);
  });

  test("are named, cluster by cluster", () => {
    expect(manager.findings).toEqual([
      {
        id: "hosts-added",
        hostCount: 1,
        clusters: [{ name: "prod-a", hosts: ["esx-a3.dc9.local"] }],
      },
      {
        id: "hosts-removed",
        hostCount: 1,
        clusters: [{ name: "prod-a", hosts: ["esx-a2.dc9.local"] }],
      },
    ]);
    const markdown = renderMarkdown(result);
    expect(markdown).toContain(
      "1 host is added to the estate: `esx-a3.dc9.local` in `prod-a`. NSX deploys their SVMs itself; no deployment changes and no hook runs.",
    );
    expect(markdown).toContain("1 host is no longer expected: `esx-a2.dc9.local` in `prod-a`.");
  });
});

describe("a cluster's deployment", () => {
  test("removed: disruptive, every host of the cluster in the gap", () => {
    const result = review(stackPlan({ clusters, clustersAfter: { "prod-a": clusters["prod-a"] } }));
    const [manager] = result.managers;
    expect(manager.findings).toEqual([
      { id: "deployments-deleted", clusterCount: 1, hostCount: 1 },
    ]);
    // The NSX objects stay, so the redirection does; this stack manages no failure policy.
    expect(manager.protectionGap).toEqual({
      effect: "unknown",
      hostCount: 1,
      hosts: ["esx-b1.dc9.local"],
      clusters: [
        {
          name: "prod-b",
          hostCount: 1,
          hostsKnown: true,
          cause: "removed",
          effect: "unknown",
        },
      ],
    });
    expect(reviewExitCode(result, false)).toBe(2);
  });

  test("added: its SVMs deployed, with the cluster's hosts counted; not disruptive", () => {
    const result = review(
      stackPlan({ clusters: { "prod-a": clusters["prod-a"] }, clustersAfter: clusters }),
    );
    const [manager] = result.managers;
    expect(manager.disruptive).toBe(false);
    expect(manager.applyOrder.steps).toEqual([{ id: "deploy-svms", count: 1, hostCount: 1 }]);
  });

  test("replaced in a plan without the svm_hosts output: the cluster is named, its hosts unknown", () => {
    const plan = planOf(stackChanges({ modeBefore: "standard", modeAfter: "monitoring" }));
    const [manager] = review(plan).managers;
    // A re-registration removes the NSX objects, and with them the redirection, first.
    expect(manager.protectionGap).toEqual({
      effect: "unscanned",
      hostCount: 0,
      hosts: [],
      clusters: [
        {
          name: "prod-a",
          hostCount: 0,
          hostsKnown: false,
          cause: "replaced",
          effect: "unscanned",
        },
      ],
    });
    expect(renderMarkdown(review(plan))).toContain("Clusters: `prod-a`: hosts unknown (replaced).");
  });
});

describe("NSX-T: the service segment", () => {
  test("a new stack: the segment and the service, both before the deployments", () => {
    const [manager] = review(stackPlan({ kind: "nsx-t", actions: ["create"] })).managers;
    expect(manager.applyOrder.steps.map((s) => s.id)).toEqual([
      "register-service",
      "create-segment",
      "deploy-svms",
      "create-nsx-objects",
    ]);
    expect(manager.applyOrder.edges).toEqual([
      ["register-service", "deploy-svms"],
      ["create-segment", "deploy-svms"],
      ["deploy-svms", "create-nsx-objects"],
    ]);
  });

  test("a removed stack: the segment after the deployments; its removal is disruptive", () => {
    const result = review(stackPlan({ kind: "nsx-t", actions: ["delete"] }));
    const [manager] = result.managers;
    expect(manager.applyOrder.edges).toEqual([
      ["remove-nsx-objects", "remove-svms"],
      ["remove-svms", "remove-segment"],
      ["remove-svms", "unregister-service"],
    ]);
    expect(manager.findings.map((f) => f.id)).toContain("segment-deleted");
    expect(renderMarkdown(result)).toContain('remove_segment["3. Service segment removed"]');
  });

  test("a re-registration (new image) keeps the segment", () => {
    const [manager] = review(stackPlan({ kind: "nsx-t", actions: ["delete", "create"] })).managers;
    expect(manager.counts["service-segment"]).toMatchObject({ "no-op": 1, replace: 0 });
    expect(manager.applyOrder.steps.map((s) => s.id)).not.toContain("create-segment");
  });
});

test("one manager in two plans: refused, naming both files (its hosts would count twice)", () => {
  let failure: unknown;
  try {
    review(stackPlan({ manager: "dc1" }), stackPlan({ manager: "dc1" }));
  } catch (error) {
    failure = error;
  }
  expect(failure).toBeInstanceOf(UserError);
  expect((failure as Error).message).toBe(
    'plans/stack-1.json: manager "dc1" is also in plans/stack-0.json; give one plan per stack (reviewing both would count its hosts twice)',
  );
});
