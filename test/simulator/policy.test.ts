import { DEFAULT_TRANSPORT_ZONE } from "../../simulator/nsxt";
import { expectNsxError, SimulatorClient } from "./simulator-client";

const POLICY = "/policy/api/v1";
const TZ = `/infra/sites/default/enforcement-points/default/transport-zones/${DEFAULT_TRANSPORT_ZONE.id}`;
const SEGMENT = "/infra/segments/service-segments/ksv-segment";
const REFERENCE = "/infra/service-references/ksv";
const PROFILE = `${REFERENCE}/service-profiles/ksv-profile`;
const CHAIN = "/infra/service-chains/ksv-chain";
const GROUP = "/infra/domains/default/groups/protected";
const REDIRECTION = "/infra/domains/default/redirection-policies/ksv";

const condition = (value: string) => ({
  resource_type: "Condition",
  member_type: "VirtualMachine",
  key: "Tag",
  operator: "EQUALS",
  value,
});

describe("Policy API objects of east-west service insertion", () => {
  let sim: SimulatorClient;
  beforeAll(async () => {
    sim = await SimulatorClient.start({
      transportZones: [DEFAULT_TRANSPORT_ZONE, { id: "vlan-tz", tzType: "VLAN_BACKED" }],
    });
  });
  afterAll(() => sim.close());

  it("builds segment, reference, profile, chain, group and a redirection policy with ordered rules", async () => {
    const tzs = await sim.get(
      `${POLICY}/infra/sites/default/enforcement-points/default/transport-zones`,
    );
    expect(tzs.body).toMatchObject({
      result_count: 2,
      results: expect.arrayContaining([
        expect.objectContaining({ path: TZ, tz_type: "OVERLAY_BACKED" }),
      ]),
    });
    expect((await sim.patch(`${POLICY}${SEGMENT}`, { transport_zone_path: TZ })).status).toBe(200);
    expect(
      (
        await sim.patch(`${POLICY}${REFERENCE}`, {
          partner_service_name: "Kaspersky Network Protection",
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await sim.patch(`${POLICY}${PROFILE}`, {
          vendor_template_name: "default",
          redirection_action: "PUNT",
        })
      ).status,
    ).toBe(200);
    const chain = await sim.put(`${POLICY}${CHAIN}`, {
      service_segment_path: [SEGMENT],
      forward_path_service_profiles: [PROFILE],
      failure_policy: "BLOCK",
    });
    expect(chain.body).toMatchObject({
      resource_type: "PolicyServiceChain",
      path: CHAIN,
      parent_path: "/infra",
      relative_path: "ksv-chain",
      path_selection_policy: "ANY",
      _revision: 0,
    });
    const group = [
      condition("web"),
      { resource_type: "ConjunctionOperator", conjunction_operator: "OR" },
      { resource_type: "IPAddressExpression", ip_addresses: ["10.0.0.0/24"] },
    ];
    expect((await sim.patch(`${POLICY}${GROUP}`, { expression: group })).status).toBe(200);
    const redirection = await sim.patch(`${POLICY}${REDIRECTION}`, {
      redirect_to: [CHAIN],
      rules: [
        {
          id: "out",
          action: "REDIRECT",
          direction: "OUT",
          source_groups: [GROUP],
          destination_groups: ["ANY"],
          sequence_number: 20,
        },
        {
          id: "in",
          action: "REDIRECT",
          direction: "IN",
          source_groups: ["ANY"],
          destination_groups: [GROUP],
          sequence_number: 10,
        },
      ],
    });
    expect(redirection.status).toBe(200);
    const rules = await sim.get(`${POLICY}${REDIRECTION}/rules`);
    expect(rules.body.result_count).toBe(2);
    expect(rules.body.results.map((r: { id: string }) => r.id)).toEqual(["in", "out"]);
    expect((await sim.get(`${POLICY}${REDIRECTION}`)).body).toMatchObject({
      rule_count: 2,
      redirect_to: [CHAIN],
    });
  });

  it("refuses references to objects that do not exist", async () => {
    const rule = await sim.put(`${POLICY}${REDIRECTION}/rules/ghost`, {
      action: "REDIRECT",
      source_groups: ["/infra/domains/default/groups/ghost"],
      destination_groups: ["ANY"],
    });
    expectNsxError(rule, 400);
    expect(rule.body.error_message).toMatch(/groups\/ghost/);
    expectNsxError(
      await sim.patch(`${POLICY}/infra/service-chains/broken`, {
        service_segment_path: ["/infra/segments/service-segments/none"],
        forward_path_service_profiles: [PROFILE],
      }),
      400,
    );
    expectNsxError(
      await sim.patch(`${POLICY}/infra/service-chains/broken`, {
        service_segment_path: [SEGMENT],
        forward_path_service_profiles: [`${REFERENCE}/service-profiles/none`],
      }),
      400,
    );
    expectNsxError(
      await sim.patch(`${POLICY}/infra/segments/service-segments/on-vlan`, {
        transport_zone_path:
          "/infra/sites/default/enforcement-points/default/transport-zones/vlan-tz",
      }),
      400,
    );
    expectNsxError(
      await sim.patch(`${POLICY}/infra/service-references/other`, {
        partner_service_name: "Someone Else",
      }),
      400,
    );
    expectNsxError(
      await sim.patch(`${POLICY}/infra/domains/default/redirection-policies/x/rules/r`, {
        action: "REDIRECT",
      }),
      404,
    );
  });

  it("keeps a group used by a redirection rule (and a chain, segment, profile in use) from being deleted", async () => {
    const inUse = await sim.delete(`${POLICY}${GROUP}`);
    expectNsxError(inUse, 400, 500030);
    expect(inUse.body.error_message).toMatch(/rules\/(in|out)/);
    for (const path of [CHAIN, SEGMENT, PROFILE, TZ])
      expectNsxError(await sim.delete(`${POLICY}${path}`), 400, 500030);
    expectNsxError(await sim.delete(`${POLICY}${REFERENCE}`), 400);
    expect((await sim.delete(`${POLICY}${REDIRECTION}`)).status).toBe(200);
    expect((await sim.delete(`${POLICY}${GROUP}`)).status).toBe(200);
    expectNsxError(await sim.get(`${POLICY}${GROUP}`), 404);
    expect((await sim.delete(`${POLICY}${GROUP}`)).status).toBe(200);
  });

  it("answers 412 to a PUT with a stale or missing _revision, and counts revisions", async () => {
    const path = `${POLICY}/infra/domains/default/groups/revisioned`;
    expect((await sim.put(path, { expression: [condition("a")] })).body._revision).toBe(0);
    expect((await sim.patch(path, { display_name: "renamed" })).status).toBe(200);
    expectNsxError(await sim.put(path, { expression: [condition("b")], _revision: 0 }), 412);
    expectNsxError(await sim.put(path, { expression: [condition("b")] }), 412);
    const current = await sim.get(path);
    expect(current.body).toMatchObject({ _revision: 1, display_name: "renamed" });
    expect(
      (await sim.put(path, { ...current.body, expression: [condition("b")] })).body._revision,
    ).toBe(2);
  });

  it("validates the expression grammar as published", async () => {
    const path = `${POLICY}/infra/domains/default/groups/grammar`;
    expectNsxError(await sim.patch(path, { expression: [condition("a"), condition("b")] }), 400);
    expectNsxError(
      await sim.patch(path, {
        expression: [
          condition("a"),
          { resource_type: "ConjunctionOperator", conjunction_operator: "OR" },
        ],
      }),
      400,
    );
    const six = Array.from({ length: 11 }, (_, i) =>
      i % 2
        ? { resource_type: "ConjunctionOperator", conjunction_operator: "OR" }
        : condition(`t${i}`),
    );
    expectNsxError(await sim.patch(path, { expression: six }), 400);
    expectNsxError(
      await sim.patch(path, {
        expression: [
          { resource_type: "IPAddressExpression", ip_addresses: ["10.0.0.1", "fe80::1"] },
        ],
      }),
      400,
    );
    expectNsxError(
      await sim.patch(path, { expression: [{ ...condition("a"), operator: undefined }] }),
      400,
    );
    const nested = {
      resource_type: "NestedExpression",
      expressions: [
        condition("a"),
        { resource_type: "ConjunctionOperator", conjunction_operator: "AND" },
        condition("b"),
      ],
    };
    expect((await sim.patch(path, { expression: [nested] })).status).toBe(200);
  });

  it("refuses to modify a service segment, and pages lists with a cursor", async () => {
    const segment = await sim.patch(`${POLICY}${SEGMENT}`, {
      transport_zone_path: TZ,
      lr_paths: [],
    });
    expectNsxError(segment, 400);
    expect(segment.body.error_message).toBe("Modification of service segment is not supported.");
    expect((await sim.patch(`${POLICY}${SEGMENT}`, { transport_zone_path: TZ })).status).toBe(200);

    for (const id of ["p1", "p2", "p3"])
      await sim.patch(`${POLICY}/infra/domains/default/groups/${id}`, { expression: [] });
    const first = await sim.get(`${POLICY}/infra/domains/default/groups?page_size=2&sort_by=id`);
    expect(first.body).toMatchObject({ result_count: 5, cursor: expect.any(String) });
    expect(first.body.results).toHaveLength(2);
    const second = await sim.get(
      `${POLICY}/infra/domains/default/groups?page_size=2&sort_by=id&cursor=${first.body.cursor}`,
    );
    const third = await sim.get(
      `${POLICY}/infra/domains/default/groups?page_size=2&sort_by=id&cursor=${second.body.cursor}`,
    );
    expect(third.body.cursor).toBeUndefined();
    const ids = [...first.body.results, ...second.body.results, ...third.body.results].map(
      (g: { id: string }) => g.id,
    );
    expect(ids).toEqual(["grammar", "p1", "p2", "p3", "revisioned"]);
  });
});
