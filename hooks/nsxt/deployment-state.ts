import { HookError } from "../hook-error";
import { hostsOfCluster, type ClusterOfManager } from "./fabric";
import { SERVICES } from "./partner-service";
import { pollUntil, secondsFrom, type NsxtRun } from "./run";

/*
 * A cluster's service deployment and its state (Manager API, API `types_ServiceDeployment`,
 * `schemas_ServiceDeploymentStatus`: ServiceDeploymentStatus.deployment_status and
 * `deployment_issues`), and the SVMs it runs: one ServiceInstance per host
 * (`GET /api/v1/serviceinsertion/service-instances?service_deployment_id=`), whose
 * `instance_deployment_config.host_id` is the discovered node it runs on. The Manager API gives a
 * deployment an id of its own, so a deployment is found by what it targets: the compute manager
 * and the cluster's compute collection.
 */

export const DEPLOY_TIMEOUT_ENV = "NSX_DEPLOY_TIMEOUT_SECONDS";
/** An OVF deployed to every host of a large cluster takes long: an hour by default. */
export const DEFAULT_DEPLOY_TIMEOUT_SECONDS = 3600;

export interface ServiceDeployment {
  readonly id: string;
  readonly display_name?: string;
  readonly deployment_spec_name: string;
  readonly service_deployment_config: {
    readonly compute_manager_id: string;
    readonly compute_collection_id: string;
    readonly host_id?: string;
  };
}

export interface DeploymentStatus {
  readonly deployment_status: string;
  readonly deployment_issues?: { issue_type?: string; issue_description?: string }[];
}

const FAILED = new Set(["DEPLOYMENT_FAILED", "UPGRADE_FAILED", "UNDEPLOYMENT_FAILED"]);
export const UPGRADING = new Set(["UPGRADE_IN_PROGRESS", "UPGRADE_QUEUED"]);
const NOT_RUNNING = new Set([
  "DEPLOYMENT_FAILED",
  "DEPLOYMENT_QUEUED",
  "DEPLOYMENT_IN_PROGRESS",
  "UNDEPLOYMENT_QUEUED",
  "UNDEPLOYMENT_IN_PROGRESS",
  "UNDEPLOYMENT_FAILED",
  "UNDEPLOYMENT_SUCCESSFUL",
]);

export function deploymentsPath(serviceId: string): string {
  return `${SERVICES}/${encodeURIComponent(serviceId)}/service-deployments`;
}

/** The deployment of the service on the whole cluster (not one on a single host), if any. */
export async function findDeployment(
  run: NsxtRun,
  serviceId: string,
  target: ClusterOfManager,
): Promise<ServiceDeployment | undefined> {
  const all = await run.nsx.list<ServiceDeployment>(deploymentsPath(serviceId));
  const ofCluster = all.filter((d) => {
    const config = d.service_deployment_config;
    return (
      config?.compute_manager_id === target.manager.id &&
      (config.compute_collection_id === target.cluster.external_id ||
        config.compute_collection_id === target.cluster.cm_local_id) &&
      !config.host_id
    );
  });
  if (ofCluster.length > 1) {
    throw new HookError(
      `cluster "${target.cluster.display_name}" has ${ofCluster.length} service deployments of the partner service (${ofCluster.map((d) => d.id).join(", ")}); remove the extra ones in NSX`,
    );
  }
  return ofCluster[0];
}

export function statusPath(serviceId: string, deploymentId: string): string {
  return `${deploymentsPath(serviceId)}/${encodeURIComponent(deploymentId)}/status`;
}

export async function statusOf(
  run: NsxtRun,
  serviceId: string,
  deploymentId: string,
): Promise<DeploymentStatus> {
  return run.nsx.get<DeploymentStatus>(statusPath(serviceId, deploymentId));
}

export function issuesText(status: DeploymentStatus): string {
  const issues = (status.deployment_issues ?? [])
    .map((i) => `${i.issue_type ?? "issue"}: ${i.issue_description ?? ""}`)
    .join("; ");
  return issues || "NSX gives no deployment issue";
}

