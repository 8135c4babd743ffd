import { UserError } from "../../lib/cli/run-command";
import { estateOf, nsxtManager, nsxvManager, type EstateInput } from "../support/estates";
import { changesOf, Scenario } from "../support/scenario";
import { LIFECYCLE_HOOKS } from "../../lib/contract";

/*
 * Hooks drive a site's own scripts at each step. These tests run them for real (local-exec under
 * terraform apply) and read what they logged.
 */

/** Every hook appends one line: the step and the context it saw in its environment. */
const loggingHooks = Object.fromEntries(
  LIFECYCLE_HOOKS.map((hook) => [
    hook,
    `printf '%s mode=%s cluster=%s hosts=%s pool=%s cred=%s\\n' "$KSV_HOOK" "\${KSV_TRAFFIC_MODE:-}" "\${KSV_CLUSTER:-}" "\${KSV_HOSTS:-}" "\${KSV_IP_POOL:-}" "\${NSX_PASSWORD:+set}" >> "$HOOK_LOG"`,
  ]),
);

const dc1Clusters = [
  {
    name: "prod-a",
    datastore: "ds-a",
    network: "pg-mgmt",
    ipPool: "svm-pool-a",
    hosts: ["esx-a2.dc1-nsxv.local", "esx-a1.dc1-nsxv.local"],
  },
  { name: "prod-b", datastore: "ds-b", network: "pg-mgmt", hosts: ["esx-b1.dc1-nsxv.local"] },
];

function estate(trafficMode: string, hooks: Record<string, string> = loggingHooks): EstateInput {
  return estateOf([nsxvManager("dc1-nsxv", { trafficMode, clusters: dc1Clusters })], { hooks });
}

const line = (hook: string, mode: string, cluster = "", hosts = "", pool = "") =>
  `${hook} mode=${mode} cluster=${cluster} hosts=${hosts} pool=${pool} cred=set`;
const deployA = (mode: string) =>
  line("deploySvms", mode, "prod-a", "esx-a1.dc1-nsxv.local,esx-a2.dc1-nsxv.local", "svm-pool-a");
const deployB = (mode: string) => line("deploySvms", mode, "prod-b", "esx-b1.dc1-nsxv.local");

describe("hooks during a traffic-mode change", () => {
  const scenario = new Scenario("hooks", {
    env: { NSX_PASSWORD: "from-the-terraform-environment" },
  });
  let firstApply: string[];
  let log: string[];

  beforeAll(() => {
    scenario.synth(estate("standard"));
    scenario.apply("dc1-nsxv");
    firstApply = scenario.takeHookLog();
    scenario.synth(estate("monitoring"));
    scenario.apply("dc1-nsxv");
    log = scenario.takeHookLog();
  });

  test("the first apply: register, the SVMs of each cluster (with its hosts and IP pool), their image (a no-op upgrade), objects, policy", () => {
    expect([...firstApply].sort()).toEqual(
      [
        line("register", "standard"),
        deployA("standard"),
        deployB("standard"),
        "upgradeSvms mode= cluster=prod-a hosts= pool= cred=set",
        "upgradeSvms mode= cluster=prod-b hosts= pool= cred=set",
        line("createObjects", "standard"),
        "applyPolicy mode= cluster= hosts= pool= cred=set",
      ].sort(),
    );
  });

  test("run exactly the documented procedure, in order: each step once per instance", () => {
    const removals = log.slice(0, 3);
    const creations = log.slice(5);
    expect(removals[0]).toBe(line("removeObjects", "standard"));
    expect([...removals.slice(1)].sort()).toEqual([
      line("removeSvms", "standard", "prod-a", "", "svm-pool-a"),
      line("removeSvms", "standard", "prod-b"),
    ]);
    expect(log.slice(3, 5)).toEqual([
      line("unregister", "standard"),
      line("register", "monitoring"),
    ]);
    expect([...creations.slice(0, 2)].sort()).toEqual([
      deployA("monitoring"),
      deployB("monitoring"),
    ]);
    expect(creations.slice(2)).toEqual([line("createObjects", "monitoring")]);
  });

  test("the policy is not re-applied by a mode change", () => {
    expect(log.some((l) => l.startsWith("applyPolicy"))).toBe(false);
  });

  test("credentials reach the scripts from terraform's environment, not from any file", () => {
    expect([...firstApply, ...log].every((l) => l.endsWith("cred=set"))).toBe(true);
  });

  test("a host added or removed: no replacement and no hook", () => {
    const changed = estate("monitoring");
    changed.managers[0].clusters = [
      { ...dc1Clusters[0], hosts: ["esx-a1.dc1-nsxv.local", "esx-a3.dc1-nsxv.local"] },
      dc1Clusters[1],
    ];
    scenario.synth(changed);
    expect(changesOf(scenario.apply("dc1-nsxv"))).toEqual({});
    expect(scenario.takeHookLog()).toEqual([]);
  });
});

