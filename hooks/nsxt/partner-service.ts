import { CONTEXT_ENV } from "../context";
import { HookError } from "../hook-error";
import type { NsxtRun } from "./run";

/*
 * The partner service definition Kaspersky's Integration Server registers in NSX Manager (its
 * registration wizard; KSV help 90287: "The Integration Server registers the network protection
 * service (Kaspersky Network Protection) in VMware NSX Manager"). The hooks never register it
 * themselves: they find it by display name and read its deployment specs
 * (ServiceDefinition.service_deployment_spec.deployment_specs[]: `name`, `ovf_url`; API
 * `types_SVMDeploymentSpec`), from `GET /api/v1/serviceinsertion/services` (API
 * `types_ServiceDefinition`).
 */

export const PARTNER_SERVICE_ENV = "NSX_PARTNER_SERVICE";
/** The service name KSV help gives for the network protection service (90287, 66794). */
export const DEFAULT_PARTNER_SERVICE = "Kaspersky Network Protection";

export const SERVICES = "/api/v1/serviceinsertion/services";

const REGISTRATION_STEP =
  "register the network protection service in the Integration Server Console (registration wizard, step 'SVM image for the network protection service', KSV help 90287)";

export interface DeploymentSpec {
  readonly name: string;
  readonly ovf_url?: string;
}

export interface PartnerService {
  readonly id: string;
  readonly display_name: string;
  readonly service_deployment_spec?: {
    readonly deployment_specs?: DeploymentSpec[];
    readonly deployment_template?: { name?: string; attributes?: unknown[] }[];
    readonly nic_metadata_list?: {
      interface_label: string;
      interface_index: number;
      interface_type: string;
    }[];
  };
}

export function partnerServiceName(run: NsxtRun): string {
  return run.ctx.optional(PARTNER_SERVICE_ENV) ?? DEFAULT_PARTNER_SERVICE;
}

/** The partner service, or undefined when NSX has none of that name. */
export async function findPartnerService(run: NsxtRun): Promise<PartnerService | undefined> {
  const name = partnerServiceName(run);
  const services = (await run.nsx.list<PartnerService>(SERVICES)).filter(
    (service) => service.display_name === name,
  );
  if (services.length > 1) {
    throw new HookError(
      `${run.nsx.where} has ${services.length} partner services named "${name}" (${services.map((s) => s.id).join(", ")}); remove the stale registration in the Integration Server Console`,
    );
  }
  return services[0];
}

export async function requirePartnerService(run: NsxtRun): Promise<PartnerService> {
  const service = await findPartnerService(run);
  if (!service) {
    throw new HookError(
      `${run.nsx.where} has no partner service "${partnerServiceName(run)}" (set ${PARTNER_SERVICE_ENV} if the Integration Server registered another name): ${REGISTRATION_STEP}`,
    );
  }
  return service;
}

export function specs(service: PartnerService): DeploymentSpec[] {
  return service.service_deployment_spec?.deployment_specs ?? [];
}

/** The deployment spec whose image is `ovfUrl`; its `name` is a deployment's spec name. */
export function requireSpecForImage(service: PartnerService, ovfUrl: string): DeploymentSpec {
  const spec = specs(service).find((s) => s.ovf_url === ovfUrl);
  if (!spec) {
    const known = specs(service)
      .map((s) => `${s.name}: ${s.ovf_url ?? "(no ovf_url)"}`)
      .join("; ");
    throw new HookError(
      `partner service "${service.display_name}" has no deployment spec with the image ${CONTEXT_ENV.svmImageUrl} names (it has ${known || "none"}): ${REGISTRATION_STEP}, giving this image URL`,
    );
  }
  return spec;
}

/** register: checks what the Integration Server registered; registers nothing itself. */
export async function register(run: NsxtRun): Promise<void> {
  const imageUrl = run.ctx.required(CONTEXT_ENV.svmImageUrl);
  const service = await requirePartnerService(run);
  const spec = requireSpecForImage(service, imageUrl);
  run.log(
    `partner service "${service.display_name}" (${service.id}) is registered with deployment spec ${spec.name} for the image`,
  );
}

/**
 * unregister: the Integration Server's to do; says what, changes nothing, succeeds. It needs no
 * connection to NSX, so it also runs where the hooks have no NSX credentials.
 */
export async function unregister(run: NsxtRun): Promise<void> {
  run.log(
    `nothing unregistered: the partner service "${partnerServiceName(run)}" on NSX Manager ${run.ctx.managerAddress} is the Integration Server's. ` +
      "To remove it, delete the network protection service in the Integration Server Console (the registered services list, KSV help 90287) " +
      "after every service deployment of it is removed.",
  );
}
