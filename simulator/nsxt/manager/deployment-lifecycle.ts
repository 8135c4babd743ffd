import type { FabricInventory, HostRecord } from "../inventory/fabric-inventory";
import { invalidRequest, MODULE, objectNotFound } from "../http/nsx-api-error";
import { deterministicUuid } from "../support/deterministic-id";
import type { DeploymentIssue, DeploymentRecord, DeploymentStatus } from "./deployment-record";
import { writableFields, type ServiceDeploymentRequest } from "./deployment-schemas";
import type { PartnerServiceRecord } from "./partner-service";

export type FailureKind = "deploy" | "upgrade";

function refused(message: string) {
  return invalidRequest(message, MODULE.serviceInsertion);
}

/**
 * Service deployments and their SVMs through the states of ServiceDeploymentStatus. Every
 * operation answers at once and finishes `deployMs` later on a timer, however often (or not) the
 * client polls: deploy DEPLOYMENT_IN_PROGRESS → DEPLOYMENT_SUCCESSFUL | DEPLOYMENT_FAILED;
 * upgrade UPGRADE_IN_PROGRESS → DEPLOYMENT_SUCCESSFUL | UPGRADE_FAILED (the enum has no
 * UPGRADE_SUCCESSFUL); undeploy UNDEPLOYMENT_IN_PROGRESS → gone.
 */
export class DeploymentLifecycle {
  private readonly deployments = new Map<string, DeploymentRecord>();
  private readonly armedFailures = new Set<FailureKind>();
  private sequence = 0;
  private vmSequence = 1000;

  constructor(
    private readonly fabric: FabricInventory,
    private readonly services: readonly PartnerServiceRecord[],
    private readonly deployMs: number,
    /** Whether an `ip_pool_id` names an IP pool NSX knows (a Policy pool's realization id). */
    private readonly ipPoolExists: (id: string) => boolean = () => true,
  ) {}

  armFailure(kind: FailureKind): void {
    this.armedFailures.add(kind);
  }

  listServices(): readonly PartnerServiceRecord[] {
    return this.services;
  }

  service(serviceId: string): PartnerServiceRecord {
    const service = this.services.find((s) => s.id === serviceId);
    if (!service) throw objectNotFound(`ServiceDefinition/${serviceId}`, MODULE.serviceInsertion);
    return service;
  }

  list(serviceId?: string): DeploymentRecord[] {
    return [...this.deployments.values()].filter((d) => !serviceId || d.serviceId === serviceId);
  }

  get(serviceId: string, id: string): DeploymentRecord {
    this.service(serviceId);
    const record = this.deployments.get(id);
    if (!record || record.serviceId !== serviceId) {
      throw objectNotFound(`ServiceDeployment/${id}`, MODULE.serviceInsertion);
    }
    return record;
  }

  create(serviceId: string, request: ServiceDeploymentRequest): DeploymentRecord {
    const service = this.service(serviceId);
    if (request.service_id !== undefined && request.service_id !== serviceId) {
      throw refused(`service_id ${request.service_id} does not match the service ${serviceId}.`);
    }
    this.requireSpec(service, request.deployment_spec_name);
    const config = request.service_deployment_config;
    const manager = this.fabric.computeManager(config.compute_manager_id);
    if (!manager) throw refused(`Compute manager ${config.compute_manager_id} does not exist.`);
    const cluster = this.fabric.cluster(manager.id, config.compute_collection_id);
    if (!cluster) {
      throw refused(
        `Compute collection ${config.compute_collection_id} is not a cluster of compute manager ${manager.id}.`,
      );
    }
    let targetHosts: readonly HostRecord[] = cluster.hosts;
    if (config.host_id !== undefined) {
      const host = cluster.hosts.find(
        (h) => h.externalId === config.host_id || h.moref === config.host_id,
      );
      if (!host)
        throw refused(`Host ${config.host_id} is not in compute collection ${cluster.externalId}.`);
      targetHosts = [host];
    } else if (
      (request.deployment_type ?? "CLUSTERED") === "CLUSTERED" &&
      cluster.hosts.length > 0
    ) {
      const count = request.clustered_deployment_count ?? 1;
      targetHosts = Array.from(
        { length: count },
        (_, i) => cluster.hosts[i % cluster.hosts.length],
      );
    }
    const clash = this.list(serviceId).find(
      (d) =>
        d.cluster === cluster && d.request.service_deployment_config.host_id === config.host_id,
    );
    if (clash) {
      throw refused(
        `Service ${serviceId} is already deployed on ${cluster.externalId} (${clash.id}).`,
      );
    }
    const now = Date.now();
    const id = deterministicUuid(`service-deployment:${serviceId}:${++this.sequence}`);
    const record: DeploymentRecord = {
      id,
      serviceId,
      cluster,
      targetHosts,
      request: { ...(writableFields(request) as ServiceDeploymentRequest), service_id: serviceId },
      status: "DEPLOYMENT_IN_PROGRESS",
      issues: [],
      svms: [],
      revision: 0,
      createTime: now,
      lastModifiedTime: now,
      statusTime: now,
    };
    this.deployments.set(id, record);
    this.later(record, () => this.finishDeploy(record));
    return record;
  }