describe("hooks of an NSX-T stack: the service segment first and last", () => {
  const scenario = new Scenario("hooks-nsxt");
  const nsxt = () => estateOf([nsxtManager("dc2-nsxt")], { hooks: loggingHooks });

  test("createSegment runs before any deploySvms", () => {
    scenario.synth(nsxt());
    scenario.apply("dc2-nsxt");
    const log = scenario.takeHookLog().map((l) => l.split(" ")[0]);
    const firstDeploy = log.indexOf("deploySvms");
    expect(log.indexOf("createSegment")).toBeGreaterThanOrEqual(0);
    expect(firstDeploy).toBeGreaterThan(log.indexOf("createSegment"));
    expect(log.filter((hook) => hook === "deploySvms")).toHaveLength(2);
  });

  test("destroy: removeSegment after every removeSvms", () => {
    scenario.apply("dc2-nsxt", { destroy: true });
    const log = scenario.takeHookLog().map((l) => l.split(" ")[0]);
    expect(log.filter((hook) => hook === "removeSvms")).toHaveLength(2);
    expect(log.indexOf("removeSegment")).toBeGreaterThan(log.lastIndexOf("removeSvms"));
    expect(log.indexOf("unregister")).toBeGreaterThan(log.lastIndexOf("removeSvms"));
    expect(log.indexOf("removeObjects")).toBeLessThan(log.indexOf("removeSvms"));
  });
});

describe("a failing hook", () => {
  const scenario = new Scenario("failing-hook");
  const failingDeploy =
    `if [ "$KSV_CLUSTER" = prod-b ]; then echo "cannot reach the datastore of $KSV_CLUSTER" >&2; exit 3; fi; ` +
    `printf 'deployed %s\\n' "$KSV_CLUSTER" >> "$HOOK_LOG"`;

  test("fails the apply with Terraform's error and the command's output", () => {
    scenario.synth(estate("standard", { deploySvms: failingDeploy }));
    let failure: unknown;
    try {
      scenario.apply("dc1-nsxv");
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(UserError);
    // Terraform wraps its messages at 80 columns
    const message = (failure as Error).message.replace(/\s+/g, " ");
    expect(message).toContain("Error: local-exec provisioner error");
    expect(message).toContain('terraform_data.deployment["prod-b"]');
    expect(message).toContain("cannot reach the datastore of prod-b");
    expect(message).toContain("exit status 3");
  });

  test("after fixing the hook, a re-apply converges: the failed cluster is redeployed, nothing else", () => {
    scenario.takeHookLog();
    scenario.synth(
      estate("standard", { deploySvms: `printf 'deployed %s\\n' "$KSV_CLUSTER" >> "$HOOK_LOG"` }),
    );
    const retry = scenario.apply("dc1-nsxv");
    // the failed instance is tainted, so it is replaced; what waits for the SVMs follows (the
    // failed apply stopped before any image was recorded)
    expect(changesOf(retry)).toEqual({
      'terraform_data.deployment["prod-b"]': "delete+create",
      'terraform_data.svm_image["prod-a"]': "create",
      'terraform_data.svm_image["prod-b"]': "create",
      "terraform_data.nsx_objects": "create",
    });
    expect(scenario.takeHookLog()).toEqual(["deployed prod-b"]);
    expect(scenario.plan("dc1-nsxv").hasChanges).toBe(false);
  });
});
