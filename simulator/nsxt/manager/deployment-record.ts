import type { ClusterRecord, HostRecord } from "../inventory/fabric-inventory";
import type { ServiceDeploymentRequest } from "./deployment-schemas";

/** ServiceDeploymentStatus.deployment_status values the simulator passes through. */
export type DeploymentStatus =
  | "DEPLOYMENT_IN_PROGRESS"
  | "DEPLOYMENT_SUCCESSFUL"
  | "DEPLOYMENT_FAILED"
  | "UPGRADE_IN_PROGRESS"
  | "UPGRADE_FAILED"
  | "UNDEPLOYMENT_IN_PROGRESS";

export interface DeploymentIssue {
  readonly issue_type: string;
  readonly issue_description: string;
  readonly issue_timestamp: string;
}

/** One SVM of a deployment: a service instance on a host, with its instance runtime. */
export interface SvmRecord {
  readonly instanceId: string;
  readonly runtimeId: string;
  readonly vmMoref: string;
  readonly host: HostRecord;
}

export interface DeploymentRecord {
  readonly id: string;
  readonly serviceId: string;
  readonly cluster: ClusterRecord;
  /** The hosts that get an SVM: the whole cluster, one host (`host_id`), or CLUSTERED placement. */
  readonly targetHosts: readonly HostRecord[];
  request: ServiceDeploymentRequest;
  status: DeploymentStatus;
  issues: DeploymentIssue[];
  svms: SvmRecord[];
  revision: number;
  readonly createTime: number;
  lastModifiedTime: number;
  statusTime: number;
  timer?: NodeJS.Timeout;
}
