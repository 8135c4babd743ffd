import { hostIdentity } from "../../lib/contract";
import { CONTEXT_ENV } from "../context";
import { HookError } from "../hook-error";
import {
  deploymentsPath,
  findDeployment,
  hostsWithSvm,
  statusOf,
  waitForSuccess,
  waitUntilGone,
  type ServiceDeployment,
} from "./deployment-state";
import { findCluster, resolveCluster, type ClusterOfManager } from "./fabric";
import {
  findPartnerService,
  requirePartnerService,
  requireSpecForImage,
  type PartnerService,
} from "./partner-service";
import { resolvePlacement } from "./placement";
import type { NsxtRun } from "./run";
import { upgradeInPlace } from "./upgrade";

/*
 * deploySvms / removeSvms: one service deployment per cluster (Manager API
 * `POST /api/v1/serviceinsertion/services/{service-id}/service-deployments`, 201, API
 * `types_ServiceDeployment`; `DELETE …/{service-deployment-id}`, 202 Accepted, API
 * `method_DeleteServiceDeployment`). HOSTLOCAL (ServiceDeployment.deployment_type): one SVM on every
 * host of the cluster, new hosts included. `instance_deployment_template` is required (published
 * schema): the partner's deployment template. A deployment is found by its cluster before one is
 * created, so a hook run again (after a kill, or by Terraform after an interrupted apply) waits on
 * the deployment it started instead of adding a second one.
 */

function deploymentBody(
  run: NsxtRun,
  service: PartnerService,
  specName: string,
  target: ClusterOfManager,
  placement: Awaited<ReturnType<typeof resolvePlacement>>,
): Record<string, unknown> {
  const template = service.service_deployment_spec?.deployment_template?.[0];
  if (!template?.name) {
    throw new HookError(
      `partner service "${service.display_name}" publishes no deployment template, which a service deployment needs; register the service again in the Integration Server Console`,
    );
  }
  const management = service.service_deployment_spec?.nic_metadata_list?.find(
    (nic) => nic.interface_type === "MANAGEMENT",
  );
  return {
    display_name: run.names.deploymentName(target.cluster.display_name),
    description: `Kaspersky Network Threat Protection SVMs of cluster ${target.cluster.display_name} (ksv-ntp-cdktf)`,
    deployment_spec_name: specName,
    deployment_type: "HOSTLOCAL",
    instance_deployment_template: { name: template.name, attributes: template.attributes ?? [] },
    service_deployment_config: {
      compute_manager_id: target.manager.id,
      compute_collection_id: target.cluster.external_id,
      storage_id: placement.storageId,
      vm_nic_info: {
        nic_infos: [
          {
            network_id: placement.networkId,
            ip_allocation_type: placement.ipPoolId ? "STATIC" : "DHCP",
            ...(placement.ipPoolId ? { ip_pool_id: placement.ipPoolId } : {}),
            ...(management ? { nic_metadata: management } : {}),
          },
        ],
      },
    },
  };
}

async function removeDeployment(
  run: NsxtRun,
  serviceId: string,
  deployment: ServiceDeployment,
  what: string,
): Promise<void> {
  await run.nsx.delete(`${deploymentsPath(serviceId)}/${encodeURIComponent(deployment.id)}`);
  run.log(`${what}: deployment ${deployment.id} being removed`);
  await waitUntilGone(run, serviceId, deployment.id, what);
}

/** An existing deployment brought to `specName` and running; false when it had to go first. */
async function convergeExisting(
  run: NsxtRun,
  service: PartnerService,
  specName: string,
  existing: ServiceDeployment,
  what: string,
): Promise<boolean> {
  const status = (await statusOf(run, service.id, existing.id)).deployment_status;
  if (status === "DEPLOYMENT_FAILED" || status.startsWith("UNDEPLOYMENT")) {
    run.log(`${what}: found deployment ${existing.id} in ${status}; it goes, a new one follows`);
    if (status === "DEPLOYMENT_FAILED") {
      await removeDeployment(run, service.id, existing, what);
    } else {
      await waitUntilGone(run, service.id, existing.id, what);
    }
    return false;
  }
  if (existing.deployment_spec_name !== specName) {
    await upgradeInPlace(run, service, existing, specName, what, status);
    return true;
  }
  run.log(`${what}: deployment ${existing.id} exists (${status}); waiting for it`);
  await waitForSuccess(run, service.id, existing.id, what);
  return true;
}

/**
 * What deploySvms and upgradeSvms start from: the partner service, the deployment spec of the
 * image asked for, the cluster, and its deployment of the service if there is one.
 */
async function clusterDeployment(run: NsxtRun) {
  const clusterName = run.ctx.required(CONTEXT_ENV.cluster);
  const imageUrl = run.ctx.required(CONTEXT_ENV.svmImageUrl);
  const service = await requirePartnerService(run);
  const spec = requireSpecForImage(service, imageUrl);
  const target = await resolveCluster(run, clusterName);
  const what = `service deployment on cluster "${clusterName}"`;
  const existing = await findDeployment(run, service.id, target);
  return { service, spec, target, what, existing };
}

export async function deploySvms(run: NsxtRun): Promise<void> {
  const { service, spec, target, what, existing } = await clusterDeployment(run);
  let deploymentId = existing?.id;
  if (!existing || !(await convergeExisting(run, service, spec.name, existing, what))) {
    const placement = await resolvePlacement(run, target);
    const created = await run.nsx.post<{ id: string }>(
      deploymentsPath(service.id),
      deploymentBody(run, service, spec.name, target, placement),
    );
    deploymentId = created.id;
    run.log(`${what}: deployment ${created.id} created with spec ${spec.name}`);
    await waitForSuccess(run, service.id, created.id, what);
  }
  const hosts = await hostsWithSvm(run, deploymentId!, target);
  run.log(`${what}: SVMs run on ${hosts.join(", ") || "no host"}`);
  // NSX decides the hosts (every host of the cluster); the estate's list is only compared.
  const running = new Set(hosts.map(hostIdentity));
  const without = run.ctx.list(CONTEXT_ENV.hosts).filter((h) => !running.has(hostIdentity(h)));
  if (without.length > 0) {
    run.log(`${what}: the estate lists ${without.join(", ")}, where NSX runs no SVM of it`);
  }
}

export async function removeSvms(run: NsxtRun): Promise<void> {
  const clusterName = run.ctx.required(CONTEXT_ENV.cluster);
  const what = `service deployment on cluster "${clusterName}"`;
  const service = await findPartnerService(run);
  if (!service) {
    run.log(`${what}: no partner service, so no deployment to remove`);
    return;
  }
  const target = await findCluster(run, clusterName);
  if (typeof target === "string") {
    run.log(`${what}: nothing to remove (${target})`);
    return;
  }
  const existing = await findDeployment(run, service.id, target);
  if (!existing) {
    run.log(`${what}: none exists, nothing to remove`);
    return;
  }
  await removeDeployment(run, service.id, existing, what);
  run.log(`${what}: removed`);
}

export async function upgradeSvms(run: NsxtRun): Promise<void> {
  const { service, spec, what, existing } = await clusterDeployment(run);
  if (!existing) {
    throw new HookError(
      `${what} does not exist, so there is nothing to upgrade; deploySvms creates it`,
    );
  }
  await upgradeInPlace(run, service, existing, spec.name, what);
}
