import {
  deploymentsPath,
  statusOf,
  UPGRADING,
  SUCCESSFUL,
  waitForSuccess,
  type ServiceDeployment,
} from "./deployment-state";
import type { PartnerService } from "./partner-service";
import type { NsxtRun } from "./run";

/*
 * An image change is an upgrade in place, never a removal and a new deployment: API
 * `method_UpgradeServiceDeployment`, `POST …/service-deployments/{id}?action=upgrade` with body
 * DeploymentSpecName (`deployment_spec_name`), 200. NSX redeploys the SVMs host by host and the
 * deployment ends in DEPLOYMENT_SUCCESSFUL (the status enum has no UPGRADE_SUCCESSFUL) or
 * UPGRADE_FAILED. A deployment already on the spec is left alone: upgradeSvms may run right after
 * the cluster's first deploySvms.
 */

export async function upgradeInPlace(
  run: NsxtRun,
  service: PartnerService,
  deployment: ServiceDeployment,
  specName: string,
  what: string,
  /** The deployment's status, when the caller has just read it. */
  known?: string,
): Promise<void> {
  const status = known ?? (await statusOf(run, service.id, deployment.id)).deployment_status;
  const path = `${deploymentsPath(service.id)}/${encodeURIComponent(deployment.id)}`;
  const onSpec = async () =>
    (await run.nsx.get<ServiceDeployment>(path)).deployment_spec_name === specName;
  const successful = (label: string) => waitForSuccess(run, service.id, deployment.id, label);
  if (deployment.deployment_spec_name === specName && status !== "UPGRADE_FAILED") {
    if (status === SUCCESSFUL) {
      run.log(`${what}: deployment ${deployment.id} already runs spec ${specName}; nothing to do`);
      return;
    }
    run.log(`${what}: deployment ${deployment.id} is on spec ${specName} (${status}); waiting`);
    await successful(what);
    return;
  }
  if (UPGRADING.has(status)) {
    run.log(
      `${what}: an upgrade to ${deployment.deployment_spec_name} is under way; waiting for it first`,
    );
    await successful(what);
    if (await onSpec()) return;
  }
  await run.nsx.post(`${path}?action=upgrade`, { deployment_spec_name: specName });
  run.log(
    `${what}: deployment ${deployment.id} upgrading in place from ${deployment.deployment_spec_name} to ${specName}`,
  );
  await successful(`${what} (upgrade)`);
  run.log(`${what}: deployment ${deployment.id} runs spec ${specName}`);
}
