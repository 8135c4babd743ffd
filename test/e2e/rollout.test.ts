import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { terraform } from "../../lib/terraform/terraform-cli";
import { nsxvManager } from "../support/estates";
import { INVENTORY_HOOKS, InventoryProject, inventoryEstate } from "../support/inventory";
import { Scenario } from "../support/scenario";
import { repoRoot } from "../support/workspace";

/*
 * ksv rollout on one NSX-V manager of four clusters (3, 3, 2 and 2 hosts), with the real
 * terraform and the example hooks as NSX: SVM upgrades reviewed with npm run plan-review's
 * saved plans, then rolled out in waves of at most 4 hosts. The hook log says what NSX was asked
 * and in which order; the inventory says which image each cluster's SVMs run.
 */

const image = (version: string) => `https://repo.example.local/ksv/ntp-svm-${version}.ovf`;
const hosts = (cluster: string, count: number) =>
  Array.from({ length: count }, (_, i) => `esx-${cluster}${i + 1}.dc1.local`);
const clusters = (
  [
    ["a", 3],
    ["b", 3],
    ["c", 2],
    ["d", 2],
  ] as const
).map(([c, n]) => ({
  name: `prod-${c}`,
  datastore: `ds-${c}`,
  network: "pg-mgmt",
  hosts: hosts(c, n),
}));
/** Web categories that need no Global KSN: the estate loads without warnings. */
const policy = { webAddresses: { categories: ["malicious", "phishing"] } };
/**
 * upgradeSvms says it started, then, when the rollout runs with SLOW_UPGRADE set, takes its time:
 * long enough to kill the rollout in the middle of a wave. (An environment variable, not a file:
 * hooks run in the stack's folder, where a file of the project is not.)
 */
const hooks = {
  ...INVENTORY_HOOKS,
  upgradeSvms: `echo "started $KSV_CLUSTER" >> "$KSV_HOOK_LOG"; if [ -n "$SLOW_UPGRADE" ]; then sleep 5; fi; ${INVENTORY_HOOKS.upgradeSvms}`,
};
const estate = (version: string, overrides: Record<string, unknown> = {}) =>
  inventoryEstate(
    [nsxvManager("dc1-nsxv", { svmImageUrl: image(version), clusters, policy, ...overrides })],
    { hooks },
  );

