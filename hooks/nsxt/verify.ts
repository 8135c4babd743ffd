import { CONTEXT_ENV, isVerifyRole, VERIFY_ROLES, type VerifyRole } from "../context";
import { HookError } from "../hook-error";
import { findDeployment, hostsWithSvm, isRunning, statusOf, UPGRADING } from "./deployment-state";
import { findCluster } from "./fabric";
import { readGroup } from "./groups";
import { objectsPresent } from "./introspection-objects";
import { findPartnerService, specs } from "./partner-service";
import { readRules } from "./rules";
import type { NsxtRun } from "./run";
import { segmentExists } from "./segment";
import { KSC_ANSWER } from "../ksc";

/*
 * verify: what NSX says exists for one resource (KSV_ROLE), as one JSON object on stdout; never
 * what the estate or KSV_HOSTS says. Read-only. hooks/README.md names the endpoint of each fact.
 */

async function deploymentOfCluster(run: NsxtRun) {
  const service = await findPartnerService(run);
  if (!service) return undefined;
  const target = await findCluster(run, run.ctx.required(CONTEXT_ENV.cluster));
  if (typeof target === "string") return undefined;
  const deployment = await findDeployment(run, service.id, target);
  if (!deployment) return undefined;
  const status = (await statusOf(run, service.id, deployment.id)).deployment_status;
  return { service, target, deployment, status };
}

const OBSERVERS: Readonly<Record<VerifyRole, (run: NsxtRun) => Promise<unknown>>> = {
  // registered: the partner service exists (its image is svm-image's and register's business).
  "protection-service": async (run) => {
    const service = await findPartnerService(run);
    if (!service) return { registered: false };
    const image = run.ctx.optional(CONTEXT_ENV.svmImageUrl);
    return {
      registered: true,
      trafficMode: "standard",
      ...(image ? { imageRegistered: specs(service).some((s) => s.ovf_url === image) } : {}),
    };
  },
  "service-segment": async (run) => ({ present: await segmentExists(run) }),
  "service-deployment": async (run) => {
    const found = await deploymentOfCluster(run);
    if (!found) return { deployed: false, hosts: [] };
    return {
      deployed: isRunning(found.status),
      hosts: await hostsWithSvm(run, found.deployment.id, found.target),
      status: found.status,
    };
  },
  "svm-image": async (run) => {
    const found = await deploymentOfCluster(run);
    if (!found) return { svmImageUrl: null, upgrading: false };
    const spec = specs(found.service).find((s) => s.name === found.deployment.deployment_spec_name);
    return {
      svmImageUrl: spec?.ovf_url ?? null,
      upgrading: UPGRADING.has(found.status),
      deploymentSpec: found.deployment.deployment_spec_name,
    };
  },
  "nsx-objects": async (run) => ({ present: await objectsPresent(run) }),
  "group-members": async (run) => readGroup(run, run.ctx.required(CONTEXT_ENV.group)),
  "redirection-rules": async (run) => readRules(run),
  "threat-policy": async () => {
    throw new HookError(KSC_ANSWER);
  },
};

export async function verify(run: NsxtRun): Promise<void> {
  const role = run.ctx.required(CONTEXT_ENV.role);
  if (!isVerifyRole(role)) {
    throw new HookError(
      `${CONTEXT_ENV.role} "${role}" is not a role the verify hook knows (${VERIFY_ROLES.join(", ")})`,
    );
  }
  run.answer(await OBSERVERS[role](run));
}
