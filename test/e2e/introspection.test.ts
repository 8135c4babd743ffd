import * as fs from "fs";
import * as path from "path";
import { analyzePlans, reviewExitCode, validatePlanDocument } from "../../lib/plan-review";
import type { ManagerReview, PlanReview } from "../../lib/plan-review";
import { nsxvManager } from "../support/estates";
import { InventoryProject, inventoryEstate } from "../support/inventory";
import { changesOf, Scenario, type PlanJson } from "../support/scenario";

/*
 * What NSX redirects and what a missing SVM does, end to end: one NSX-V stack with groups, ordered
 * rules and a failure policy, changed one thing at a time and applied with the real terraform.
 * "NSX" is the example hooks' inventory; their log is the order the hooks ran in.
 */

const GROUPS = [
  { name: "web", members: [{ tag: "web" }, { vmNameStartsWith: "web-" }] },
  { name: "backup", members: [{ ipAddress: "10.0.9.0/24" }] },
];
const SKIP_BACKUP = {
  name: "skip-backup",
  sources: ["backup"],
  destinations: ["any"],
  direction: "in-out",
  action: "do-not-redirect",
};
const PROTECT_WEB = {
  name: "protect-web",
  sources: ["any"],
  destinations: ["web"],
  direction: "in-out",
  action: "redirect",
};
const IMAGE_62 = "https://repo.example.local/ksv/ntp-svm-6.2.ovf";
const IMAGE_63 = "https://repo.example.local/ksv/ntp-svm-6.3.ovf";

interface Site {
  readonly failurePolicy?: string;
  readonly groups?: readonly object[];
  readonly rules?: readonly object[];
  readonly trafficMode?: string;
  readonly svmImageUrl?: string;
}

const estate = (site: Site = {}) =>
  inventoryEstate([
    nsxvManager("dc1-nsxv", {
      ...(site.trafficMode ? { trafficMode: site.trafficMode } : {}),
      ...(site.svmImageUrl ? { svmImageUrl: site.svmImageUrl } : {}),
      introspection: {
        failurePolicy: site.failurePolicy ?? "allow",
        groups: site.groups ?? GROUPS,
        rules: site.rules ?? [SKIP_BACKUP, PROTECT_WEB],
      },
    }),
  ]);

