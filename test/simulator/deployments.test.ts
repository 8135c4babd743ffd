import { deploymentBody, deploymentTarget, type DeploymentTarget } from "./deployment-target";
import { expectNsxError, SimulatorClient } from "./simulator-client";

const DEPLOY_MS = 300;

describe("service deployments", () => {
  let sim: SimulatorClient;
  let target: DeploymentTarget;
  let deployments: string;
  beforeAll(async () => {
    sim = await SimulatorClient.start({ deployMs: DEPLOY_MS });
    target = await deploymentTarget(sim);
    deployments = `/api/v1/serviceinsertion/services/${target.serviceId}/service-deployments`;
  });
  afterAll(() => sim.close());

  const instancesOf = async (id: string) =>
    (await sim.get(`/api/v1/serviceinsertion/service-instances?service_deployment_id=${id}`)).body;

  it("deploys on a timer: 201, in progress however often polled, then successful with one SVM per host", async () => {
    const created = await sim.post(deployments, deploymentBody(target));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      resource_type: "ServiceDeployment",
      service_id: target.serviceId,
      deployment_spec_name: "svm-small",
      deployment_type: "HOSTLOCAL",
      _revision: 0,
    });
    const status = `${deployments}/${created.body.id}/status`;
    for (let i = 0; i < 10; i++) {
      expect((await sim.get(status)).body.deployment_status).toBe("DEPLOYMENT_IN_PROGRESS");
    }
    expect((await instancesOf(created.body.id)).result_count).toBe(0);
    const done = await sim.until(
      status,
      (r) => r.body.deployment_status !== "DEPLOYMENT_IN_PROGRESS",
    );
    expect(done.body).toMatchObject({
      service_deployment_id: created.body.id,
      deployment_status: "DEPLOYMENT_SUCCESSFUL",
    });
    const instances = await instancesOf(created.body.id);
    const hosts = instances.results.map(
      (i: { deployed_to: { target_display_name: string }[] }) =>
        i.deployed_to[0].target_display_name,
    );
    expect(hosts.sort()).toEqual(["esx1.example.test", "esx2.example.test"]);
    const runtimes = await sim.get(
      `/api/v1/serviceinsertion/services/${target.serviceId}/service-instances/${instances.results[0].id}/instance-runtimes`,
    );
    expect(runtimes.body.results[0]).toMatchObject({
      deployment_status: "DEPLOYMENT_SUCCESSFUL",
      runtime_status: "IN_SERVICE",
    });

    const listed = await sim.get(deployments);
    expect(listed.body).toMatchObject({
      result_count: 1,
      results: [expect.objectContaining({ id: created.body.id })],
    });
    expectNsxError(await sim.post(deployments, deploymentBody(target)), 400);
  });

  it("upgrades to a new spec through UPGRADE_IN_PROGRESS, and refuses the same spec from DEPLOYMENT_SUCCESSFUL", async () => {
    const [deployment] = (await sim.get(deployments)).body.results;
    const item = `${deployments}/${deployment.id}`;
    expectNsxError(
      await sim.post(`${item}?action=upgrade`, { deployment_spec_name: "svm-small" }),
      400,
    );
    expectNsxError(
      await sim.post(`${item}?action=upgrade`, { deployment_spec_name: "svm-huge" }),
      400,
    );
    const upgrade = await sim.post(`${item}?action=upgrade`, { deployment_spec_name: "svm-large" });
    expect(upgrade.status).toBe(200);
    expect((await sim.get(`${item}/status`)).body.deployment_status).toBe("UPGRADE_IN_PROGRESS");
    const done = await sim.until(
      `${item}/status`,
      (r) => r.body.deployment_status !== "UPGRADE_IN_PROGRESS",
    );
    expect(done.body.deployment_status).toBe("DEPLOYMENT_SUCCESSFUL");
    expect((await sim.get(item)).body).toMatchObject({
      deployment_spec_name: "svm-large",
      _revision: 1,
    });
    expect((await instancesOf(deployment.id)).results[0].deployment_spec_name).toBe("svm-large");
  });

  it("undeploys asynchronously: 202, UNDEPLOYMENT_IN_PROGRESS, then gone with its SVMs", async () => {
    const [deployment] = (await sim.get(deployments)).body.results;
    const item = `${deployments}/${deployment.id}`;
    const removed = await sim.delete(item);
    expect(removed.status).toBe(202);
    expect(removed.body).toBeUndefined();
    expect((await sim.get(`${item}/status`)).body.deployment_status).toBe(
      "UNDEPLOYMENT_IN_PROGRESS",
    );
    const gone = await sim.until(item, (r) => r.status === 404);
    expectNsxError(gone, 404);
    expect((await instancesOf(deployment.id)).result_count).toBe(0);
    expect((await sim.get(deployments)).body.result_count).toBe(0);
  });

  it("ends in DEPLOYMENT_FAILED with an issue when told to, or when the datastore is not the cluster's", async () => {
    expect((await sim.post("/_simulator/fail-next-deployment")).status).toBe(204);
    const failed = await sim.post(deployments, deploymentBody(target));
    const status = await sim.until(
      `${deployments}/${failed.body.id}/status`,
      (r) => r.body.deployment_status !== "DEPLOYMENT_IN_PROGRESS",
    );
    expect(status.body.deployment_status).toBe("DEPLOYMENT_FAILED");
    expect(status.body.deployment_issues[0].issue_description).toMatch(/told to fail/);
    await sim.request("DELETE", `${deployments}/${failed.body.id}?force=true`);

    const other = await deploymentTarget(sim, "vc2");
    const wrongStore = await sim.post(
      deployments,
      deploymentBody({ ...other, datastore: target.datastore }),
    );
    const wrong = await sim.until(
      `${deployments}/${wrongStore.body.id}/status`,
      (r) => r.body.deployment_status !== "DEPLOYMENT_IN_PROGRESS",
    );
    expect(wrong.body.deployment_status).toBe("DEPLOYMENT_FAILED");
    expect(wrong.body.deployment_issues[0].issue_description).toMatch(/Datastore/);
  });

  it("refuses a cluster of another compute manager and an unknown deployment spec", async () => {
    const other = await deploymentTarget(sim, "vc2");
    expectNsxError(
      await sim.post(deployments, deploymentBody({ ...target, clusterId: other.clusterId })),
      400,
    );
    expectNsxError(
      await sim.post(deployments, deploymentBody(target, { deployment_spec_name: "nope" })),
      400,
    );
    expectNsxError(
      await sim.get(`/api/v1/serviceinsertion/services/nope/service-deployments`),
      404,
    );
  });
});