describe("ksv rollout: a reviewed upgrade in waves of whole clusters", () => {
  const scenario = new Scenario("rollout");
  const project = new InventoryProject(scenario.dir);
  const imagesRunning = () =>
    Object.fromEntries(
      Object.entries(project.read().managers["dc1-nsxv"].deployments ?? {}).map(([c, d]) => [
        c,
        d.image,
      ]),
    );
  const upgrades = () =>
    project
      .takeHookLog()
      .filter((line) => line.startsWith("upgradeSvms"))
      .map((line) => line.split(" ")[2]);
  /** The estate at `version`, reviewed as a pull request would be (plans saved). */
  const review = async (version: string, overrides: Record<string, unknown> = {}) => {
    scenario.synth(estate(version, overrides));
    const reviewed = await project.ksv(["plan-review", "--manager", "dc1-nsxv"]);
    expect(reviewed.stderr).not.toContain("ksv plan-review:");
    expect([0, 2]).toContain(reviewed.code);
  };
  const rollout = (max: number, env: Record<string, string> = {}) =>
    project.ksv(["rollout", "dc1-nsxv", "--max-unprotected-hosts", String(max)], env);

  beforeAll(() => {
    scenario.synth(estate("v1"));
    scenario.apply("dc1-nsxv", { env: project.env });
    project.takeHookLog();
  });

  test("a cluster larger than the budget is refused by name and size before anything is applied", async () => {
    // With the upgrade, a policy change: no host is without an SVM for it, so it goes last.
    await review("v2", { policy: { ...policy, networkAttack: { action: "ignore" } } });
    const refused = await rollout(2);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "ksv rollout: nothing applied: dc1-nsxv: cluster prod-a has 3 hosts, more than --max-unprotected-hosts 2: a wave holds whole clusters; cluster prod-b has 3 hosts, more than --max-unprotected-hosts 2",
    );
    expect(project.takeHookLog()).toEqual([]);
    expect(new Set(Object.values(imagesRunning()))).toEqual(new Set([image("v1")]));
  });

  test("three waves, each verified before the next: prod-a, then prod-b, then prod-c with prod-d", async () => {
    const run = await rollout(4);
    expect(run.stderr).not.toContain("ksv rollout: nothing applied");
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      "ksv rollout: dc1-nsxv: 3 waves of at most 4 hosts: 1) prod-a (3 hosts) 2) prod-b (3 hosts) 3) prod-c, prod-d (4 hosts)",
    );
    expect(run.stderr).toMatch(/wave 1\/3: prod-a \(3 hosts\): applied in [\d.]+ s, verified/);
    expect(run.stdout).toBe(
      "ksv rollout: dc1-nsxv: done: 3 waves applied and verified, then the rest of the reviewed change\n",
    );
    expect(project.read().managers["dc1-nsxv"].policy).toMatchObject({
      networkAttack: { action: "ignore" },
    });
    const order = upgrades();
    expect(order.slice(0, 2)).toEqual(["prod-a", "prod-b"]);
    expect(order.slice(2).sort()).toEqual(["prod-c", "prod-d"]);
    expect(new Set(Object.values(imagesRunning()))).toEqual(new Set([image("v2")]));
    expect(scenario.plan("dc1-nsxv", { env: project.env }).hasChanges).toBe(false);
  });

  test("a wave NSX does not confirm stops the rollout; run again, it applies that wave again and goes on", async () => {
    await review("v3");
    const stopped = await rollout(4, { KSV_EXAMPLE_BROKEN_UPGRADE: "prod-b" });
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toContain(
      "ksv rollout: dc1-nsxv: stopped: wave 2 is applied but NSX does not confirm it:",
    );
    expect(stopped.stdout).toContain(
      `  - The SVMs of cluster prod-b run ${image("v2")}; expected ${image("v3")}`,
    );
    expect(stopped.stdout).toContain("  done: wave 1 (prod-a (3 hosts))");
    expect(stopped.stdout).toContain(
      "  not done: wave 2 (prod-b (3 hosts)), wave 3 (prod-c, prod-d (4 hosts))",
    );
    expect(upgrades()).toEqual(["prod-a", "prod-b"]);
    expect(imagesRunning()).toEqual({
      "prod-a": image("v3"),
      "prod-b": image("v2"),
      "prod-c": image("v2"),
      "prod-d": image("v2"),
    });

    const resumed = await rollout(4);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain("wave 1/3: prod-a (3 hosts): already applied and verified");
    expect(resumed.stderr).toContain(
      "wave 2/3: prod-b (3 hosts): applied before but not verified; applying it again",
    );
    const order = upgrades();
    expect(order[0]).toBe("prod-b");
    expect(order.slice(1).sort()).toEqual(["prod-c", "prod-d"]);
    expect(new Set(Object.values(imagesRunning()))).toEqual(new Set([image("v3")]));
  });

  test("killed in the middle of a wave: run again, it goes on from that wave", async () => {
    await review("v3k");
    const killed = spawn(
      process.execPath,
      [path.join(repoRoot, "bin", "ksv.js"), "rollout", "dc1-nsxv", "--max-unprotected-hosts", "4"],
      {
        cwd: scenario.dir,
        env: {
          ...process.env,
          KSV_ESTATE: "estate.json",
          CHECKPOINT_DISABLE: "1",
          SLOW_UPGRADE: "1",
          ...project.env,
        },
        detached: true,
        stdio: "ignore",
      },
    );
    const started = () =>
      fs.existsSync(project.hookLog) &&
      fs.readFileSync(project.hookLog, "utf8").includes("started prod-b");
    while (!started()) await new Promise((resolve) => setTimeout(resolve, 50));
    process.kill(-killed.pid!, "SIGKILL"); // the rollout, terraform and the hook with it
    await new Promise((resolve) => killed.once("exit", resolve));
    expect(imagesRunning()["prod-b"]).toBe(image("v3"));
    project.takeHookLog();

    const resumed = await rollout(4);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain("wave 1/3: prod-a (3 hosts): already applied and verified");
    const order = upgrades();
    expect(order[0]).toBe("prod-b");
    expect(order.slice(1).sort()).toEqual(["prod-c", "prod-d"]);
    expect(new Set(Object.values(imagesRunning()))).toEqual(new Set([image("v3k")]));
  });

  test("a wave whose plan holds what the review does not is refused, not applied", async () => {
    await review("v4");
    // The state loses prod-a's deployment after the review: its wave would deploy its SVMs
    // again (deploySvms), which the review did not show.
    terraform(
      scenario.stackDir("dc1-nsxv"),
      ["state", "rm", 'terraform_data.deployment["prod-a"]'],
      { env: project.env },
    );
    const refused = await rollout(4);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'terraform_data.deployment["prod-a"]: create, which the reviewed plan does not do',
    );
    expect(upgrades()).toEqual([]);
  });

  test("a traffic-mode change cannot be split; a stack changed since its review is refused", async () => {
    await review("v4", { trafficMode: "monitoring" });
    const unsplittable = await rollout(4);
    expect(unsplittable.code).toBe(1);
    expect(unsplittable.stderr).toContain(
      "ksv rollout: nothing applied: dc1-nsxv: the change cannot be split into waves of clusters: Traffic mode changes from standard to monitoring",
    );
    expect(unsplittable.stderr).toContain("(10 hosts); apply it with ksv apply dc1-nsxv");

    scenario.synth(estate("v5"));
    const changed = await rollout(4);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain(
      "ksv rollout: nothing applied: stack dc1-nsxv changed since the review",
    );
    expect(project.takeHookLog()).toEqual([]);
    expect(fs.existsSync(path.join(scenario.dir, "cdktf.out", "plans", "dc1-nsxv.tfplan"))).toBe(
      true,
    );
  });
});
