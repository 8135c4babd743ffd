import * as fs from "fs";
import * as path from "path";
import { benchmarkPlanReview } from "../../bench/plan-review";
import {
  renderJson,
  renderMarkdown,
  reviewExitCode,
  type ApplyStepId,
  type ManagerReview,
  type PlanReview,
  type PlanReviewJson,
} from "../../lib/plan-review";
import { estateOf, nsxtManager, nsxvManager, type ManagerInput } from "../support/estates";
import { reviewOf } from "../support/plan-review-fixtures";
import { runPlanReview } from "../support/plan-review-cli";
import { changesOf, Scenario, type PlanJson } from "../support/scenario";
import { runScript, type CommandResult } from "../support/workspace";
import { LIFECYCLE_HOOKS } from "../../lib/contract";

/*
 * The plan review on real plans: estates synthesized, planned (and applied where the next plan
 * needs state) with the real terraform, then reviewed in this process and by the real
 * bin/ksv-plan-review.js.
 */

/** Every hook appends its name: the order the steps really ran in. */
const HOOKS = Object.fromEntries(
  LIFECYCLE_HOOKS.map((hook) => [hook, `printf '%s\\n' "$KSV_HOOK" >> "$HOOK_LOG"`]),
);

/** The hook each step of the review's apply order runs. */
const HOOK_OF_STEP: Record<ApplyStepId, string> = {
  "remove-nsx-objects": "removeObjects",
  "remove-svms": "removeSvms",
  "remove-segment": "removeSegment",
  "unregister-service": "unregister",
  "register-service": "register",
  "create-segment": "createSegment",
  "deploy-svms": "deploySvms",
  "upgrade-svms": "upgradeSvms",
  "create-nsx-objects": "createObjects",
  "remove-groups": "removeGroup",
  "apply-groups": "applyGroup",
  "apply-rules": "applyRules",
};

const DC1_HOSTS = ["esx-a1.dc1-nsxv.local", "esx-a2.dc1-nsxv.local", "esx-b1.dc1-nsxv.local"];

/** Saves a plan the way CI does (terraform show -json into a file) and returns its path. */
function savePlan(scenario: Scenario, name: string, plan: PlanJson): string {
  const dir = path.join(scenario.dir, "plans");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  const document: Record<string, unknown> = { ...plan };
  delete document.hasChanges;
  delete document.planFile;
  fs.writeFileSync(file, JSON.stringify(document));
  return file;
}

function onlyManager(review: PlanReview): ManagerReview {
  expect(review.managers).toHaveLength(1);
  return review.managers[0];
}

/** The non-zero counts of a manager, as `role: {kind: n}`. */
function countsOf(manager: ManagerReview): Record<string, Record<string, number>> {
  return Object.fromEntries(
    Object.entries(manager.counts)
      .map(([role, counts]) => [
        role,
        Object.fromEntries(Object.entries(counts).filter(([, n]) => n)),
      ])
      .filter(([, counts]) => Object.keys(counts).length > 0),
  );
}

