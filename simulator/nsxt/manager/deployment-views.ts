import type { DeploymentRecord, SvmRecord } from "./deployment-record";
import { managedAudit } from "./managed-audit";

function audit(record: DeploymentRecord): Record<string, unknown> {
  return managedAudit({
    created: record.createTime,
    modified: record.lastModifiedTime,
    revision: record.revision,
  });
}

/** ServiceDeployment as GET returns it, with the published defaults filled in. */
export function deploymentBody(record: DeploymentRecord): Record<string, unknown> {
  const request = record.request;
  const deploymentType = request.deployment_type ?? "CLUSTERED";
  return {
    resource_type: "ServiceDeployment",
    id: record.id,
    display_name: request.display_name ?? record.id,
    ...request,
    service_id: record.serviceId,
    deployment_type: deploymentType,
    deployment_mode: request.deployment_mode ?? "STAND_ALONE",
    perimeter: request.perimeter ?? "HOST",
    ...(deploymentType === "CLUSTERED"
      ? { clustered_deployment_count: request.clustered_deployment_count ?? 1 }
      : {}),
    ...audit(record),
  };
}

/** ServiceDeploymentStatus (`GET …/service-deployments/{id}/status`). */
export function deploymentStatusBody(record: DeploymentRecord): Record<string, unknown> {
  return {
    service_deployment_id: record.id,
    deployment_status: record.status,
    last_update_timestamp: record.statusTime,
    ...(record.issues.length > 0 ? { deployment_issues: record.issues } : {}),
  };
}

/** The runtime state of one SVM, derived from its deployment's state. */
function runtimeDeploymentStatus(record: DeploymentRecord): string {
  return record.status === "UPGRADE_IN_PROGRESS" ||
    record.status === "UPGRADE_FAILED" ||
    record.status === "UNDEPLOYMENT_IN_PROGRESS"
    ? record.status
    : "DEPLOYMENT_SUCCESSFUL";
}

/**
 * ServiceInstance (resource_type ServiceInstance) for one SVM: `instance_deployment_config.host_id`
 * and `deployed_to` name the ESXi host it runs on.
 */
export function serviceInstanceBody(
  record: DeploymentRecord,
  svm: SvmRecord,
): Record<string, unknown> {
  const request = record.request;
  const config = request.service_deployment_config;
  return {
    resource_type: "ServiceInstance",
    id: svm.instanceId,
    display_name: `${request.display_name ?? record.id}-${svm.host.name}`,
    service_id: record.serviceId,
    service_deployment_id: record.id,
    deployment_spec_name: request.deployment_spec_name,
    deployment_mode: request.deployment_mode ?? "STAND_ALONE",
    implementation_type: "EAST_WEST",
    attachment_point: "HOST",
    transport_type: "NSH",
    on_failure_policy: "ALLOW",
    instance_deployment_template: request.instance_deployment_template,
    instance_deployment_config: {
      context_id: config.compute_manager_id,
      compute_id: record.cluster.externalId,
      host_id: svm.host.externalId,
      storage_id: config.storage_id ?? "",
      vm_nic_infos: [config.vm_nic_info ?? { nic_infos: [] }],
    },
    deployed_to: [
      {
        target_id: svm.host.externalId,
        target_type: "HostNode",
        target_display_name: svm.host.name,
        is_valid: true,
      },
    ],
    ...audit(record),
  };
}

/** InstanceRuntime of one SVM (`…/service-instances/{id}/instance-runtimes`). */
export function instanceRuntimeBody(
  record: DeploymentRecord,
  svm: SvmRecord,
): Record<string, unknown> {
  const deploymentStatus = runtimeDeploymentStatus(record);
  const config = record.request.service_deployment_config;
  return {
    resource_type: "InstanceRuntime",
    id: svm.runtimeId,
    display_name: `${record.request.display_name ?? record.id}-${svm.host.name}`,
    service_instance_id: svm.instanceId,
    service_vm_id: svm.vmMoref,
    compute_collection_id: record.cluster.externalId,
    ...(config.storage_id ? { storage_id: config.storage_id } : {}),
    deployment_status: deploymentStatus,
    runtime_status: deploymentStatus === "DEPLOYMENT_SUCCESSFUL" ? "IN_SERVICE" : "NOT_AVAILABLE",
    maintenance_mode: "OFF",
    ...(config.vm_nic_info ? { vm_nic_info: config.vm_nic_info } : {}),
    ...audit(record),
  };
}
