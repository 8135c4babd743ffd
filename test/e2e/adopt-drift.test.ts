import * as fs from "fs";
import * as path from "path";
import { terraform } from "../../lib/terraform/terraform-cli";
import { nsxtManager, nsxvManager } from "../support/estates";
import { InventoryProject, inventoryEstate } from "../support/inventory";
import { PostgresServer } from "../support/postgres";
import { changesOf, Scenario } from "../support/scenario";
import { repoRoot } from "../support/workspace";

/*
 * Sites already run Kaspersky Security for Virtualization. ksv adopt records a running
 * deployment in the state without running a hook; ksv drift tells when NSX and KSC stop looking
 * like the estate. "NSX and KSC" are the example hooks' inventory file; terraform is real.
 */

const estate = (dc1: Record<string, unknown> = {}) =>
  inventoryEstate([nsxvManager("dc1-nsxv", dc1), nsxtManager("dc2-nsxt")]);

const stateFiles = (scenario: Scenario) =>
  fs.readdirSync(scenario.dir).filter((file) => file.endsWith(".tfstate"));

/**
 * A site that deployed before this project: `deploy()` fills the inventory (NSX and KSC) with the
 * estate, then drops the state, as if it had been done by hand.
 */
function runningSite(prefix: string, dc1: Record<string, unknown> = {}) {
  const scenario = new Scenario(prefix);
  const project = new InventoryProject(scenario.dir);
  const options = { env: project.env };
  const deploy = () => {
    scenario.synth(estate(dc1));
    scenario.apply("dc1-nsxv", options);
    scenario.apply("dc2-nsxt", options);
    for (const file of stateFiles(scenario)) fs.rmSync(path.join(scenario.dir, file));
    project.takeHookLog();
  };
  return { scenario, project, options, deploy };
}

