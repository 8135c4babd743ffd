import { z } from "zod";
import { attributeSchema } from "../manager/deployment-schemas";
import {
  DEFAULT_ENFORCEMENT_POINT,
  DEFAULT_SITE,
  policyPaths,
  requireDefault,
  requireObjects,
  requireParentObject,
  semanticError,
} from "./path-rules";
import type { PolicyKind } from "./policy-kind";
import { policyObjectSchema } from "./policy-resource-schema";

/*
 * Policy types of east-west service insertion, from the NSX-T API reference: PolicyTransportZone,
 * ServiceSegment, ServiceReference, PolicyServiceProfile and PolicyServiceChain (fields, enums,
 * required fields and defaults as the published schemas give them).
 */

/** JSON with sorted keys, to compare two versions of an object whatever their key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

const TZ_TYPES = [
  "OVERLAY_STANDARD",
  "OVERLAY_ENS",
  "VLAN_BACKED",
  "OVERLAY_BACKED",
  "UNKNOWN",
] as const;
const OVERLAY_TYPES = new Set(["OVERLAY_STANDARD", "OVERLAY_ENS", "OVERLAY_BACKED"]);

export const transportZoneKind: PolicyKind = {
  resourceType: "PolicyTransportZone",
  collection: "/infra/sites/{site-id}/enforcement-points/{enforcementpoint-id}/transport-zones",
  idParam: "transport-zone-id",
  schema: policyObjectSchema(
    "PolicyTransportZone",
    {
      tz_type: z.enum(TZ_TYPES).optional(),
      is_default: z.boolean().optional(),
      nested_nsx: z.boolean().optional(),
      transport_zone_profile_paths: z.array(z.string()).optional(),
      uplink_teaming_policy_names: z.array(z.string()).optional(),
    },
    ["nsx_id", "origin_id"],
  ),
  extraReadOnly: ["nsx_id", "origin_id"],
  defaults: { is_default: false, nested_nsx: false },
  checkParent(_context, params) {
    requireDefault("Site", params["site-id"] ?? DEFAULT_SITE);
    requireDefault("EnforcementPoint", params["enforcementpoint-id"] ?? DEFAULT_ENFORCEMENT_POINT);
  },
};

export const serviceSegmentKind: PolicyKind = {
  resourceType: "ServiceSegment",
  collection: "/infra/segments/service-segments",
  idParam: "service-segment-id",
  schema: policyObjectSchema("ServiceSegment", {
    transport_zone_path: z.string().min(1),
    lr_paths: z.array(z.string()).optional(),
  }),
  parentPath: () => "/infra",
  checkParent() {},
  checkWrite(context, fields, existing) {
    if (existing && canonicalJson(existing.fields) !== canonicalJson(fields)) {
      throw semanticError("Modification of service segment is not supported.");
    }
    const tz = context.store.get(fields.transport_zone_path as string);
    if (!tz || tz.resourceType !== "PolicyTransportZone") {
      requireObjects(
        context,
        [fields.transport_zone_path as string],
        ["PolicyTransportZone"],
        "transport_zone_path",
      );
    } else if (!OVERLAY_TYPES.has(String(tz.fields.tz_type))) {
      throw semanticError(
        `transport_zone_path ${tz.path} is a ${String(tz.fields.tz_type)} transport zone; only overlay transport zone is supported.`,
      );
    }
    // No logical routers or ports are simulated, so no lr_path can name one.
    requireObjects(context, fields.lr_paths as string[] | undefined, [], "lr_paths");
  },
  references: (fields) => policyPaths([fields.transport_zone_path]),
};

export const serviceReferenceKind: PolicyKind = {
  resourceType: "ServiceReference",
  collection: "/infra/service-references",
  idParam: "service-reference-id",
  schema: policyObjectSchema("ServiceReference", {
    partner_service_name: z.string().min(1),
    enabled: z.boolean().optional(),
  }),
  defaults: { enabled: true },
  deleteQuery: { cascade: "boolean" },
  checkParent() {},
  checkWrite(context, fields) {
    const name = fields.partner_service_name as string;
    if (!context.services.some((service) => service.displayName === name)) {
      throw semanticError(`partner_service_name ${name} is not a registered partner service.`);
    }
  },
  checkDelete(context, object, query) {
    const profiles = context.store.children(object.path, "PolicyServiceProfile");
    if (profiles.length > 0 && query.boolean("cascade") !== true) {
      throw semanticError(
        `Service reference ${object.path} has service profiles (${profiles.map((p) => p.id).join(", ")}); delete them first or pass cascade=true.`,
      );
    }
  },
};

export const serviceProfileKind: PolicyKind = {
  resourceType: "PolicyServiceProfile",
  collection: "/infra/service-references/{service-reference-id}/service-profiles",
  idParam: "service-profile-id",
  schema: policyObjectSchema("PolicyServiceProfile", {
    vendor_template_name: z.string().optional(),
    vendor_template_key: z.string().optional(),
    redirection_action: z.enum(["PUNT", "COPY"]).optional(),
    attributes: z.array(attributeSchema).optional(),
  }),
  checkParent(context, params) {
    requireParentObject(
      context,
      `/infra/service-references/${params["service-reference-id"]}`,
      "ServiceReference",
    );
  },
};

export const serviceChainKind: PolicyKind = {
  resourceType: "PolicyServiceChain",
  collection: "/infra/service-chains",
  idParam: "service-chain-id",
  schema: policyObjectSchema("PolicyServiceChain", {
    service_segment_path: z.array(z.string()).min(1),
    forward_path_service_profiles: z.array(z.string()).min(1),
    reverse_path_service_profiles: z.array(z.string()).optional(),
    failure_policy: z.enum(["ALLOW", "BLOCK"]).optional(),
    path_selection_policy: z.enum(["ANY", "LOCAL", "REMOTE", "ROUND_ROBIN"]).optional(),
  }),
  defaults: { failure_policy: "ALLOW", path_selection_policy: "ANY" },
  checkParent() {},
  checkWrite(context, fields) {
    requireObjects(
      context,
      fields.service_segment_path as string[],
      ["ServiceSegment"],
      "service_segment_path",
    );
    for (const field of ["forward_path_service_profiles", "reverse_path_service_profiles"]) {
      requireObjects(
        context,
        fields[field] as string[] | undefined,
        ["PolicyServiceProfile"],
        field,
      );
    }
  },
  references: (fields) =>
    policyPaths([
      ...((fields.service_segment_path as string[]) ?? []),
      ...((fields.forward_path_service_profiles as string[]) ?? []),
      ...((fields.reverse_path_service_profiles as string[] | undefined) ?? []),
    ]),
};
