import { deploymentBody, deploymentTarget, type DeploymentTarget } from "./deployment-target";
import { expectNsxError, SimulatorClient } from "./simulator-client";

describe("request validation", () => {
  let sim: SimulatorClient;
  let target: DeploymentTarget;
  let deployments: string;
  beforeAll(async () => {
    sim = await SimulatorClient.start();
    target = await deploymentTarget(sim);
    deployments = `/api/v1/serviceinsertion/services/${target.serviceId}/service-deployments`;
  });
  afterAll(() => sim.close());

  it("refuses an unknown field with NSX's field-level 400, naming the field", async () => {
    const reply = await sim.post(
      deployments,
      deploymentBody(target, { ovf_url: "http://elsewhere" }),
    );
    expectNsxError(reply, 400, 255);
    expect(reply.body.httpStatus).toBe("BAD_REQUEST");
    expect(reply.body.error_message).toMatch(/ovf_url/);
    expect(reply.body.related_errors).toEqual([
      expect.objectContaining({ error_code: 255, error_message: expect.stringMatching(/ovf_url/) }),
    ]);
    const nested = deploymentBody(target);
    (nested.service_deployment_config as Record<string, unknown>).cluster_name = "blue";
    expect((await sim.post(deployments, nested)).body.error_message).toMatch(
      /service_deployment_config.*cluster_name/,
    );
  });

  it("refuses a value outside a published enum, a wrong type and a missing required field", async () => {
    const badEnum = await sim.post(
      deployments,
      deploymentBody(target, { deployment_type: "PER_HOST" }),
    );
    expectNsxError(badEnum, 400, 255);
    expect(badEnum.body.error_message).toMatch(/deployment_type/);
    expectNsxError(
      await sim.post(deployments, deploymentBody(target, { clustered_deployment_count: "2" })),
      400,
      255,
    );
    const withoutTemplate: Record<string, unknown> = deploymentBody(target);
    delete withoutTemplate.instance_deployment_template;
    expect((await sim.post(deployments, withoutTemplate)).body.error_message).toMatch(
      /instance_deployment_template/,
    );
    const chain = await sim.patch("/policy/api/v1/infra/service-chains/c1", {
      service_segment_path: ["/infra/segments/service-segments/s1"],
      forward_path_service_profiles: ["/infra/service-references/r/service-profiles/p"],
      failure_policy: "DROP",
    });
    expectNsxError(chain, 400, 255);
    expect(chain.body.error_message).toMatch(/failure_policy/);
  });

  it("answers 400 to a body that is not JSON, 404 to unknown paths and 405 to unpublished methods", async () => {
    expectNsxError(
      await sim.request("PATCH", "/policy/api/v1/infra/domains/default/groups/g", "{not json"),
      400,
    );
    const unknown = await sim.get("/api/v1/serviceinsertion/nothing-here");
    expectNsxError(unknown, 404);
    expect(unknown.body.httpStatus).toBe("NOT_FOUND");
    const method = await sim.post("/policy/api/v1/infra/domains/default/groups/g", {
      expression: [],
    });
    expectNsxError(method, 405);
    expect(method.headers.get("allow")).toBe("DELETE, GET, PATCH, PUT");
    expectNsxError(await sim.get("/api/v1/fabric/compute-collections?cluster_name=blue"), 400);
    const patch = await sim.patch("/policy/api/v1/infra/domains/default/groups/g", { members: [] });
    expectNsxError(patch, 400, 255);
    expect(patch.body.error_message).toMatch(/members/);
  });

  it("ignores read-only fields a client sends back, as the reference says", async () => {
    expect(
      (await sim.patch("/policy/api/v1/infra/domains/default/groups/web", { expression: [] }))
        .status,
    ).toBe(200);
    const read = await sim.get("/policy/api/v1/infra/domains/default/groups/web");
    const written = await sim.put("/policy/api/v1/infra/domains/default/groups/web", {
      ...read.body,
      display_name: "web servers",
      _create_time: 1,
      path: "/somewhere/else",
    });
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({
      display_name: "web servers",
      path: "/infra/domains/default/groups/web",
      _create_time: read.body._create_time,
      _revision: 1,
    });
  });
});