describe("one NSX-V manager through its life", () => {
  const scenario = new Scenario("plan-review-life");
  const estate = (overrides: Partial<ManagerInput> = {}) =>
    estateOf([nsxvManager("dc1-nsxv", overrides)], { hooks: HOOKS });
  const plans: Record<string, string> = {};
  let modeChangeHooks: string[] = [];
  let cli: Record<string, CommandResult>;

  beforeAll(async () => {
    scenario.synth(estate());
    plans.create = savePlan(scenario, "create", scenario.apply("dc1-nsxv"));
    scenario.takeHookLog();
    plans.noChange = savePlan(scenario, "no-change", scenario.plan("dc1-nsxv"));

    const [prodA, prodB] = nsxvManager("dc1-nsxv").clusters;
    scenario.synth(
      estate({ clusters: [prodA, { ...prodB, hosts: [...prodB.hosts, "esx-b2.dc1-nsxv.local"] }] }),
    );
    plans.hostAdded = savePlan(scenario, "host-added", scenario.plan("dc1-nsxv"));
    scenario.synth(estate({ clusters: [{ ...prodA, hosts: ["esx-a1.dc1-nsxv.local"] }, prodB] }));
    plans.hostRemoved = savePlan(scenario, "host-removed", scenario.plan("dc1-nsxv"));
    scenario.synth(estate({ policy: { webAddresses: { action: "ignore" } } }));
    plans.policy = savePlan(scenario, "policy", scenario.plan("dc1-nsxv"));
    scenario.synth(estate());
    plans.destroy = savePlan(scenario, "destroy", scenario.plan("dc1-nsxv", { destroy: true }));

    scenario.synth(estate({ trafficMode: "monitoring" }));
    plans.modeChange = savePlan(scenario, "mode-change", scenario.apply("dc1-nsxv"));
    modeChangeHooks = scenario.takeHookLog();

    const runs = {
      modeChange: runPlanReview([plans.modeChange]),
      allowDisruptive: runPlanReview(["--allow-disruptive", plans.modeChange]),
      json: runPlanReview(["--format", "json", plans.modeChange]),
      policy: runPlanReview([plans.policy]),
    };
    cli = Object.fromEntries(
      await Promise.all(Object.entries(runs).map(async ([k, run]) => [k, await run] as const)),
    );
  });

  test("the scenario's plans are what the README says (the premise of the rest)", () => {
    const plan = (name: string) => JSON.parse(fs.readFileSync(plans[name], "utf8")) as PlanJson;
    expect(changesOf(plan("hostAdded"))).toEqual({});
    expect(plan("hostAdded").output_changes?.svm_hosts.actions).toEqual(["update"]);
    expect(changesOf(plan("policy"))).toEqual({ "terraform_data.threat_policy": "delete+create" });
    expect(changesOf(plan("noChange"))).toEqual({});
  });

  test("create plan: everything created, nothing disruptive, no order diagram", () => {
    const review = reviewOf(plans.create);
    const manager = onlyManager(review);
    expect(manager).toMatchObject({
      name: "dc1-nsxv",
      kind: "nsx-v",
      address: "dc1-nsxv.example.local",
    });
    expect(countsOf(manager)).toEqual({
      "service-identity": { create: 1 },
      "protection-service": { create: 1 },
      "service-deployment": { create: 2 },
      "svm-image": { create: 2 },
      "nsx-objects": { create: 1 },
      "threat-policy": { create: 1 },
    });
    expect(reviewExitCode(review, false)).toBe(0);
    expect(manager.protectionGap).toBeNull();
    const markdown = renderMarkdown(review);
    expect(markdown).toContain("> No disruptive changes.");
    expect(markdown).toContain("**Threat policy:** created");
    expect(markdown).not.toContain("```mermaid");
  });

  test("no-change plan", () => {
    const review = reviewOf(plans.noChange);
    expect(onlyManager(review).hasChanges).toBe(false);
    expect(reviewExitCode(review, false)).toBe(0);
    expect(renderMarkdown(review)).toContain("No changes (8 resources up to date).");
  });

  test("a host added: no deployment changes, the host is named, not disruptive", () => {
    const review = reviewOf(plans.hostAdded);
    const manager = onlyManager(review);
    expect(countsOf(manager)).toEqual({
      "service-identity": { "no-op": 1 },
      "protection-service": { "no-op": 1 },
      "service-deployment": { "no-op": 2 },
      "svm-image": { "no-op": 2 },
      "nsx-objects": { "no-op": 1 },
      "threat-policy": { "no-op": 1 },
    });
    expect(manager.findings).toEqual([
      {
        id: "hosts-added",
        hostCount: 1,
        clusters: [{ name: "prod-b", hosts: ["esx-b2.dc1-nsxv.local"] }],
      },
    ]);
    expect(manager.hasChanges).toBe(true);
    expect(reviewExitCode(review, false)).toBe(0);
  });

  test("a host removed: no deployment changes, no gap, the host is named", () => {
    const review = reviewOf(plans.hostRemoved);
    const manager = onlyManager(review);
    expect(countsOf(manager)["service-deployment"]).toEqual({ "no-op": 2 });
    expect(manager.protectionGap).toBeNull();
    expect(manager.findings.map((f) => f.id)).toEqual(["hosts-removed"]);
    expect(reviewExitCode(review, false)).toBe(0);
    expect(renderMarkdown(review)).toContain(
      "1 host is no longer expected: `esx-a2.dc1-nsxv.local` in `prod-a`.",
    );
  });

  test("policy change: the policy alone, field by field, not disruptive", async () => {
    const review = reviewOf(plans.policy);
    const manager = onlyManager(review);
    expect(countsOf(manager)).toEqual({
      "service-identity": { "no-op": 1 },
      "protection-service": { "no-op": 1 },
      "service-deployment": { "no-op": 2 },
      "svm-image": { "no-op": 2 },
      "nsx-objects": { "no-op": 1 },
      "threat-policy": { replace: 1 },
    });
    expect(manager.policy?.diff?.changes).toEqual([
      { field: "webAddresses.action", before: "block", after: "ignore" },
    ]);
    expect(cli.policy.code).toBe(0);
    expect(cli.policy.stdout).toContain("- `webAddresses.action: block → ignore`");
    expect(cli.policy.stdout).toContain("> No disruptive changes.");
  });

  test("destroy plan: disruptive", () => {
    const review = reviewOf(plans.destroy);
    const manager = onlyManager(review);
    expect(manager.findings.map((f) => f.id)).toEqual([
      "service-deleted",
      "deployments-deleted",
      "nsx-objects-deleted",
    ]);
    expect(manager.protectionGap?.hostCount).toBe(3);
    expect(manager.trafficMode).toEqual({ before: "standard", after: null });
    expect(reviewExitCode(review, false)).toBe(2);
    expect(renderMarkdown(review)).toContain("**Traffic mode:** `standard` → removed");
  });

  describe("traffic-mode change standard → monitoring", () => {
    test("disruptive: exit 2, every host in the gap, the policy untouched", () => {
      expect(cli.modeChange.code).toBe(2);
      expect(cli.modeChange.stderr).toBe("");
      const markdown = cli.modeChange.stdout;
      expect(markdown.startsWith("<!-- ksv-plan-review -->\n")).toBe(true);
      expect(markdown).toContain("**Traffic mode:** `standard` → `monitoring`");
      expect(markdown).toContain(
        `**Protection gap: 3 hosts** lose Network Threat Protection while their SVMs are removed and deployed again: ${DC1_HOSTS.map((h) => `\`${h}\``).join(", ")}; their VMs' traffic passes unscanned meanwhile.`,
      );
      expect(markdown).toContain("| Threat policy | · | · | · | · | 1 |");
      expect(markdown).toContain("**Threat policy:** unchanged.");
    });

    test("the Mermaid diagram shows the order the hooks really ran in", () => {
      const markdown = cli.modeChange.stdout;
      expect(markdown).toContain("```mermaid\nflowchart TD\n");
      const manager = onlyManager(reviewOf(plans.modeChange));
      const steps = manager.applyOrder.steps;
      const ranInOrder = modeChangeHooks.filter((hook, i) => hook !== modeChangeHooks[i - 1]);
      expect(steps.map((step) => HOOK_OF_STEP[step.id])).toEqual(ranInOrder);
      for (const step of steps) {
        const runs = modeChangeHooks.filter((hook) => hook === HOOK_OF_STEP[step.id]).length;
        expect([step.id, step.count]).toEqual([step.id, runs]);
      }
      expect(markdown).toContain('unregister_service["3. Service unregistered (standard)"]');
      expect(markdown).toContain('register_service["4. Service registered (monitoring)"]');
    });

    test("--allow-disruptive: exit 0, the same facts", () => {
      expect(cli.allowDisruptive.code).toBe(0);
      expect(cli.allowDisruptive.stdout).toContain("**Disruptive changes, allowed**");
      expect(cli.allowDisruptive.stdout).toContain("**Protection gap: 3 hosts**");
    });

    test("--format json", () => {
      expect(cli.json.code).toBe(2);
      const json = JSON.parse(cli.json.stdout) as PlanReviewJson;
      expect(json).toEqual(
        JSON.parse(renderJson(reviewOf(plans.modeChange), { allowDisruptive: false })),
      );
      const [manager] = json.managers;
      expect(json).toMatchObject({ version: 1, disruptive: true, exitCode: 2 });
      expect(manager.trafficMode).toEqual({
        before: "standard",
        after: "monitoring",
        changed: true,
      });
      expect(manager.protectionGap?.hosts).toEqual(DC1_HOSTS);
      expect(manager.policy).toMatchObject({ change: "no-op", changes: null });
      expect(manager.findings.filter((f) => f.severity === "disruptive").map((f) => f.id)).toEqual([
        "traffic-mode-change",
        "service-replaced",
        "deployments-replaced",
      ]);
    });
  });
});