export function isRunning(status: string): boolean {
  return !NOT_RUNNING.has(status);
}

function timeoutMs(run: NsxtRun): number {
  return secondsFrom(run.ctx, DEPLOY_TIMEOUT_ENV, DEFAULT_DEPLOY_TIMEOUT_SECONDS) * 1000;
}

/** Where a deployment, or an upgrade, ends well (the status enum has no UPGRADE_SUCCESSFUL). */
export const SUCCESSFUL = "DEPLOYMENT_SUCCESSFUL";

/**
 * Polls the deployment's status until it is SUCCESSFUL; a *_FAILED status fails at once with
 * NSX's deployment issues; after NSX_DEPLOY_TIMEOUT_SECONDS it fails saying where it stands.
 */
export async function waitForSuccess(
  run: NsxtRun,
  serviceId: string,
  deploymentId: string,
  what: string,
): Promise<DeploymentStatus> {
  let last = "unknown";
  const result = await pollUntil(timeoutMs(run), async () => {
    const status = await statusOf(run, serviceId, deploymentId);
    if (status.deployment_status !== last) {
      last = status.deployment_status;
      run.log(`${what}: ${last}`);
    }
    if (status.deployment_status === SUCCESSFUL) return status;
    if (FAILED.has(status.deployment_status)) {
      throw new HookError(
        `${what} ended in ${status.deployment_status} (deployment ${deploymentId}): ${issuesText(status)}`,
      );
    }
    return undefined;
  });
  if (!result) {
    throw new HookError(
      `${what} is still ${last} after ${timeoutMs(run) / 1000} s (${DEPLOY_TIMEOUT_ENV}); NSX goes on with it: run the hook again to wait on`,
    );
  }
  return result;
}

/** Waits until the deployment is gone (GET answers 404) after a DELETE. */
export async function waitUntilGone(
  run: NsxtRun,
  serviceId: string,
  deploymentId: string,
  what: string,
): Promise<void> {
  const path = `${deploymentsPath(serviceId)}/${encodeURIComponent(deploymentId)}`;
  const gone = await pollUntil(timeoutMs(run), async () => {
    if ((await run.nsx.find(path)) === undefined) return true;
    const status = await run.nsx.find<DeploymentStatus>(statusPath(serviceId, deploymentId));
    if (status?.deployment_status === "UNDEPLOYMENT_FAILED") {
      throw new HookError(`${what} ended in UNDEPLOYMENT_FAILED: ${issuesText(status)}`);
    }
    return undefined;
  });
  if (!gone) {
    throw new HookError(
      `${what}: deployment ${deploymentId} still exists after ${timeoutMs(run) / 1000} s (${DEPLOY_TIMEOUT_ENV}); run the hook again to wait on`,
    );
  }
}

interface ServiceInstance {
  readonly instance_deployment_config?: { host_id?: string };
  readonly deployed_to?: { target_id?: string; target_display_name?: string }[];
}

/** The names of the hosts that run an SVM of the deployment (discovered node display names). */
export async function hostsWithSvm(
  run: NsxtRun,
  deploymentId: string,
  target: ClusterOfManager,
): Promise<string[]> {
  const instances = await run.nsx.list<ServiceInstance>(
    `/api/v1/serviceinsertion/service-instances?service_deployment_id=${encodeURIComponent(deploymentId)}`,
  );
  const nodes = await hostsOfCluster(run, target.cluster);
  const names = instances.flatMap((instance) => {
    const hostId =
      instance.instance_deployment_config?.host_id ?? instance.deployed_to?.[0]?.target_id;
    const node = nodes.find((n) => n.external_id === hostId);
    const name = node?.display_name ?? instance.deployed_to?.[0]?.target_display_name;
    return name ? [name] : [];
  });
  return [...new Set(names)].sort();
}
