import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { INVENTORY_HOOK, InventoryProject } from "../support/inventory";
import { estateOf, nsxtManager, type EstateInput } from "../support/estates";
import { changesOf, Scenario } from "../support/scenario";
import { SimulatorProcess, type Json } from "../support/simulator-process";
import { repoRoot } from "../support/workspace";
import { LIFECYCLE_HOOKS } from "../../lib/contract";

/*
 * The reference hooks (ksv-nsxt-hook) under the real terraform, against ksv-nsxt-simulator: an
 * NSX-T stack from nothing to destroyed, what exists read through the simulator's API as from an
 * NSX Manager. The threat policy is a site's KSC script: here the example hook, combined with the
 * reference hook in one verify command as README shows.
 */

const USER = "svc-terraform";
const PASSWORD = "Nsx-E2e-Passw0rd!";
const IMAGE_62 = "https://ksv.example.test/ntp-svm-6.2.ovf";
const IMAGE_63 = "https://ksv.example.test/ntp-svm-6.3.ovf";
const HOOK = `node ${JSON.stringify(path.join(repoRoot, "bin", "ksv-nsxt-hook.js"))}`;
const KSC = `node ${JSON.stringify(INVENTORY_HOOK)}`;

const CLUSTERS = [
  { name: "edge-a", datastore: "ds-a", network: "pg-svm", hosts: ["esx-a1.test", "esx-a2.test"] },
  { name: "edge-b", datastore: "ds-b", network: "pg-svm", hosts: ["esx-b1.test"] },
];
const EDGE_C = { name: "edge-c", datastore: "ds-c", network: "pg-svm", hosts: ["esx-c1.test"] };

const INVENTORY = {
  computeManagers: [
    {
      name: "vc1",
      clusters: [...CLUSTERS, EDGE_C].map((c) => ({
        name: c.name,
        hosts: c.hosts,
        datastores: [c.datastore],
        networks: [c.network],
      })),
    },
  ],
};

const HOOKS = {
  ...Object.fromEntries(LIFECYCLE_HOOKS.map((hook) => [hook, HOOK])),
  applyPolicy: KSC,
  verify: `if [ "$KSV_ROLE" = threat-policy ]; then ${KSC}; else ${HOOK}; fi`,
  inventory: HOOK,
};

function estate(
  site: { image?: string; clusters?: object[]; webMembers?: object[] } = {},
): EstateInput {
  return estateOf(
    [
      nsxtManager("dc2-nsxt", {
        address: "nsxt.dc2.example.test",
        svmImageUrl: site.image ?? IMAGE_62,
        clusters: (site.clusters ?? CLUSTERS) as never,
        introspection: {
          failurePolicy: "allow",
          groups: [{ name: "web", members: site.webMembers ?? [{ tag: "web" }] }],
          rules: [
            { name: "protect-web", sources: ["any"], destinations: ["web"], action: "redirect" },
          ],
        },
      }),
    ],
    { hooks: HOOKS },
  );
}

