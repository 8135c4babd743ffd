import { SimulatorClient } from "./simulator-client";

describe("vCenter REST subset", () => {
  let sim: SimulatorClient;
  beforeAll(async () => (sim = await SimulatorClient.start()));
  afterAll(() => sim.close());

  it("needs a session from POST /api/session (basic auth) in vmware-api-session-id", async () => {
    const anonymous = await sim.request("GET", "/api/vcenter/datastore", undefined, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error_type).toBe("UNAUTHENTICATED");
    expect(
      (await sim.request("POST", "/api/session", undefined, { Authorization: "Basic bm86bm8=" }))
        .status,
    ).toBe(401);
    const created = await sim.post("/api/session");
    expect(created.status).toBe(201);
    expect(typeof created.body).toBe("string");
    const headers = { "vmware-api-session-id": created.body };
    expect((await sim.request("GET", "/api/vcenter/network", undefined, headers)).status).toBe(200);
    expect((await sim.request("DELETE", "/api/session", undefined, headers)).status).toBe(204);
    expect((await sim.request("GET", "/api/vcenter/network", undefined, headers)).status).toBe(401);
  });

  it("filters datastores and networks by names, and tells two vCenters apart by datacenter", async () => {
    const headers = { "vmware-api-session-id": (await sim.post("/api/session")).body };
    const get = async (path: string) => (await sim.request("GET", path, undefined, headers)).body;
    const stores = await get("/api/vcenter/datastore?names=ds-blue");
    expect(stores).toHaveLength(2);
    expect(stores[0]).toEqual({
      datastore: expect.stringMatching(/^datastore-\d+$/),
      name: "ds-blue",
      type: "VMFS",
      free_space: expect.any(Number),
      capacity: expect.any(Number),
    });
    expect(await get("/api/vcenter/datastore?names=ds-red")).toEqual([]);
    const [vc2] = await get("/api/vcenter/datacenter?names=vc2");
    const vc2Stores = await get(
      `/api/vcenter/datastore?names=ds-blue&datacenters=${vc2.datacenter}`,
    );
    expect(vc2Stores).toHaveLength(1);
    expect(vc2Stores[0].datastore).not.toBe(stores[0].datastore);
    const networks = await get(
      `/api/vcenter/network?names=pg-svm&names=other&datacenters=${vc2.datacenter}`,
    );
    expect(networks).toEqual([
      {
        network: expect.stringMatching(/^dvportgroup-\d+$/),
        name: "pg-svm",
        type: "DISTRIBUTED_PORTGROUP",
      },
    ]);
    expect(
      (await sim.request("GET", "/api/vcenter/datastore?name=ds-blue", undefined, headers)).status,
    ).toBe(400);
  });
});
