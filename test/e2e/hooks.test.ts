import { HOOK_NAMES } from "../../lib/estate/schema";
import { UserError } from "../../lib/cli/run-command";
import { estateOf, nsxvManager, type EstateInput } from "../support/estates";
import { changesOf, Scenario } from "../support/scenario";

/*
 * Hooks drive a site's own scripts at each step. These tests run them for real (local-exec under
 * terraform apply) and read what they logged.
 */

/** Every hook appends one line: the step and the context it saw in its environment. */
const loggingHooks = Object.fromEntries(
  HOOK_NAMES.map((hook) => [
    hook,
    `printf '%s mode=%s host=%s cred=%s\\n' "$KSV_HOOK" "\${KSV_TRAFFIC_MODE:-}" "\${KSV_HOST:-}" "\${NSX_PASSWORD:+set}" >> "$HOOK_LOG"`,
  ]),
);

const hosts = ["esx-a1.dc1-nsxv.local", "esx-a2.dc1-nsxv.local", "esx-b1.dc1-nsxv.local"];

function estate(trafficMode: string, hooks: Record<string, string> = loggingHooks): EstateInput {
  return estateOf([nsxvManager("dc1-nsxv", { trafficMode })], { hooks });
}

describe("hooks during a traffic-mode change", () => {
  const scenario = new Scenario("hooks", {
    env: { NSX_PASSWORD: "from-the-terraform-environment" },
  });
  let log: string[];

  beforeAll(() => {
    scenario.synth(estate("standard"));
    scenario.apply("dc1-nsxv");
    const firstApply = scenario.takeHookLog();
    expect(firstApply).toContain("register mode=standard host= cred=set");
    scenario.synth(estate("monitoring"));
    scenario.apply("dc1-nsxv");
    log = scenario.takeHookLog();
  });

  const position = (line: string) => {
    const index = log.indexOf(line);
    if (index < 0) throw new Error(`hook log has no line "${line}":\n${log.join("\n")}`);
    return index;
  };

  test("run exactly the documented procedure, each step once per instance", () => {
    expect([...log].sort()).toEqual(
      [
        "removeObjects mode=standard host= cred=set",
        ...hosts.map((h) => `removeSvm mode=standard host=${h} cred=set`),
        "unregister mode=standard host= cred=set",
        "register mode=monitoring host= cred=set",
        ...hosts.map((h) => `deploySvm mode=monitoring host=${h} cred=set`),
        "createObjects mode=monitoring host= cred=set",
      ].sort(),
    );
  });

  test("in the documented order: removals, unregister, register, deployments", () => {
    const unregister = position("unregister mode=standard host= cred=set");
    const register = position("register mode=monitoring host= cred=set");
    for (const h of hosts)
      expect(position(`removeSvm mode=standard host=${h} cred=set`)).toBeLessThan(unregister);
    expect(position("removeObjects mode=standard host= cred=set")).toBeLessThan(unregister);
    expect(unregister).toBeLessThan(register);
    for (const h of hosts)
      expect(position(`deploySvm mode=monitoring host=${h} cred=set`)).toBeGreaterThan(register);
    expect(position("createObjects mode=monitoring host= cred=set")).toBeGreaterThan(register);
  });

  test("destroy-time hooks see the old traffic mode, create-time hooks the new one", () => {
    expect(
      log
        .filter((l) => /^(unregister|removeSvm|removeObjects) /.test(l))
        .every((l) => l.includes("mode=standard")),
    ).toBe(true);
    expect(
      log
        .filter((l) => /^(register|deploySvm|createObjects) /.test(l))
        .every((l) => l.includes("mode=monitoring")),
    ).toBe(true);
  });

  test("the policy is not re-applied by a mode change", () => {
    expect(log.some((l) => l.startsWith("applyPolicy"))).toBe(false);
  });

  test("credentials reach the scripts from terraform's environment, not from any file", () => {
    expect(log.every((l) => l.endsWith("cred=set"))).toBe(true);
  });
});

describe("a failing hook", () => {
  const scenario = new Scenario("failing-hook");
  const failingDeploy =
    `if [ "$KSV_HOST" = esx-a2.dc1-nsxv.local ]; then echo "cannot reach $KSV_HOST on port 443" >&2; exit 3; fi; ` +
    `printf 'deployed %s\\n' "$KSV_HOST" >> "$HOOK_LOG"`;

  test("fails the apply with Terraform's error and the command's output", () => {
    scenario.synth(estate("standard", { deploySvm: failingDeploy }));
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
    expect(message).toContain('terraform_data.svm["esx-a2.dc1-nsxv.local"]');
    expect(message).toContain("cannot reach esx-a2.dc1-nsxv.local on port 443");
    expect(message).toContain("exit status 3");
  });

  test("after fixing the hook, a re-apply converges: the failed SVM is redeployed, nothing else", () => {
    scenario.takeHookLog();
    scenario.synth(
      estate("standard", { deploySvm: `printf 'deployed %s\\n' "$KSV_HOST" >> "$HOOK_LOG"` }),
    );
    const retry = scenario.apply("dc1-nsxv");
    // the failed instance is tainted, so it is replaced; the objects that wait for the SVMs follow
    expect(changesOf(retry)).toEqual({
      'terraform_data.svm["esx-a2.dc1-nsxv.local"]': "delete+create",
      "terraform_data.nsx_objects": "create",
    });
    expect(scenario.takeHookLog()).toEqual(["deployed esx-a2.dc1-nsxv.local"]);
    expect(scenario.plan("dc1-nsxv").hasChanges).toBe(false);
  });
});
