import type { SimulatorClient } from "../simulator/simulator-client";
import {
  baseEnv,
  deploymentsOf,
  hookOk,
  IMAGE_62,
  IMAGE_63,
  runHook,
  startHook,
  startSimulator,
  verify,
} from "./hook-process";

const deployEnv = (sim: SimulatorClient, cluster: string, extra: Record<string, string> = {}) => ({
  ...baseEnv(sim),
  KSV_HOOK: "deploySvms",
  KSV_CLUSTER: cluster,
  KSV_DATASTORE: cluster === "green" ? "ds-green" : "ds-blue",
  KSV_NETWORK: "pg-svm",
  KSV_IP_POOL: "",
  KSV_HOSTS: "",
  KSV_SVM_IMAGE_URL: IMAGE_62,
  ...extra,
});

const ofCluster = (deployments: Awaited<ReturnType<typeof deploymentsOf>>, name: string) =>
  deployments.filter((d) => d.display_name === `ksv-dc2-nsxt-${name}`);

describe("ksv-nsxt-hook: service deployments", () => {
  let sim: SimulatorClient;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.close());

  it("refuses a cluster name found under two compute managers unless the estate says which", async () => {
    const result = await runHook(deployEnv(sim, "blue"));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(
      /cluster "blue" exists under 2 compute managers \(vc1, vc2\): set clusters\[\]\.computeManager/,
    );
    expect(await deploymentsOf(sim)).toHaveLength(0);
  });

  it("deploys one cluster, waits for it, and converges on a re-run without a second deployment", async () => {
    const env = deployEnv(sim, "green", { KSV_HOSTS: "ESX4.example.test,esx9.example.test" });
    expect(await verify(env, "service-deployment")).toEqual({ deployed: false, hosts: [] });
    const first = await hookOk(env);
    expect(first.stderr).toMatch(/DEPLOYMENT_SUCCESSFUL/);
    expect(first.stderr).toMatch(/the estate lists esx9.example.test, where NSX runs no SVM/);
    const [deployment] = await deploymentsOf(sim);
    expect(deployment).toMatchObject({
      deployment_spec_name: "svm-small",
      deployment_type: "HOSTLOCAL",
      instance_deployment_template: { name: "default" },
      service_deployment_config: {
        storage_id: expect.stringMatching(/^datastore-/),
        vm_nic_info: {
          nic_infos: [
            expect.objectContaining({
              network_id: expect.stringMatching(/^dvportgroup-/),
              ip_allocation_type: "DHCP",
            }),
          ],
        },
      },
    });
    const status = await sim.get(
      `/api/v1/serviceinsertion/services/${deployment.service_id}/service-deployments/${deployment.id}/status`,
    );
    expect(status.body.deployment_status).toBe("DEPLOYMENT_SUCCESSFUL");

    await hookOk(env);
    expect((await deploymentsOf(sim)).map((d) => d.id)).toEqual([deployment.id]);
    expect(await verify(env, "service-deployment")).toMatchObject({
      deployed: true,
      hosts: ["esx4.example.test"],
    });
    expect(await verify(env, "svm-image")).toMatchObject({
      svmImageUrl: IMAGE_62,
      upgrading: false,
    });
  });

  it("deploys with a static IP pool: the NIC takes the pool's realization id", async () => {
    await sim.patch("/policy/api/v1/infra/ip-pools/svm-pool", { display_name: "SVM pool" });
    const pool = (await sim.get("/policy/api/v1/infra/ip-pools/svm-pool")).body;
    const env = deployEnv(sim, "blue", { KSV_COMPUTE_MANAGER: "vc1", KSV_IP_POOL: "SVM pool" });
    await hookOk(env);
    const [blue] = ofCluster(await deploymentsOf(sim), "blue");
    expect(blue.service_deployment_config.vm_nic_info.nic_infos[0]).toMatchObject({
      ip_allocation_type: "STATIC",
      ip_pool_id: pool.realization_id,
    });
    expect(await verify(env, "service-deployment")).toMatchObject({
      deployed: true,
      hosts: ["esx1.example.test", "esx2.example.test"],
    });
    const missing = await runHook({ ...env, KSV_COMPUTE_MANAGER: "vc2", KSV_IP_POOL: "no-pool" });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no IP pool "no-pool"/);
  });

  it("upgrades in place: same deployment, new spec; a second run says it is already there", async () => {
    const [before] = ofCluster(await deploymentsOf(sim), "green");
    // Right after the first deploySvms (a create-time hook cannot tell), upgradeSvms has nothing to do.
    const noop = await hookOk({ ...deployEnv(sim, "green"), KSV_HOOK: "upgradeSvms" });
    expect(noop.stderr).toMatch(/already runs spec svm-small; nothing to do/);
    const env = {
      ...deployEnv(sim, "green"),
      KSV_HOOK: "upgradeSvms",
      KSV_SVM_IMAGE_URL: IMAGE_63,
    };
    const upgrade = await hookOk(env);
    expect(upgrade.stderr).toMatch(/upgrading in place from svm-small to svm-large/);
    const [after] = ofCluster(await deploymentsOf(sim), "green");
    expect(after.id).toBe(before.id);
    expect(after.deployment_spec_name).toBe("svm-large");
    expect(await verify(env, "svm-image")).toMatchObject({
      svmImageUrl: IMAGE_63,
      upgrading: false,
    });
    const again = await hookOk(env);
    expect(again.stderr).toMatch(/already runs spec svm-large; nothing to do/);
    expect(ofCluster(await deploymentsOf(sim), "green").map((d) => d.id)).toEqual([before.id]);
  });

  it("fails with NSX's deployment issue on DEPLOYMENT_FAILED, and a re-run replaces the failed deployment", async () => {
    const env = deployEnv(sim, "blue", { KSV_COMPUTE_MANAGER: "vc2" });
    await sim.post("/_simulator/fail-next-deployment");
    const failed = await runHook(env);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /DEPLOYMENT_FAILED.*The simulator was told to fail this deployment/,
    );
    await hookOk(env);
    const vc2 = (await deploymentsOf(sim)).filter(
      (d) =>
        d.display_name === "ksv-dc2-nsxt-blue" &&
        !d.service_deployment_config.vm_nic_info.nic_infos[0].ip_pool_id,
    );
    expect(vc2).toHaveLength(1);
    expect(await verify(env, "service-deployment")).toMatchObject({
      deployed: true,
      hosts: ["esx3.example.test"],
    });
  });

  it("inventory lists NSX's clusters with their hosts; datastore and network where a deployment says them", async () => {
    const result = await hookOk({ ...baseEnv(sim), KSV_HOOK: "inventory" });
    expect(JSON.parse(result.stdout)).toEqual({
      clusters: [
        {
          name: "blue",
          hosts: ["esx1.example.test", "esx2.example.test"],
          datastore: "ds-blue",
          network: "pg-svm",
          computeManager: "vc1",
        },
        {
          name: "blue",
          hosts: ["esx3.example.test"],
          datastore: "ds-blue",
          network: "pg-svm",
          computeManager: "vc2",
        },
        { name: "green", hosts: ["esx4.example.test"], datastore: "ds-green", network: "pg-svm" },
      ],
    });
  });

  it("removes a cluster's deployment and waits until it is gone; a re-run has nothing to do", async () => {
    const env = { ...deployEnv(sim, "green"), KSV_HOOK: "removeSvms" };
    await hookOk(env);
    expect(ofCluster(await deploymentsOf(sim), "green")).toHaveLength(0);
    expect(await verify(env, "service-deployment")).toEqual({ deployed: false, hosts: [] });
    expect((await hookOk(env)).stderr).toMatch(/none exists, nothing to remove/);
    const upgrade = await runHook({ ...env, KSV_HOOK: "upgradeSvms" });
    expect(upgrade.code).toBe(1);
    expect(upgrade.stderr).toMatch(
      /does not exist, so there is nothing to upgrade; deploySvms creates it/,
    );
  });
});

describe("ksv-nsxt-hook: deploySvms killed mid-deployment", () => {
  let sim: SimulatorClient;
  beforeAll(async () => {
    sim = await startSimulator({ deployMs: 1500 });
  });
  afterAll(() => sim.close());

  it("run again after SIGKILL, it waits on the deployment it started: exactly one", async () => {
    const env = deployEnv(sim, "green");
    const { child, done } = startHook(env);
    const deadline = Date.now() + 10_000;
    while ((await deploymentsOf(sim)).length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill("SIGKILL");
    expect((await done).signal).toBe("SIGKILL");
    const [started] = await deploymentsOf(sim);
    const again = await hookOk(env);
    expect(again.stderr).toMatch(/exists \(DEPLOYMENT_IN_PROGRESS\); waiting for it/);
    expect((await deploymentsOf(sim)).map((d) => d.id)).toEqual([started.id]);
  });
});