describe("ksv-nsxt-hook under terraform, against the NSX-T simulator", () => {
  let sim: SimulatorProcess;
  let serviceId: string;
  const scenario = new Scenario("nsxt-hooks");
  const project = new InventoryProject(scenario.dir);
  const env = (password = PASSWORD) => ({
    ...project.env,
    NSX_MANAGER_URL: sim.url,
    NSX_USERNAME: USER,
    NSX_PASSWORD: password,
    VCENTER_URL: sim.url,
    VCENTER_USERNAME: USER,
    VCENTER_PASSWORD: password,
  });
  const deployments = async (): Promise<Json[]> =>
    sim.list(`/api/v1/serviceinsertion/services/${serviceId}/service-deployments`);
  const deploymentsOf = async (cluster: string) =>
    (await deployments()).filter((d) => d.display_name === `ksv-dc2-nsxt-${cluster}`);

  beforeAll(async () => {
    // The first three requests get 503: the first apply must retry through them.
    sim = await SimulatorProcess.start({
      user: USER,
      password: PASSWORD,
      partnerService: "Kaspersky Network Protection",
      partnerOvfs: [
        { name: "ntp-6-2", url: IMAGE_62 },
        { name: "ntp-6-3", url: IMAGE_63 },
      ],
      vendorTemplates: ["ksv-ntp"],
      inventory: INVENTORY,
      deployMs: 1500,
      unavailableFirst: 3,
    });
    scenario.synth(estate());
    scenario.apply("dc2-nsxt", { env: env() });
    serviceId = (await sim.list("/api/v1/serviceinsertion/services"))[0].id;
  });

  afterAll(() => sim.close());

  test("from scratch (through three 503s): the segment, one deployment per cluster, the introspection objects", async () => {
    expect(await sim.list("/policy/api/v1/infra/segments/service-segments")).toHaveLength(1);
    const all = await deployments();
    expect(all.map((d) => d.display_name).sort()).toEqual([
      "ksv-dc2-nsxt-edge-a",
      "ksv-dc2-nsxt-edge-b",
    ]);
    for (const d of all) {
      const status = await sim.request(
        "GET",
        `/api/v1/serviceinsertion/services/${serviceId}/service-deployments/${d.id}/status`,
      );
      expect(status.body.deployment_status).toBe("DEPLOYMENT_SUCCESSFUL");
    }
    expect(await sim.list("/policy/api/v1/infra/service-chains")).toEqual([
      expect.objectContaining({ failure_policy: "ALLOW" }),
    ]);
    expect(
      (await sim.list("/policy/api/v1/infra/domains/default/groups")).map((g) => g.display_name),
    ).toContain("web");
    const policies = await sim.list("/policy/api/v1/infra/domains/default/redirection-policies");
    expect(policies).toHaveLength(1);
    expect(scenario.plan("dc2-nsxt", { env: env() }).hasChanges).toBe(false);
  });

  test("a wrong password: the apply fails with one clear line, and the password appears nowhere", () => {
    scenario.synth(estate({ webMembers: [{ tag: "web" }, { tag: "frontend" }] }));
    const wrong = "Wrong-Passw0rd-7c1e";
    let message = "";
    try {
      scenario.apply("dc2-nsxt", { env: env(wrong) });
    } catch (error) {
      message = (error as Error).message.replace(/\s+/g, " "); // Terraform wraps at 80 columns
    }
    expect(message).toContain("ksv-nsxt-hook applyGroup: NSX Manager http://127.0.0.1:");
    expect(message).toContain(
      "The credentials were incorrect or the account specified has been locked. (NSX answers 403 to refused credentials: check NSX_USERNAME and NSX_PASSWORD, and the account's role)",
    );
    expect(message).not.toContain(wrong);
    expect(message).not.toContain(PASSWORD);
    // With the right one the same change applies: one applyGroup.
    expect(changesOf(scenario.apply("dc2-nsxt", { env: env() }))).toEqual({
      'terraform_data.group_members["web"]': "delete+create",
    });
  });

  test("a new image: each cluster's deployment upgraded in place (same id, new spec), no re-registration", async () => {
    const before = await deployments();
    scenario.synth(estate({ image: IMAGE_63, webMembers: [{ tag: "web" }, { tag: "frontend" }] }));
    const plan = scenario.apply("dc2-nsxt", { env: env() });
    expect(Object.keys(changesOf(plan)).sort()).toEqual([
      'terraform_data.svm_image["edge-a"]',
      'terraform_data.svm_image["edge-b"]',
    ]);
    const after = await deployments();
    expect(after.map((d) => d.id).sort()).toEqual(before.map((d) => d.id).sort());
    expect(new Set(after.map((d) => d.deployment_spec_name))).toEqual(new Set(["ntp-6-3"]));
  });

  test("adopt a running deployment: no new deployment, and the next plan is empty", async () => {
    const before = (await deployments()).map((d) => d.id).sort();
    fs.rmSync(path.join(scenario.dir, "terraform.dc2-nsxt.tfstate"));
    const adopted = await project.ksv(["adopt", "dc2-nsxt"], env());
    expect(adopted.stderr).not.toContain("refused");
    expect(adopted.code).toBe(0);
    expect((await deployments()).map((d) => d.id).sort()).toEqual(before);
    expect(scenario.plan("dc2-nsxt", { env: env() }).hasChanges).toBe(false);
  });

  test("a deployment deleted through the API: ksv drift names the cluster", async () => {
    const [edgeB] = await deploymentsOf("edge-b");
    const deleted = await sim.request(
      "DELETE",
      `/api/v1/serviceinsertion/services/${serviceId}/service-deployments/${edgeB.id}`,
    );
    expect(deleted.status).toBe(202);
    for (let i = 0; i < 100 && (await deploymentsOf("edge-b")).length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const drift = await project.ksv(["drift"], env());
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain("Cluster `edge-b` has no service deployment");
  });

  test("terraform apply killed while a deployment is in progress, then run again: exactly one deployment", async () => {
    scenario.synth(
      estate({
        image: IMAGE_63,
        clusters: [...CLUSTERS, EDGE_C],
        webMembers: [{ tag: "web" }, { tag: "frontend" }],
      }),
    );
    const dir = scenario.stackDir("dc2-nsxt");
    const apply = spawn("terraform", ["apply", "-auto-approve", "-input=false", "-no-color"], {
      cwd: dir,
      env: { ...process.env, ...env(), TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" },
      detached: true,
      stdio: "ignore",
    });
    for (let i = 0; i < 200 && (await deploymentsOf("edge-c")).length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    process.kill(-apply.pid!, "SIGKILL");
    await new Promise((resolve) => apply.once("exit", resolve));
    expect(await deploymentsOf("edge-c")).toHaveLength(1);
    scenario.apply("dc2-nsxt", { env: env() });
    expect(await deploymentsOf("edge-c")).toHaveLength(1);
    expect(await deploymentsOf("edge-a")).toHaveLength(1);
  });

  test("destroy removes what the hooks created", async () => {
    scenario.apply("dc2-nsxt", { env: env(), destroy: true });
    expect(await deployments()).toEqual([]);
    expect(await sim.list("/policy/api/v1/infra/segments/service-segments")).toEqual([]);
    expect(await sim.list("/policy/api/v1/infra/service-chains")).toEqual([]);
    expect(await sim.list("/policy/api/v1/infra/domains/default/redirection-policies")).toEqual([]);
    const groups = await sim.list("/policy/api/v1/infra/domains/default/groups");
    expect(groups.filter((g) => g.id.startsWith("ksv-"))).toEqual([]);
  });
});
