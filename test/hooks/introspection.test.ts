import type { SimulatorClient } from "../simulator/simulator-client";
import {
  baseEnv,
  hookOk,
  MANAGER,
  runHook,
  startHook,
  startSimulator,
  verify,
} from "./hook-process";

const POLICY = "/policy/api/v1";
const CHAIN = `${POLICY}/infra/service-chains/ksv-${MANAGER}-chain`;
const REFERENCE = `${POLICY}/infra/service-references/ksv-${MANAGER}-service`;
const PROFILE = `${REFERENCE}/service-profiles/ksv-${MANAGER}-profile`;
const REDIRECTION = `${POLICY}/infra/domains/default/redirection-policies/ksv-${MANAGER}-redirection`;
const GROUP = (name: string) => `/infra/domains/default/groups/ksv-${MANAGER}-group-${name}`;

const WEB_MEMBERS = [
  { tag: "web" },
  { tag: "web", scope: "app" },
  { vmNameStartsWith: "web-" },
  { ipAddress: "10.0.8.0/24" },
];

const rule = (
  name: string,
  sources: string[],
  destinations: string[],
  direction: string,
  action: string,
) => ({ name, sources, destinations, direction, action });

const R1 = rule("web to db", ["web"], ["db"], "in-out", "redirect");
const R2 = rule("not from anywhere", ["any"], ["web"], "in", "do-not-redirect");
const R3 = rule("db out", ["db"], ["any"], "out", "redirect");

