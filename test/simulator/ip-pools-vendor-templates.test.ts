import { deploymentBody, deploymentTarget, type DeploymentTarget } from "./deployment-target";
import { expectNsxError, SimulatorClient } from "./simulator-client";

/*
 * The simulator's Policy IP pools (their realization_id is a deployment NIC's ip_pool_id) and the
 * partner service's vendor templates (what a service profile names).
 */
describe("IP pools and vendor templates", () => {
  let sim: SimulatorClient;
  let target: DeploymentTarget;
  let deployments: string;
  beforeAll(async () => {
    sim = await SimulatorClient.start({ deployMs: 50, partnerVendorTemplates: ["ntp-default"] });
    target = await deploymentTarget(sim);
    deployments = `/api/v1/serviceinsertion/services/${target.serviceId}/service-deployments`;
  });
  afterAll(() => sim.close());

  const withPool = (poolId: string) => {
    const body = deploymentBody(target);
    const nic = body.service_deployment_config.vm_nic_info.nic_infos[0];
    Object.assign(nic, { ip_allocation_type: "STATIC", ip_pool_id: poolId });
    return body;
  };

  it("serves Policy IP pools with a realization_id, and deploys only with a pool that exists", async () => {
    const pool = "/policy/api/v1/infra/ip-pools/svm-pool";
    expect((await sim.patch(pool, { display_name: "SVM pool", ip_release_delay: 0 })).status).toBe(
      200,
    );
    expectNsxError(await sim.patch(pool, { subnets: [] }), 400, 255);
    const listed = (await sim.get("/policy/api/v1/infra/ip-pools")).body;
    expect(listed).toMatchObject({
      result_count: 1,
      results: [{ id: "svm-pool", display_name: "SVM pool", resource_type: "IpAddressPool" }],
    });
    const realizationId = listed.results[0].realization_id as string;
    expect(realizationId).toMatch(/^[0-9a-f-]{36}$/);

    const wrong = await sim.post(deployments, withPool("no-such-pool"));
    expect(wrong.status).toBe(201);
    const failed = await sim.until(
      `${deployments}/${wrong.body.id}/status`,
      (r) => r.body.deployment_status !== "DEPLOYMENT_IN_PROGRESS",
    );
    expect(failed.body.deployment_status).toBe("DEPLOYMENT_FAILED");
    expect(failed.body.deployment_issues[0].issue_description).toContain("no-such-pool");
    await sim.request("DELETE", `${deployments}/${wrong.body.id}?force=true`);

    const right = await sim.post(deployments, withPool(realizationId));
    const done = await sim.until(
      `${deployments}/${right.body.id}/status`,
      (r) => r.body.deployment_status !== "DEPLOYMENT_IN_PROGRESS",
    );
    expect(done.body.deployment_status).toBe("DEPLOYMENT_SUCCESSFUL");
  });

  it("lists the partner service's vendor templates, filtered by name", async () => {
    const templates = `/api/v1/serviceinsertion/services/${target.serviceId}/vendor-templates`;
    const all = (await sim.get(templates)).body;
    expect(all).toMatchObject({
      result_count: 1,
      results: [
        {
          resource_type: "VendorTemplate",
          display_name: "ntp-default",
          service_id: target.serviceId,
        },
      ],
    });
    expect((await sim.get(`${templates}?vendor_template_name=other`)).body.result_count).toBe(0);
    const one = await sim.get(`${templates}/${all.results[0].id}`);
    expect(one.body.display_name).toBe("ntp-default");
    expectNsxError(await sim.get(`${templates}/nope`), 404);
  });
});