describe("groups, rules, failure policy and upgrades of one NSX-V stack", () => {
  const scenario = new Scenario("introspection");
  const project = new InventoryProject(scenario.dir);
  const options = { env: project.env };
  let firstApply: string[];

  /** Synthesizes `site`, applies it, and returns the plan's review and the hooks that ran. */
  function change(site: Site): {
    plan: PlanJson;
    review: PlanReview;
    manager: ManagerReview;
    hooks: string[];
  } {
    scenario.synth(estate(site));
    const plan = scenario.apply("dc1-nsxv", options);
    const review = analyzePlans([{ source: "plan", plan: validatePlanDocument(plan, "plan") }]);
    return { plan, review, manager: review.managers[0], hooks: project.takeHookLog() };
  }

  beforeAll(() => {
    firstApply = change({}).hooks;
  });

  test("first apply: SVMs, then the service's objects; each group's members before the rules that use them", () => {
    const at = (line: string) => firstApply.indexOf(line);
    expect(at("applyGroup dc1-nsxv web")).toBeGreaterThanOrEqual(0);
    expect(at("applyGroup dc1-nsxv backup")).toBeGreaterThanOrEqual(0);
    expect(at("applyRules dc1-nsxv")).toBeGreaterThan(at("applyGroup dc1-nsxv web"));
    expect(at("applyRules dc1-nsxv")).toBeGreaterThan(at("applyGroup dc1-nsxv backup"));
    expect(at("applyRules dc1-nsxv")).toBeGreaterThan(at("createObjects dc1-nsxv"));
    expect(at("createObjects dc1-nsxv")).toBeGreaterThan(at("deploySvms dc1-nsxv prod-a"));
    expect(project.read().managers["dc1-nsxv"]).toMatchObject({
      objects: ["service-profile"],
      failurePolicy: "allow",
      rules: [SKIP_BACKUP, PROTECT_WEB],
    });
  });

  test("a group's members change: one applyGroup, for that group only; not disruptive", () => {
    const groups = [{ ...GROUPS[0], members: [{ tag: "web" }, { tag: "frontend" }] }, GROUPS[1]];
    const { plan, manager, hooks } = change({ groups });
    expect(hooks).toEqual(["applyGroup dc1-nsxv web"]);
    expect(changesOf(plan)).toEqual({ 'terraform_data.group_members["web"]': "delete+create" });
    expect(manager.introspection?.groups).toEqual([
      {
        name: "web",
        change: "changed",
        membersAdded: ["tag frontend"],
        membersRemoved: ["vmNameStartsWith web-"],
      },
    ]);
    expect(manager.disruptive).toBe(false);
  });

  test("rules reordered: one applyRules; the review shows the move; nothing leaves redirection", () => {
    const { plan, manager, hooks, review } = change({
      groups: GROUPS,
      rules: [PROTECT_WEB, SKIP_BACKUP],
    });
    expect(hooks).toEqual(["applyGroup dc1-nsxv web", "applyRules dc1-nsxv"]);
    expect(changesOf(plan)).toEqual({
      'terraform_data.group_members["web"]': "delete+create",
      "terraform_data.redirection_rules": "delete+create",
    });
    expect(manager.introspection?.rules.map((r) => [r.name, r.change])).toEqual([
      ["skip-backup", "moved"],
    ]);
    expect(reviewExitCode(review, false)).toBe(0);
  });

  test("a rule that takes a group out of redirection is disruptive: its VMs lose protection", () => {
    const narrowed = { ...PROTECT_WEB, direction: "in" };
    const { manager, hooks, review } = change({ rules: [SKIP_BACKUP, narrowed] });
    expect(hooks).toEqual(["applyRules dc1-nsxv"]);
    // Before, protect-web came first (the test above reordered them), so backup → web was
    // redirected; now skip-backup decides it, and protect-web no longer covers leaving traffic.
    expect(manager.findings.find((f) => f.id === "redirection-reduced")).toMatchObject({
      flows: [
        "any → web (leaving)",
        "backup → web (leaving)",
        "backup → web (entering)",
        "web → web (leaving)",
      ],
    });
    expect(reviewExitCode(review, false)).toBe(2);
    change({}); // back to the site of the first apply
  });

  test("the failure policy allow → block: applyRules alone; on NSX-V disruptive (the profile's failOpen, KB 327285)", () => {
    const { plan, manager, hooks, review } = change({ failurePolicy: "block" });
    expect(hooks).toEqual(["applyRules dc1-nsxv"]);
    expect(changesOf(plan)).toEqual({ "terraform_data.redirection_rules": "delete+create" });
    expect(manager.introspection?.failurePolicy).toEqual({ before: "allow", after: "block" });
    expect(manager.findings.map((f) => f.id)).toContain("failure-policy-changed");
    expect(reviewExitCode(review, false)).toBe(2);
    expect(project.read().managers["dc1-nsxv"]).toMatchObject({ failurePolicy: "block" });
  });

  test("a new image with failure policy block: upgradeSvms once per cluster, no re-registration, traffic blocked meanwhile", () => {
    const { plan, manager, hooks, review } = change({
      failurePolicy: "block",
      svmImageUrl: IMAGE_62,
    });
    expect([...hooks].sort()).toEqual([
      "upgradeSvms dc1-nsxv prod-a",
      "upgradeSvms dc1-nsxv prod-b",
    ]);
    expect(changesOf(plan)).toEqual({
      'terraform_data.svm_image["prod-a"]': "delete+create",
      'terraform_data.svm_image["prod-b"]': "delete+create",
    });
    expect(manager.protectionGap).toMatchObject({ effect: "blocked", hostCount: 3 });
    expect(manager.findings.map((f) => f.id)).toContain("svms-upgraded");
    expect(reviewExitCode(review, false)).toBe(2);
    const inventory = project.read().managers["dc1-nsxv"];
    expect(inventory.service).toMatchObject({ trafficMode: "standard" });
    expect(inventory.deployments?.["prod-a"]).toMatchObject({ image: IMAGE_62 });
  });

  test("the same with failure policy allow: the gap is unscanned traffic, still disruptive", () => {
    change({ svmImageUrl: IMAGE_62 }); // allow again (applyRules)
    scenario.synth(estate({ svmImageUrl: IMAGE_63 }));
    const plan = scenario.plan("dc1-nsxv", options);
    const review = analyzePlans([{ source: "plan", plan: validatePlanDocument(plan, "plan") }]);
    expect(review.managers[0].protectionGap).toMatchObject({ effect: "unscanned", hostCount: 3 });
    expect(reviewExitCode(review, false)).toBe(2);
  });

  test("a group and the rule naming it leave together: applyRules and removeGroup both run, the group goes", () => {
    const { manager, hooks } = change({
      svmImageUrl: IMAGE_62,
      rules: [PROTECT_WEB],
      groups: [GROUPS[0]],
    });
    expect([...hooks].sort()).toEqual(["applyRules dc1-nsxv", "removeGroup dc1-nsxv backup"]);
    expect(manager.findings.map((f) => f.id)).toContain("group-removed-while-in-use");
    const inventory = project.read().managers["dc1-nsxv"] as { groups: object; rules: object[] };
    expect(Object.keys(inventory.groups)).toEqual(["web"]);
    expect(inventory.rules).toEqual([PROTECT_WEB]);
  });

  test("a traffic-mode change keeps the documented order, the rules written again last; groups untouched", () => {
    const site = { svmImageUrl: IMAGE_62, rules: [PROTECT_WEB], groups: [GROUPS[0]] };
    const { hooks } = change({ ...site, trafficMode: "monitoring" });
    const names = hooks.map((line) => line.split(" ")[0]);
    expect(names).toEqual([
      "removeObjects",
      "removeSvms",
      "removeSvms",
      "unregister",
      "register",
      "deploySvms",
      "deploySvms",
      "createObjects",
      "applyRules",
    ]);
  });

  describe("drift and adopt on the new resources", () => {
    const site = {
      svmImageUrl: IMAGE_62,
      rules: [PROTECT_WEB],
      groups: [GROUPS[0]],
      trafficMode: "monitoring",
    };

    test("drift names a group's changed members, changed rules, the failure policy and an older SVM image", async () => {
      scenario.synth(estate(site));
      project.edit((inventory) => {
        const m = inventory.managers["dc1-nsxv"];
        m.groups = { ...m.groups, web: [{ tag: "web" }] };
        m.rules = [{ ...PROTECT_WEB, action: "do-not-redirect" }];
        m.failurePolicy = "block";
        m.deployments!["prod-b"].image = "https://repo.example.local/ksv/ntp-svm.ovf";
      });
      const drift = await project.ksv(["drift", "--format", "json"]);
      expect(drift.code).toBe(2);
      const ids = JSON.parse(drift.stdout).managers[0].findings.map(
        (f: { id: string; cluster: string | null; group: string | null }) => [
          f.id,
          f.cluster ?? f.group,
        ],
      );
      expect(ids).toEqual(
        expect.arrayContaining([
          ["svm-image-differs", "prod-b"],
          ["group-members-differ", "web"],
          ["failure-policy-differs", null],
          ["rules-differ", null],
        ]),
      );
    });

    test("adopt refuses while NSX has other rules, and records nothing", async () => {
      const state = path.join(scenario.dir, "terraform.dc1-nsxv.tfstate");
      fs.rmSync(state);
      const refused = await project.ksv(["adopt", "dc1-nsxv"]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("The redirection rules differ from those applied");
      expect(refused.stderr).toContain("The failure policy is block; expected allow.");
      expect(fs.existsSync(state)).toBe(false);
    });
  });
});
