import {
  compareObservation,
  parseObservation,
  judgeFindings,
  renderDriftMarkdown,
  verifyEnvironment,
  verifyTargets,
  type VerifyTarget,
} from "../../lib/verify";
import { validatePlanDocument } from "../../lib/plan-review";
import { stackPlan } from "../support/plan-review-fixtures";

/* The verify hook's contract, and how what it observes is judged, without running a hook. */

const deployment: VerifyTarget = {
  address: 'terraform_data.deployment["prod-a"]',
  role: "service-deployment",
  values: { manager: "dc1", cluster: "prod-a", ip_pool: "" },
  hosts: ["esx-1.dc1.local", "esx-2.dc1.local"],
};

describe("what the hook prints", () => {
  test("one JSON object of the role's shape; more fields are allowed", () => {
    expect(
      parseObservation("protection-service", '{"registered":true,"trafficMode":"standard","x":1}'),
    ).toMatchObject({ ok: true });
    expect(parseObservation("service-deployment", '{"deployed":false}')).toEqual({
      ok: true,
      observation: { deployed: false, hosts: [] },
    });
  });

  test("anything else says what was expected, never echoing the output", () => {
    const secret = "password=hunter2";
    const results = [
      parseObservation("nsx-objects", secret),
      parseObservation("nsx-objects", "[1,2]"),
      parseObservation("protection-service", '{"registered":"yes"}'),
      parseObservation("protection-service", '{"registered":true,"trafficMode":"inline"}'),
    ];
    for (const result of results) {
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain("hunter2");
    }
    expect(results[0]).toEqual({
      ok: false,
      problem: 'printed no JSON; it must print { "present": true|false }',
    });
  });
});

describe("the hook's environment", () => {
  test("the resource's keys as KSV_*, the role, and a deployment's hosts", () => {
    expect(verifyEnvironment(deployment)).toEqual({
      KSV_HOOK: "verify",
      KSV_ROLE: "service-deployment",
      KSV_MANAGER: "dc1",
      KSV_CLUSTER: "prod-a",
      KSV_IP_POOL: "",
      KSV_HOSTS: "esx-1.dc1.local,esx-2.dc1.local",
    });
  });

  test("targets come from the plan: the estate's values (adopt) or the state's (drift)", () => {
    const plan = validatePlanDocument(
      JSON.parse(
        JSON.stringify(
          stackPlan({
            clusters: { "prod-a": ["esx-1"], gone: ["esx-9"] },
            clustersAfter: { "prod-a": ["esx-1", "esx-2"] },
          }),
        ),
      ),
      "plan.json",
    );
    const desired = verifyTargets(plan, "plan.json", "desired");
    const recorded = verifyTargets(plan, "plan.json", "recorded");
    const deployments = (targets: VerifyTarget[]) =>
      targets
        .filter((t) => t.role === "service-deployment")
        .map((t) => [t.values.cluster, t.hosts]);
    expect(deployments(desired)).toEqual([["prod-a", ["esx-1", "esx-2"]]]);
    expect(deployments(recorded)).toEqual([
      ["gone", ["esx-9"]],
      ["prod-a", ["esx-1", "esx-2"]],
    ]);
  });
});

describe("judging what exists", () => {
  test("hosts compare case-insensitively; missing and unexpected ones are named", () => {
    const findings = compareObservation(deployment, {
      deployed: true,
      hosts: ["ESX-1.dc1.local.", "esx-3.dc1.local"],
    });
    expect(findings.map((f) => [f.id, f.host])).toEqual([
      ["svm-missing", "esx-2.dc1.local"],
      ["svm-unexpected", "esx-3.dc1.local"],
    ]);
  });

  test("policy fields are compared when the hook gives them; unknown fields are not printed", () => {
    const policy: VerifyTarget = {
      address: "terraform_data.threat_policy",
      role: "threat-policy",
      values: { policy: JSON.stringify({ webAddresses: { action: "block" }, blockMinutes: 60 }) },
    };
    const findings = compareObservation(policy, {
      present: true,
      webAddresses: { action: "ignore" },
      apiToken: "tok-1",
    });
    expect(findings).toEqual([
      expect.objectContaining({
        id: "policy-differs",
        field: "webAddresses.action",
        expected: "block",
        found: "ignore",
      }),
    ]);
    expect(JSON.stringify(findings)).not.toContain("tok-1");
  });

  test("the drift report's markdown starts with its marker and escapes values", () => {
    const markdown = renderDriftMarkdown({
      date: "2026-11-30",
      expired: [],
      managers: [
        {
          name: "dc|1",
          kind: "nsx-v",
          address: null,
          status: "checked",
          reason: null,
          checked: 3,
          skipped: null,
          pendingChanges: 0,
          findings: judgeFindings(
            compareObservation(deployment, { deployed: true, hosts: ["esx`1.x"] }),
            {
              manager: "dc|1",
              ignores: [],
              seen: new Map(),
              today: "2026-11-30",
            },
          ),
        },
      ],
    });
    expect(markdown.split("\n")[0]).toBe("<!-- ksv-drift -->");
    expect(markdown).toContain("``esx`1.x``");
  });
});