describe("two stacks in one review", () => {
  const scenario = new Scenario("plan-review-two");
  const estate = (dc1: Partial<ManagerInput>) =>
    estateOf([nsxvManager("dc1-nsxv", dc1), nsxtManager("dc2-nsxt")]);
  const files: Record<string, string> = {};
  let cli: CommandResult;
  let script: CommandResult;

  beforeAll(async () => {
    scenario.synth(estate({}));
    scenario.apply("dc1-nsxv");
    scenario.apply("dc2-nsxt");
    scenario.synth(estate({ trafficMode: "monitoring" }));
    files.dc1 = savePlan(scenario, "dc1-nsxv", scenario.plan("dc1-nsxv"));
    files.dc2 = savePlan(scenario, "dc2-nsxt", scenario.plan("dc2-nsxt"));
    // One plan on standard input, the other as a file.
    cli = await runPlanReview(["-", files.dc2], { stdin: fs.readFileSync(files.dc1, "utf8") });
    script = await planAndReview(scenario.dir, ["--format", "markdown"]);
  });

  test("each manager is reviewed on its own; one disruptive manager fails the review", () => {
    expect(cli.code).toBe(2);
    expect(cli.stdout).toContain(
      "| `dc1-nsxv` | NSX-V | `standard` → `monitoring` | 5 replace | ⛔ disruptive |",
    );
    expect(cli.stdout).toContain(
      "| `dc2-nsxt` | NSX-T | `standard` | no changes | ✅ no changes |",
    );
    expect(cli.stdout).toContain("ksv-plan-review of 2 plans (Terraform `1.11.4`): `<stdin>`, ");
  });

  test("npm run plan-review (scripts/plan-and-review.ts) plans, reviews and writes what CI posts", () => {
    expect(script.stderr).not.toContain("unexpected error");
    expect(script.code).toBe(2);
    const out = path.join(scenario.dir, "cdktf.out");
    const markdown = fs.readFileSync(path.join(out, "plan-review.md"), "utf8");
    expect(script.stdout).toBe(markdown);
    expect(markdown).toContain("<!-- ksv-plan-review -->");
    expect(markdown).toContain("| `dc1-nsxv` | NSX-V | `standard` → `monitoring` |");
    const json = JSON.parse(fs.readFileSync(path.join(out, "plan-review.json"), "utf8"));
    expect(json).toMatchObject({ exitCode: 2, disruptive: true });
    // Each plan as the review read it, the binary plan ksv apply applies, and its record.
    expect(fs.readdirSync(path.join(out, "plans")).sort()).toEqual(
      ["dc1-nsxv", "dc2-nsxt"].flatMap((s) => [`${s}.json`, `${s}.reviewed.json`, `${s}.tfplan`]),
    );
  });
});

describe("bench/plan-review.ts", () => {
  test("grows a real plan and runs the real CLI on it (which must see every deployment replaced)", async () => {
    // The benchmark rejects a review that does not exit 2; how fast it is, npm run bench says.
    const result = await benchmarkPlanReview(2000);
    // 2,000 hosts listed before and after in the svm_hosts output weigh about 160 kB.
    expect(result.planBytes).toBeGreaterThan(100_000);
  });
});

/** scripts/plan-and-review.ts in `cwd`, as `npm run plan-review` runs it. */
function planAndReview(cwd: string, args: string[]): Promise<CommandResult> {
  return runScript("scripts/plan-and-review.ts", args, { cwd, env: { KSV_ESTATE: "estate.json" } });
}
