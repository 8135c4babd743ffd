import type { NsxtSimulatorOptions } from "../simulator-options";
import { deterministicUuid } from "../support/deterministic-id";
import { managedAudit } from "./managed-audit";

export interface DeploymentSpec {
  readonly name: string;
  readonly ovf_url: string;
  readonly host_type: "ESXI";
  readonly service_form_factor: "MEDIUM";
  readonly min_host_version: string;
}

/** A vendor template the partner registered for service profiles (VendorTemplate). */
export interface VendorTemplateRecord {
  readonly id: string;
  readonly name: string;
}

export interface PartnerServiceRecord {
  readonly id: string;
  readonly displayName: string;
  readonly deploymentSpecs: readonly DeploymentSpec[];
  readonly vendorTemplates: readonly VendorTemplateRecord[];
  readonly createTime: number;
}

/**
 * The partner service definition the Integration Server registers (ServiceDefinition: an
 * east-west network introspection service attached to the service plane, redirecting over NSH,
 * with its deployment specs). The simulator does not serve registration itself: the service
 * exists from the start when `partnerService` is given, and never otherwise.
 */
export function partnerServiceFromOptions(
  options: NsxtSimulatorOptions,
): PartnerServiceRecord | undefined {
  if (options.partnerService === undefined) return undefined;
  return {
    id: deterministicUuid(`service-definition:${options.partnerService}`),
    displayName: options.partnerService,
    deploymentSpecs: (options.partnerOvfs ?? []).map((ovf) => ({
      name: ovf.name,
      ovf_url: ovf.ovfUrl,
      host_type: "ESXI",
      service_form_factor: "MEDIUM",
      min_host_version: "6.5",
    })),
    vendorTemplates: (options.partnerVendorTemplates ?? []).map((name) => ({
      id: deterministicUuid(`vendor-template:${options.partnerService}:${name}`),
      name,
    })),
    createTime: Date.now(),
  };
}

/** The ServiceDefinition body as `GET /api/v1/serviceinsertion/services/{id}` returns it. */
export function serviceDefinitionBody(service: PartnerServiceRecord): Record<string, unknown> {
  return {
    resource_type: "ServiceDefinition",
    id: service.id,
    display_name: service.displayName,
    description: `Partner service ${service.displayName}`,
    functionalities: ["IDS_IPS"],
    implementations: ["EAST_WEST"],
    attachment_point: ["SERVICE_PLANE"],
    transports: ["NSH"],
    on_failure_policy: "ALLOW",
    vendor_id: service.displayName,
    service_deployment_spec: {
      deployment_specs: service.deploymentSpecs,
      deployment_template: [{ name: "default", attributes: [] }],
      nic_metadata_list: [
        { interface_label: "eth0", interface_index: 0, interface_type: "MANAGEMENT" },
        { interface_label: "eth1", interface_index: 1, interface_type: "DATA1" },
      ],
      svm_version: "1.0",
    },
    ...managedAudit({ created: service.createTime }),
  };
}

/**
 * VendorTemplate as `GET …/services/{service-id}/vendor-templates` lists it (API
 * `method_ListVendorTemplates`, `types_VendorTemplate`: registered by the partner service manager
 * "to be used in the service profile"; `functionality` and `redirection_action` enums of the type).
 */
export function vendorTemplateBody(
  service: PartnerServiceRecord,
  template: VendorTemplateRecord,
): Record<string, unknown> {
  return {
    resource_type: "VendorTemplate",
    id: template.id,
    display_name: template.name,
    service_id: service.id,
    vendor_template_key: template.name,
    functionality: "IDS_IPS",
    redirection_action: "PUNT",
    attributes: [],
    ...managedAudit({ created: service.createTime }),
  };
}
