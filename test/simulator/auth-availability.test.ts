import { expectNsxError, PASSWORD, SimulatorClient, USER } from "./simulator-client";

describe("authentication", () => {
  let sim: SimulatorClient;
  beforeAll(async () => (sim = await SimulatorClient.start()));
  afterAll(() => sim.close());

  it("answers 403 with NSX's error body without credentials or with wrong ones", async () => {
    const none = await sim.request("GET", "/api/v1/serviceinsertion/services", undefined, {});
    expectNsxError(none, 403, 403);
    expect(none.body.error_message).toMatch(/credentials were incorrect/);
    const wrong = Buffer.from(`${USER}:nope`).toString("base64");
    expectNsxError(
      await sim.request("GET", "/policy/api/v1/infra/service-chains", undefined, {
        Authorization: `Basic ${wrong}`,
      }),
      403,
    );
    expect((await sim.get("/api/v1/serviceinsertion/services")).status).toBe(200);
  });

  it("accepts a session from /api/session/create with its cookie and XSRF token", async () => {
    const form = new URLSearchParams({ j_username: USER, j_password: PASSWORD }).toString();
    const created = await fetch(`${sim.url}/api/session/create`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: form,
    });
    expect(created.status).toBe(200);
    const cookie = created.headers.get("set-cookie")!.split(";")[0];
    const token = created.headers.get("x-xsrf-token")!;
    expect(
      (
        await sim.request("GET", "/api/v1/fabric/compute-managers", undefined, {
          Cookie: cookie,
          "X-XSRF-TOKEN": token,
        })
      ).status,
    ).toBe(200);
    expectNsxError(
      await sim.request("GET", "/api/v1/fabric/compute-managers", undefined, { Cookie: cookie }),
      403,
    );
  });
});

describe("--unavailable-first", () => {
  let sim: SimulatorClient;
  beforeAll(async () => (sim = await SimulatorClient.start({ unavailableFirst: 2 })));
  afterAll(() => sim.close());

  it("answers 503 to the first K requests, authenticated or not, then serves", async () => {
    const first = await sim.request("GET", "/api/v1/serviceinsertion/services", undefined, {});
    expectNsxError(first, 503);
    expect(first.body.httpStatus).toBe("SERVICE_UNAVAILABLE");
    expectNsxError(await sim.get("/api/v1/serviceinsertion/services"), 503);
    expect((await sim.get("/api/v1/serviceinsertion/services")).status).toBe(200);
  });
});