describe("ksv adopt of a running deployment that matches the estate", () => {
  const { scenario, project, options, deploy } = runningSite("adopt");
  let adopted: Awaited<ReturnType<InventoryProject["ksv"]>>;

  beforeAll(async () => {
    deploy();
    adopted = await project.ksv(["adopt", "--all"]);
  });

  test("records every resource and runs no hook: nothing in NSX or KSC is touched", () => {
    expect(adopted.stderr).not.toContain("unexpected error");
    expect(adopted.code).toBe(0);
    expect(adopted.stdout).toContain(
      "ksv adopt: dc1-nsxv: adopted 8 resources (2 × service-deployment, nsx-objects, protection-service, service-identity, 2 × svm-image, threat-policy); no hook ran",
    );
    expect(adopted.stdout).toContain(
      "ksv adopt: dc2-nsxt: adopted 9 resources (2 × service-deployment, nsx-objects, protection-service, service-identity, service-segment, 2 × svm-image, threat-policy)",
    );
    expect(project.takeHookLog()).toEqual([]);
    expect(stateFiles(scenario).sort()).toEqual([
      "terraform.dc1-nsxv.tfstate",
      "terraform.dc2-nsxt.tfstate",
    ]);
  });

  test("afterwards the plan is empty, outputs included", () => {
    for (const stack of ["dc1-nsxv", "dc2-nsxt"]) {
      const plan = scenario.plan(stack, options);
      expect(plan.hasChanges).toBe(false);
      expect(changesOf(plan)).toEqual({});
    }
  });

  test("adopting an adopted stack says so and changes nothing", async () => {
    const state = fs.readFileSync(path.join(scenario.dir, "terraform.dc1-nsxv.tfstate"), "utf8");
    const again = await project.ksv(["adopt", "dc1-nsxv"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(
      "ksv adopt: dc1-nsxv: already adopted: the state matches the estate; nothing changed\n",
    );
    expect(fs.readFileSync(path.join(scenario.dir, "terraform.dc1-nsxv.tfstate"), "utf8")).toBe(
      state,
    );
    expect(project.takeHookLog()).toEqual([]);
  });

  test("ksv drift finds no drift", async () => {
    const drift = await project.ksv(["drift"]);
    expect(drift.code).toBe(0);
    expect(drift.stdout).toContain("<!-- ksv-drift -->");
    expect(drift.stdout).toContain("No drift: 7 resources as expected.");
  });

  test("the README's example verify hook is a working one", async () => {
    const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### The verify hook"));
    const script = /```sh\n(#!\/bin\/sh\n[\s\S]*?)```/.exec(section)?.[1];
    expect(script).toBeDefined();
    const file = path.join(scenario.dir, "verify.sh");
    fs.writeFileSync(file, script!, { mode: 0o755 });
    const withReadmeHook = estate();
    withReadmeHook.hooks = { ...(withReadmeHook.hooks as object), verify: file };
    scenario.synth(withReadmeHook);
    const drift = await project.ksv(["drift"]);
    expect(drift.stdout).toContain("No drift: 7 resources as expected.");
    expect(drift.code).toBe(0);
    scenario.synth(estate());
  });

  test("later changes behave as for a stack deployed from scratch: a mode change runs the whole procedure", () => {
    scenario.synth(estate({ trafficMode: "monitoring" }));
    scenario.apply("dc1-nsxv", options);
    const log = project.takeHookLog().map((line) => line.split(" ")[0]);
    expect(log).toEqual([
      "removeObjects",
      "removeSvms",
      "removeSvms",
      "unregister",
      "register",
      "deploySvms",
      "deploySvms",
      "createObjects",
    ]);
    expect(project.read().managers["dc1-nsxv"].service?.trafficMode).toBe("monitoring");
  });
});

describe("ksv drift after the fact", () => {
  const { project, deploy } = runningSite("drift");

  beforeAll(async () => {
    deploy();
    expect((await project.ksv(["adopt", "--all"])).code).toBe(0);
    project.edit((inventory) => {
      const dc1 = inventory.managers["dc1-nsxv"];
      dc1.deployments!["prod-a"].hosts = ["esx-a1.dc1-nsxv.local"]; // esx-a2's SVM is gone
      dc1.deployments!["prod-b"].hosts.push("esx-b7.dc1-nsxv.local"); // a host nobody listed
      dc1.service!.trafficMode = "monitoring"; // re-registered by hand
      delete inventory.managers["dc2-nsxt"].segment;
    });
  });

  test("finds a removed SVM, an extra host and a re-registered mode: exit 2", async () => {
    const drift = await project.ksv(["drift", "--format", "json"]);
    expect(drift.code).toBe(2);
    const report = JSON.parse(drift.stdout);
    expect(report).toMatchObject({ version: 1, drift: true, exitCode: 2 });
    const dc1 = report.managers.find((m: { name: string }) => m.name === "dc1-nsxv");
    expect(
      dc1.findings.map((f: Record<string, unknown>) => [
        f.id,
        f.cluster,
        f.host,
        f.expected,
        f.found,
      ]),
    ).toEqual([
      ["service-mode-differs", null, null, "standard", "monitoring"],
      ["svm-missing", "prod-a", "esx-a2.dc1-nsxv.local", "SVM running", null],
      ["svm-unexpected", "prod-b", "esx-b7.dc1-nsxv.local", "not listed", "SVM running"],
    ]);
    const dc2 = report.managers.find((m: { name: string }) => m.name === "dc2-nsxt");
    expect(dc2.findings.map((f: { id: string }) => f.id)).toEqual(["segment-missing"]);
    expect(project.takeHookLog()).toEqual([]);
  });

  test("the markdown says it where people read it, one manager at a time", async () => {
    const drift = await project.ksv(["drift", "dc1-nsxv"]);
    expect(drift.code).toBe(2);
    expect(drift.stdout.split("\n")[0]).toBe("<!-- ksv-drift -->");
    expect(drift.stdout).toContain(
      "- Host `esx-a2.dc1-nsxv.local` of cluster `prod-a` has no running SVM.",
    );
    expect(drift.stdout).toContain(
      "- The protection service is registered in `monitoring` mode; expected `standard`.",
    );
    expect(drift.stdout).not.toContain("dc2-nsxt");
  });
});

describe("ksv adopt refuses when what runs differs from the estate", () => {
  test("a traffic-mode mismatch: both modes and the two ways forward, nothing written", async () => {
    const { scenario, project, deploy } = runningSite("adopt-mode", { trafficMode: "monitoring" });
    deploy();
    scenario.synth(estate()); // the estate says standard; monitoring is registered
    const refused = await project.ksv(["adopt", "dc1-nsxv"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("ksv adopt: nothing was written (no state, no hook ran):");
    expect(refused.stderr).toContain(
      "The protection service is registered in monitoring mode; expected standard.",
    );
    expect(refused.stderr).toContain(
      "1. Adopt what runs: set trafficMode: monitoring for dc1-nsxv",
    );
    expect(refused.stderr).toContain("2. Let a normal deploy re-register: cdktf deploy dc1-nsxv");
    expect(refused.stderr).not.toMatch(/^\s+at /m);
    expect(stateFiles(scenario)).toEqual([]);
    expect(project.takeHookLog()).toEqual([]);
  });

  test("a stack whose state differs from the estate is not adopt's to change", async () => {
    const { scenario, project, deploy } = runningSite("adopt-state");
    deploy();
    expect((await project.ksv(["adopt", "dc1-nsxv"])).code).toBe(0);
    const state = fs.readFileSync(path.join(scenario.dir, "terraform.dc1-nsxv.tfstate"), "utf8");
    scenario.synth(estate({ trafficMode: "monitoring" }));
    const refused = await project.ksv(["adopt", "dc1-nsxv"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("its state is not empty and differs from the estate");
    expect(refused.stderr).toContain("terraform_data.service: replace");
    expect(fs.readFileSync(path.join(scenario.dir, "terraform.dc1-nsxv.tfstate"), "utf8")).toBe(
      state,
    );
  });

  test("an adopt interrupted after recording part of a stack converges when run again", async () => {
    const { scenario, project, options, deploy } = runningSite("adopt-resume");
    deploy();
    expect((await project.ksv(["adopt", "dc1-nsxv"])).code).toBe(0);
    // What an adopt killed mid-apply leaves: some resources recorded, the rest not.
    terraform(
      scenario.stackDir("dc1-nsxv"),
      ["state", "rm", 'terraform_data.deployment["prod-b"]', "terraform_data.nsx_objects"],
      options,
    );
    const resumed = await project.ksv(["adopt", "dc1-nsxv"]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain("adopted 2 resources (service-deployment, nsx-objects)");
    expect(scenario.plan("dc1-nsxv", options).hasChanges).toBe(false);
    expect(project.takeHookLog()).toEqual([]);
  });
});

describe("the verify hook misbehaving: a clear error, never a stack trace", () => {
  const { scenario, project, deploy } = runningSite("verify-errors");
  beforeAll(async () => {
    deploy();
    expect((await project.ksv(["adopt", "dc1-nsxv"])).code).toBe(0);
  });
  const withVerify = (verify: string) => {
    const broken = estate();
    broken.hooks = { ...(broken.hooks as object), verify };
    scenario.synth(broken);
  };

  test.each([
    [
      "exits non-zero",
      'echo "NSX Manager said 401" >&2; exit 3',
      /verify hook of terraform_data\.(\S+) \(\S+\) on manager dc1-nsxv exited with 3; it said:\nNSX Manager said 401/,
    ],
    [
      "prints no JSON",
      "echo ok",
      /verify hook of .* on manager dc1-nsxv printed no JSON; it must print \{ "/,
    ],
    [
      "prints the wrong shape",
      'echo \'{"registered":"yes","present":1,"deployed":"x"}\'',
      /verify hook of .* on manager dc1-nsxv printed an object that does not fit \(/,
    ],
  ])(
    "%s: the manager could not be checked, said in the report; exit 1",
    async (_name, verify, message) => {
      withVerify(verify);
      const run = await project.ksv(["drift", "dc1-nsxv", "--format", "json"]);
      expect(run.code).toBe(1);
      expect(run.stderr).not.toContain("unexpected error");
      const [manager] = JSON.parse(run.stdout).managers;
      expect(manager).toMatchObject({ name: "dc1-nsxv", status: "failed", findings: [] });
      expect(manager.reason).toMatch(message);
    },
  );

  test("takes too long: the same, named as a time-out of that hook", async () => {
    withVerify("sleep 30");
    const run = await project.ksv(["drift", "dc1-nsxv", "--verify-timeout", "1"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("**Could not be checked**");
    expect(run.stdout).toMatch(/verify hook of .* on manager dc1-nsxv did not finish within 1 s/);
  });

  test("an estate without hooks.verify is told where it goes", async () => {
    const none = estate();
    delete (none.hooks as Record<string, string>).verify;
    scenario.synth(none);
    const run = await project.ksv(["adopt", "--all"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("ksv adopt: the estate has no hooks.verify");
  });
});

describe("ksv adopt with the pg backend", () => {
  let pg: PostgresServer;
  beforeAll(async () => {
    pg = await PostgresServer.start();
  });
  afterAll(() => pg?.stop());

  test("a mismatch writes no state row; a match records the stack in the team state", async () => {
    const scenario = new Scenario("adopt-pg");
    const project = new InventoryProject(scenario.dir);
    const env = { ...project.env, PG_CONN_STR: pg.connectionString };
    const pgEstate = (dc1: Record<string, unknown> = {}) =>
      inventoryEstate([nsxvManager("dc1-nsxv", dc1)], {
        backend: { type: "pg", schemaName: "adopt" },
      });
    // What runs: registered in monitoring mode, deployed before the team state existed.
    scenario.synth(pgEstate({ trafficMode: "monitoring" }));
    scenario.apply("dc1-nsxv", { env });
    pg.sql("terraform", "DELETE FROM adopt_dc1_nsxv.states"); // no team state yet
    project.takeHookLog();
    const rows = () => pg.sql("terraform", "SELECT count(*) FROM adopt_dc1_nsxv.states");
    expect(rows()).toBe("0");

    scenario.synth(pgEstate());
    const refused = await project.ksv(["adopt", "dc1-nsxv"], env);
    expect(refused.code).toBe(1);
    expect(rows()).toBe("0");

    scenario.synth(pgEstate({ trafficMode: "monitoring" }));
    const adopted = await project.ksv(["adopt", "dc1-nsxv"], env);
    expect(adopted.stderr).not.toContain("refused");
    expect(adopted.code).toBe(0);
    expect(rows()).toBe("1");
    expect(project.takeHookLog()).toEqual([]);
    expect(scenario.plan("dc1-nsxv", { env }).hasChanges).toBe(false);
  });
});
