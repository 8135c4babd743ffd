import { z } from "zod";

/*
 * Request bodies of the service deployment operations, written from the NSX-T API reference
 * types ServiceDeployment, ServiceDeploymentConfig, VmNicInfo, NicInfo, NicMetadata,
 * DeploymentTemplate, Attribute, ResourceReference and DeploymentSpecName (required fields as
 * the published schemas mark them). Fields the reference marks read-only are accepted and
 * ignored, as its type pages say ("if it is present in a request to server it will be ignored").
 */

/** ManagedResource's read-only fields, which every resource of both APIs inherits. */
export const MANAGED_RESOURCE_READ_ONLY = [
  "_links",
  "_schema",
  "_self",
  "_create_time",
  "_create_user",
  "_last_modified_time",
  "_last_modified_user",
  "_protection",
  "_system_owned",
] as const;

/** Fields of a Manager API resource a client may send back but cannot set. */
const MANAGED_READ_ONLY = [...MANAGED_RESOURCE_READ_ONLY, "id", "resource_type"] as const;

/** Read-only fields as a zod shape: accepted in a request, and ignored. */
export function readOnlyShape(
  fields: readonly string[],
): Record<string, z.ZodOptional<z.ZodUnknown>> {
  return Object.fromEntries(fields.map((field) => [field, z.unknown().optional()]));
}

export const tagSchema = z.strictObject({
  scope: z.string().max(128).optional(),
  tag: z.string().max(256).optional(),
});

/** Writable ManagedResource fields, plus the read-only ones (ignored). */
export const managedResourceShape = {
  ...readOnlyShape(MANAGED_READ_ONLY),
  _revision: z.int().optional(),
  display_name: z.string().max(255).optional(),
  description: z.string().max(1024).optional(),
  tags: z.array(tagSchema).max(30).optional(),
};

const resourceReferenceSchema = z.strictObject({
  target_id: z.string().optional(),
  target_type: z.string().optional(),
  target_display_name: z.string().optional(),
  is_valid: z.unknown().optional(),
});

export const attributeSchema = z.strictObject({
  key: z.string(),
  display_name: z.string().optional(),
  value: z.string().optional(),
  attribute_type: z.string().optional(),
  read_only: z.boolean().optional(),
});

const nicMetadataSchema = z.strictObject({
  interface_index: z.int().nonnegative(),
  interface_label: z.string(),
  interface_type: z.string(),
  transports: z.array(z.enum(["L2_BRIDGE", "L3_ROUTED", "NSH", "NA", "L3_ROUTED_V6"])).optional(),
  user_configurable: z.boolean().optional(),
});

const nicInfoSchema = z.strictObject({
  network_id: z.string().optional(),
  ip_pool_id: z.string().optional(),
  ip_allocation_type: z.enum(["STATIC", "DHCP", "NONE"]).optional(),
  ip_address: z.string().optional(),
  subnet_mask: z.string().optional(),
  gateway_address: z.string().optional(),
  nic_metadata: nicMetadataSchema.optional(),
});

const serviceDeploymentConfigSchema = z.strictObject({
  compute_manager_id: z.string().min(1),
  compute_collection_id: z.string().min(1),
  storage_id: z.string().optional(),
  host_id: z.string().optional(),
  vm_nic_info: z.strictObject({ nic_infos: z.array(nicInfoSchema) }).optional(),
});

export const serviceDeploymentSchema = z.strictObject({
  ...managedResourceShape,
  service_id: z.string().optional(),
  deployment_spec_name: z.string().min(1),
  deployment_type: z.enum(["HOSTLOCAL", "CLUSTERED"]).optional(),
  deployment_mode: z.enum(["STAND_ALONE", "ACTIVE_STANDBY"]).optional(),
  perimeter: z.enum(["CLUSTER", "HOST"]).optional(),
  clustered_deployment_count: z.int().positive().optional(),
  deployed_to: z.array(resourceReferenceSchema).optional(),
  instance_deployment_template: z.strictObject({
    name: z.string().optional(),
    attributes: z.array(attributeSchema).optional(),
  }),
  service_deployment_config: serviceDeploymentConfigSchema,
});

export type ServiceDeploymentRequest = z.output<typeof serviceDeploymentSchema>;

/** DeploymentSpecName, the body of `?action=upgrade`. */
export const deploymentSpecNameSchema = z.strictObject({
  deployment_spec_name: z.string().min(1),
  storage_id: z.string().optional(),
});

/** The request without the read-only fields the client echoed back. */
export function writableFields<T extends Record<string, unknown>>(body: T): Partial<T> {
  const copy: Record<string, unknown> = { ...body };
  for (const field of MANAGED_READ_ONLY) delete copy[field];
  return copy as Partial<T>;
}
