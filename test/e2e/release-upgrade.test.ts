import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { parseEstate } from "../../app/load-estate";
import { policyJson } from "../../lib/constructs/threat-action-policy";
import { analyzePlans, reviewExitCode, validatePlanDocument } from "../../lib/plan-review";
import { InventoryProject, INVENTORY_HOOKS, type Inventory } from "../support/inventory";
import { changesOf, Scenario } from "../support/scenario";

/*
 * A new release replaces nothing at a site: stacks applied with 0.1 (the image a key of the
 * service, the NSX objects one resource) plan with this release without replacing the service,
 * the segment, a deployment, the objects or the policy. What is new (the service's identity, each
 * cluster's image) is created; ksv adopt records it without running a hook.
 */

const FIXTURES = path.join(__dirname, "..", "fixtures", "release-0.1");
const MANAGERS = ["dc1-nsxv", "dc2-nsxt"];

describe("stacks of release 0.1 planned with this release", () => {
  const scenario = new Scenario("release-upgrade");
  const project = new InventoryProject(scenario.dir);
  const estate = { ...parseYaml(fs.readFileSync(path.join(FIXTURES, "estate.yaml"), "utf8")) };
  estate.hooks = INVENTORY_HOOKS;

  beforeAll(() => {
    for (const manager of MANAGERS) {
      const file = `terraform.${manager}.tfstate`;
      fs.copyFileSync(path.join(FIXTURES, file), path.join(scenario.dir, file));
    }
    scenario.synth(estate);
  });

  test.each(MANAGERS)(
    "%s: nothing replaced or removed; only the identity and the images are new",
    (manager) => {
      const plan = scenario.plan(manager, { env: project.env });
      const changes = Object.entries(changesOf(plan));
      expect(changes.filter(([, action]) => action !== "create")).toEqual([]);
      expect(changes.map(([address]) => address.replace(/\[.*\]$/, "")).sort()).toEqual(
        expect.arrayContaining(["terraform_data.service_identity", "terraform_data.svm_image"]),
      );
      expect(new Set(changes.map(([address]) => address.replace(/\[.*\]$/, "")))).toEqual(
        new Set(["terraform_data.service_identity", "terraform_data.svm_image"]),
      );
      const review = analyzePlans([{ source: manager, plan: validatePlanDocument(plan, manager) }]);
      expect(review.managers[0].protectionGap).toBeNull();
      expect(reviewExitCode(review, false)).toBe(0);
    },
  );

  test("ksv adopt records what is new without running a hook; the next plan is empty", async () => {
    const valid = parseEstate(JSON.stringify(estate), "estate.json").estate;
    // What NSX and KSC hold at a site 0.1 deployed: the estate, as the example hooks record it.
    const inventory: Inventory = { managers: {} };
    for (const m of valid.managers) {
      inventory.managers[m.name] = {
        service: {
          trafficMode: m.trafficMode,
          svmImageUrl: m.svmImageUrl,
          ksc: `${valid.ksc.address}:${valid.ksc.port}`,
        },
        ...(m.kind === "nsx-t" ? { segment: true } : {}),
        deployments: Object.fromEntries(
          m.clusters.map((c) => [
            c.name,
            {
              datastore: c.datastore,
              network: c.network,
              ipPool: c.ipPool ?? null,
              hosts: c.hosts,
              image: m.svmImageUrl,
            },
          ]),
        ),
        objects: ["service-profile"],
        policy: JSON.parse(policyJson(m.policy)),
      };
    }
    fs.writeFileSync(project.inventory, JSON.stringify(inventory));
    const adopted = await project.ksv(["adopt", ...MANAGERS]);
    expect(adopted.stderr).not.toContain("refused");
    expect(adopted.code).toBe(0);
    expect(adopted.stdout).toContain(
      "ksv adopt: dc1-nsxv: adopted 3 resources (service-identity, 2 × svm-image); no hook ran",
    );
    expect(project.takeHookLog()).toEqual([]);
    for (const manager of MANAGERS) {
      expect(scenario.plan(manager, { env: project.env }).hasChanges).toBe(false);
    }
  });
});