  upgrade(serviceId: string, id: string, specName: string, storageId?: string): void {
    const record = this.get(serviceId, id);
    this.requireSpec(this.service(serviceId), specName);
    const sameSpec = specName === record.request.deployment_spec_name;
    const allowed: readonly DeploymentStatus[] = sameSpec
      ? ["UPGRADE_FAILED"]
      : ["UPGRADE_FAILED", "DEPLOYMENT_SUCCESSFUL"];
    if (!allowed.includes(record.status)) {
      throw refused(
        `Deployment ${id} is ${record.status}; upgrading to ${sameSpec ? "the same" : "a new"} deployment spec needs ${allowed.join(" or ")}.`,
      );
    }
    const config = storageId
      ? { ...record.request.service_deployment_config, storage_id: storageId }
      : record.request.service_deployment_config;
    record.request = {
      ...record.request,
      deployment_spec_name: specName,
      service_deployment_config: config,
    };
    this.touch(record);
    this.setStatus(record, "UPGRADE_IN_PROGRESS");
    this.later(record, () => {
      if (this.consumeFailure("upgrade")) {
        this.fail(
          record,
          "UPGRADE_FAILED",
          "UPGRADE_FAILURE",
          "The simulator was told to fail this upgrade.",
        );
      } else {
        this.setStatus(record, "DEPLOYMENT_SUCCESSFUL");
      }
    });
  }

  remove(serviceId: string, id: string, force: boolean): void {
    const record = this.get(serviceId, id);
    clearTimeout(record.timer);
    if (force) {
      this.deployments.delete(id);
      return;
    }
    if (record.status === "UNDEPLOYMENT_IN_PROGRESS") return;
    this.setStatus(record, "UNDEPLOYMENT_IN_PROGRESS");
    this.later(record, () => this.deployments.delete(id));
  }

  close(): void {
    for (const record of this.deployments.values()) clearTimeout(record.timer);
  }

  private requireSpec(service: PartnerServiceRecord, specName: string): void {
    if (!service.deploymentSpecs.some((spec) => spec.name === specName)) {
      const known = service.deploymentSpecs.map((spec) => spec.name).join(", ") || "none";
      throw refused(
        `Deployment spec ${specName} is not a deployment spec of service ${service.id} (known: ${known}).`,
      );
    }
  }

  private finishDeploy(record: DeploymentRecord): void {
    const problem = this.deployProblem(record);
    if (problem) {
      this.fail(record, "DEPLOYMENT_FAILED", "DEPLOYMENT_FAILURE", problem);
      return;
    }
    record.svms = record.targetHosts.map((host, index) => ({
      instanceId: deterministicUuid(`service-instance:${record.id}:${host.moref}:${index}`),
      runtimeId: deterministicUuid(`instance-runtime:${record.id}:${host.moref}:${index}`),
      vmMoref: `vm-${++this.vmSequence}`,
      host,
    }));
    this.setStatus(record, "DEPLOYMENT_SUCCESSFUL");
  }

  /** Why vCenter would not deploy the OVF here: what NSX reports as a deployment issue. */
  private deployProblem(record: DeploymentRecord): string | undefined {
    if (this.consumeFailure("deploy")) return "The simulator was told to fail this deployment.";
    const { cluster } = record;
    const config = record.request.service_deployment_config;
    if (cluster.hosts.length === 0) return `Cluster ${cluster.name} has no hosts.`;
    if (config.storage_id && !cluster.datastores.some((d) => d.moref === config.storage_id)) {
      return `Datastore ${config.storage_id} is not available to cluster ${cluster.name}.`;
    }
    for (const nic of config.vm_nic_info?.nic_infos ?? []) {
      if (nic.network_id && !cluster.networks.some((n) => n.moref === nic.network_id)) {
        return `Network ${nic.network_id} is not available to cluster ${cluster.name}.`;
      }
      if (nic.ip_pool_id && !this.ipPoolExists(nic.ip_pool_id)) {
        return `IP pool ${nic.ip_pool_id} does not exist.`;
      }
    }
    return undefined;
  }

  private consumeFailure(kind: FailureKind): boolean {
    return this.armedFailures.delete(kind);
  }

  private fail(
    record: DeploymentRecord,
    status: DeploymentStatus,
    issueType: string,
    description: string,
  ): void {
    const issue: DeploymentIssue = {
      issue_type: issueType,
      issue_description: description,
      issue_timestamp: new Date().toISOString(),
    };
    record.issues = [issue];
    this.setStatus(record, status);
  }

  private setStatus(record: DeploymentRecord, status: DeploymentStatus): void {
    record.status = status;
    record.statusTime = Date.now();
    if (status !== "DEPLOYMENT_FAILED" && status !== "UPGRADE_FAILED") record.issues = [];
  }

  private touch(record: DeploymentRecord): void {
    record.revision += 1;
    record.lastModifiedTime = Date.now();
  }

  private later(record: DeploymentRecord, step: () => void): void {
    clearTimeout(record.timer);
    record.timer = setTimeout(() => {
      record.timer = undefined;
      step();
    }, this.deployMs);
    record.timer.unref();
  }
}
