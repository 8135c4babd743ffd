import { z } from "zod";
import {
  MANAGED_RESOURCE_READ_ONLY,
  readOnlyShape,
  tagSchema,
} from "../manager/deployment-schemas";

/**
 * PolicyResource (and the ManagedResource it extends) fields the reference marks read-only: a
 * client that GETs an object and PUTs it back sends them, and NSX ignores them.
 */
const POLICY_READ_ONLY = [
  ...MANAGED_RESOURCE_READ_ONLY,
  "path",
  "parent_path",
  "relative_path",
  "unique_id",
  "realization_id",
  "marked_for_delete",
  "overridden",
  "remote_path",
  "origin_site_id",
  "owner_id",
] as const;

/** Keys of the request that are not stored as the object's own fields. */
const NOT_STORED = ["_revision", "id", "resource_type", "children"];

/**
 * A strict schema for a Policy object: the writable PolicyConfigResource fields, the read-only
 * ones (accepted, then dropped), `resource_type` fixed to the type's name, and `children` (the
 * Hierarchical API's) only empty, since the hierarchical API is not simulated.
 */
export function policyObjectSchema<T extends z.ZodRawShape>(
  resourceType: string,
  shape: T,
  extraReadOnly: readonly string[] = [],
) {
  return z.strictObject({
    ...readOnlyShape([...POLICY_READ_ONLY, ...extraReadOnly]),
    _revision: z.int().optional(),
    id: z.string().min(1).max(255).optional(),
    resource_type: z.literal(resourceType).optional(),
    display_name: z.string().max(255).optional(),
    description: z.string().max(1024).optional(),
    tags: z.array(tagSchema).max(30).optional(),
    children: z.array(z.never()).max(0).optional(),
    ...shape,
  });
}

/** The fields to store: the request without read-only keys and the metadata NSX computes. */
export function storedFields(
  body: Record<string, unknown>,
  extraReadOnly: readonly string[] = [],
): Record<string, unknown> {
  const dropped = new Set<string>([...POLICY_READ_ONLY, ...extraReadOnly, ...NOT_STORED]);
  return Object.fromEntries(
    Object.entries(body).filter(([key, value]) => !dropped.has(key) && value !== undefined),
  );
}
