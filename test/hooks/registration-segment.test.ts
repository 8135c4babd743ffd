import { DEFAULT_TRANSPORT_ZONE } from "../../simulator/nsxt";
import type { SimulatorClient } from "../simulator/simulator-client";
import {
  baseEnv,
  hookOk,
  IMAGE_62,
  MANAGER,
  runHook,
  startSimulator,
  verify,
} from "./hook-process";

const SEGMENT = `/policy/api/v1/infra/segments/service-segments/ksv-${MANAGER}-segment`;

describe("ksv-nsxt-hook: registration check and service segment", () => {
  let sim: SimulatorClient;
  beforeAll(async () => {
    sim = await startSimulator({
      transportZones: [
        DEFAULT_TRANSPORT_ZONE,
        { id: "overlay-b", displayName: "overlay-b", tzType: "OVERLAY_STANDARD" },
        { id: "vlan-tz", displayName: "vlan-zone", tzType: "VLAN_BACKED" },
      ],
    });
  });
  afterAll(() => sim.close());

  const register = (image: string) => ({
    ...baseEnv(sim),
    KSV_HOOK: "register",
    KSV_SVM_IMAGE_URL: image,
    KSV_KSC_ADDRESS: "ksc.example.test",
    KSV_KSC_PORT: "13000",
  });

  it("register finds the partner service and the spec of the image; verify says registered", async () => {
    const result = await hookOk(register(IMAGE_62));
    expect(result.stderr).toContain("deployment spec svm-small");
    expect(result.stdout).toBe("");
    expect(
      await verify({ ...baseEnv(sim), KSV_SVM_IMAGE_URL: IMAGE_62 }, "protection-service"),
    ).toEqual({ registered: true, trafficMode: "standard", imageRegistered: true });
  });

  it("register fails naming the Integration Server step when no spec has the image", async () => {
    const result = await runHook(register("https://ksv.example.test/svm-9.9.ovf"));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(
      /no deployment spec with the image.*Integration Server Console.*90287/,
    );
  });

  it("register fails when the partner service is missing, and verify says not registered", async () => {
    const env = { ...register(IMAGE_62), NSX_PARTNER_SERVICE: "Someone Else's Service" };
    const result = await runHook(env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /no partner service "Someone Else's Service".*Integration Server/,
    );
    expect(await verify(env, "protection-service")).toEqual({ registered: false });
  });

  it("unregister says what to do in the Integration Server and changes nothing", async () => {
    const result = await hookOk({ ...register(IMAGE_62), KSV_HOOK: "unregister" });
    expect(result.stderr).toMatch(/nothing unregistered.*Integration Server Console/);
    expect((await sim.get("/api/v1/serviceinsertion/services")).body.result_count).toBe(1);
  });

  it("creates the service segment on the overlay zone named, converges on a re-run, and removes it", async () => {
    const env = { ...baseEnv(sim), KSV_HOOK: "createSegment" };
    expect(await verify(env, "service-segment")).toEqual({ present: false });
    const several = await runHook(env);
    expect(several.code).toBe(1);
    expect(several.stderr).toMatch(
      /2 overlay transport zones: set NSX_TRANSPORT_ZONE .*"nsx-overlay-transportzone".*"overlay-b"/,
    );
    await hookOk({ ...env, NSX_TRANSPORT_ZONE: "nsx-overlay-transportzone" });
    const segment = await sim.get(SEGMENT);
    expect(segment.body).toMatchObject({
      resource_type: "ServiceSegment",
      transport_zone_path: `/infra/sites/default/enforcement-points/default/transport-zones/${DEFAULT_TRANSPORT_ZONE.id}`,
      _revision: 0,
    });
    await hookOk(env);
    expect((await sim.get(SEGMENT)).body._revision).toBe(0);
    expect(await verify(env, "service-segment")).toEqual({ present: true });

    const elsewhere = await runHook({ ...env, NSX_TRANSPORT_ZONE: "overlay-b" });
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toMatch(/exists on .*NSX cannot modify a service segment/);

    await hookOk({ ...env, KSV_HOOK: "removeSegment" });
    expect((await sim.get(SEGMENT)).status).toBe(404);
    await hookOk({ ...env, KSV_HOOK: "removeSegment" });
  });

  it("refuses a VLAN zone named in NSX_TRANSPORT_ZONE", async () => {
    const result = await runHook({
      ...baseEnv(sim),
      KSV_HOOK: "createSegment",
      NSX_TRANSPORT_ZONE: "vlan-zone",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /VLAN_BACKED transport zone; a service segment needs an overlay zone/,
    );
  });
});