describe("ksv-nsxt-hook: introspection objects, groups and redirection rules", () => {
  let sim: SimulatorClient;
  let env: Record<string, string>;
  beforeAll(async () => {
    sim = await startSimulator();
    env = { ...baseEnv(sim), KSV_OBJECTS: "service-profile,service-chain,group,east-west-policy" };
  });
  afterAll(() => sim.close());

  const rules = (list: unknown[], failurePolicy: string) =>
    hookOk({
      ...env,
      KSV_HOOK: "applyRules",
      KSV_RULES: JSON.stringify(list),
      KSV_FAILURE_POLICY: failurePolicy,
    });

  it("createObjects needs the segment first, then builds reference, profile and chain", async () => {
    const early = await runHook({ ...env, KSV_HOOK: "createObjects", KSV_FAILURE_POLICY: "" });
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(
      /service segment .* does not exist.*createSegment hook creates it first/,
    );
    await hookOk({ ...env, KSV_HOOK: "createSegment" });
    expect(await verify(env, "nsx-objects")).toEqual({ present: false });
    await hookOk({ ...env, KSV_HOOK: "createObjects", KSV_FAILURE_POLICY: "" });
    await hookOk({ ...env, KSV_HOOK: "createObjects", KSV_FAILURE_POLICY: "" });
    expect((await sim.get(REFERENCE)).body.partner_service_name).toBe(
      "Kaspersky Network Protection",
    );
    expect((await sim.get(PROFILE)).body).toMatchObject({
      vendor_template_name: "ntp-default",
      redirection_action: "PUNT",
    });
    expect((await sim.get(CHAIN)).body).toMatchObject({
      failure_policy: "ALLOW",
      service_segment_path: [`/infra/segments/service-segments/ksv-${MANAGER}-segment`],
    });
    expect(await verify(env, "nsx-objects")).toEqual({ present: true });
  });

  it("applyGroup writes the members as an OR of criteria, idempotently; verify reads them back", async () => {
    const web = {
      ...env,
      KSV_HOOK: "applyGroup",
      KSV_GROUP: "web",
      KSV_GROUP_MEMBERS: JSON.stringify(WEB_MEMBERS),
    };
    await hookOk(web);
    await hookOk(web);
    await hookOk({ ...web, KSV_GROUP: "db", KSV_GROUP_MEMBERS: JSON.stringify([{ tag: "db" }]) });
    const group = (await sim.get(`${POLICY}${GROUP("web")}`)).body;
    expect(group.display_name).toBe("web");
    expect(
      group.expression.filter(
        (e: { resource_type: string }) => e.resource_type === "ConjunctionOperator",
      ),
    ).toHaveLength(3);
    expect(await verify(web, "group-members")).toEqual({ present: true, members: WEB_MEMBERS });
    expect(await verify({ ...web, KSV_GROUP: "nope" }, "group-members")).toEqual({
      present: false,
      members: [],
    });
    const bad = await runHook({ ...web, KSV_GROUP_MEMBERS: '[{"tag":"web","colour":"red"}]' });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toMatch(/KSV_GROUP_MEMBERS\[0\]: not a group member/);
  });

  it("applyRules refuses groups that do not exist, naming applyGroup", async () => {
    const result = await runHook({
      ...env,
      KSV_HOOK: "applyRules",
      KSV_RULES: JSON.stringify([rule("x", ["ghost"], ["any"], "in", "redirect")]),
      KSV_FAILURE_POLICY: "allow",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/groups "ghost" do not exist.*applyGroup hook/);
  });

  it("applyRules writes the rules in order, redirecting to the chain, with the failure policy", async () => {
    await rules([R1, R2, R3], "block");
    const policy = (await sim.get(REDIRECTION)).body;
    expect(policy.redirect_to).toEqual([`/infra/service-chains/ksv-${MANAGER}-chain`]);
    expect(policy.rules.map((r: { display_name: string }) => r.display_name)).toEqual([
      R1.name,
      R2.name,
      R3.name,
    ]);
    expect(policy.rules[0]).toMatchObject({
      source_groups: [GROUP("web")],
      destination_groups: [GROUP("db")],
      direction: "IN_OUT",
      action: "REDIRECT",
    });
    expect((await sim.get(CHAIN)).body.failure_policy).toBe("BLOCK");
    expect(await verify(env, "redirection-rules")).toEqual({
      present: true,
      failurePolicy: "block",
      rules: [R1, R2, R3],
    });
  });

  it("a failure-policy change and a new order keep the chain; rules gone from the list are removed", async () => {
    const chainBefore = (await sim.get(CHAIN)).body.unique_id;
    await rules([R3, R1], "allow");
    expect((await sim.get(CHAIN)).body).toMatchObject({
      unique_id: chainBefore,
      failure_policy: "ALLOW",
    });
    expect((await sim.get(PROFILE)).status).toBe(200);
    expect(await verify(env, "redirection-rules")).toEqual({
      present: true,
      failurePolicy: "allow",
      rules: [R3, R1],
    });
    expect((await sim.get(`${REDIRECTION}/rules`)).body.result_count).toBe(2);
  });

  it("removeGroup waits while a rule uses the group and finishes once applyRules drops it", async () => {
    const removing = startHook({
      ...env,
      KSV_HOOK: "removeGroup",
      KSV_GROUP: "db",
      NSX_GROUP_IN_USE_WAIT_SECONDS: "30",
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await sim.get(`${POLICY}${GROUP("db")}`)).status).toBe(200);
    await rules([rule("web only", ["web"], ["any"], "in-out", "redirect")], "allow");
    const result = await removing.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/still used by .*web to db/);
    expect((await sim.get(`${POLICY}${GROUP("db")}`)).status).toBe(404);
  });

  it("removeGroup gives up after its bound, naming the rule that still uses the group", async () => {
    const result = await runHook({
      ...env,
      KSV_HOOK: "removeGroup",
      KSV_GROUP: "web",
      NSX_GROUP_IN_USE_WAIT_SECONDS: "1",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /group "web" .* is still used by ksv-dc2-nsxt-redirection \/ web only after 1 s \(NSX_GROUP_IN_USE_WAIT_SECONDS\)/,
    );
    expect((await sim.get(`${POLICY}${GROUP("web")}`)).status).toBe(200);
  });

  it("KSC's hooks answer one line and fail: applyPolicy and verify of threat-policy", async () => {
    for (const result of [
      await runHook({ ...env, KSV_HOOK: "applyPolicy", KSV_POLICY: "{}" }),
      await runHook({ ...env, KSV_HOOK: "verify", KSV_ROLE: "threat-policy" }),
    ]) {
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/Kaspersky Security Center's, not NSX's/);
    }
  });

  it("removeObjects removes the redirection policy and its rules first, then chain, profile and reference", async () => {
    await hookOk({ ...env, KSV_HOOK: "removeObjects" });
    for (const path of [REDIRECTION, CHAIN, PROFILE, REFERENCE])
      expect((await sim.get(path)).status).toBe(404);
    expect(await verify(env, "nsx-objects")).toEqual({ present: false });
    expect(await verify(env, "redirection-rules")).toEqual({ present: false, rules: [] });
    await hookOk({ ...env, KSV_HOOK: "removeObjects" });
    await hookOk({ ...env, KSV_HOOK: "removeGroup", KSV_GROUP: "web" });
    await hookOk({ ...env, KSV_HOOK: "removeSegment" });
  });
});
