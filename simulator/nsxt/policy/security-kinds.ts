import { z } from "zod";
import { checkExpressionList, expressionPaths } from "./group-expression-rules";
import { groupSchema } from "./group-schema";
import {
  checkAnyOrPaths,
  checkGroupList,
  policyPaths,
  requireDefault,
  requireObjects,
  requireParentObject,
} from "./path-rules";
import type { PolicyKind } from "./policy-kind";
import { policyObjectSchema } from "./policy-resource-schema";

/*
 * Groups and east-west redirection (RedirectionPolicy, RedirectionRule extending BaseRule) from
 * the NSX-T Policy API reference. The service chain a policy redirects to is the policy's
 * `redirect_to` (one path, "as of now, only 1 is supported"); rules carry no chain of their own.
 */

export const groupKind: PolicyKind = {
  resourceType: "Group",
  collection: "/infra/domains/{domain-id}/groups",
  idParam: "group-id",
  schema: groupSchema,
  extraReadOnly: ["state"],
  listQuery: { member_types: "string" },
  deleteQuery: { fail_if_subtree_exists: "boolean", force: "boolean" },
  checkParent(_context, params) {
    requireDefault("Domain", params["domain-id"]);
  },
  checkWrite(context, fields) {
    const expression = (fields.expression as Record<string, unknown>[] | undefined) ?? [];
    checkExpressionList(expression);
    const paths = expressionPaths(expression);
    requireObjects(context, paths, ["Group", "ServiceSegment"], "expression.paths");
  },
  references: (fields) =>
    policyPaths(expressionPaths(fields.expression as Record<string, unknown>[])),
};

const RULE_READ_ONLY = ["rule_id", "is_default"];

export const redirectionRuleSchema = policyObjectSchema(
  "RedirectionRule",
  {
    action: z.enum(["REDIRECT", "DO_NOT_REDIRECT"]).optional(),
    direction: z.enum(["IN", "OUT", "IN_OUT"]).optional(),
    ip_protocol: z.enum(["IPV4", "IPV6", "IPV4_IPV6"]).optional(),
    sequence_number: z.int().nonnegative().max(2147483647).optional(),
    disabled: z.boolean().optional(),
    logged: z.boolean().optional(),
    notes: z.string().max(2048).optional(),
    tag: z.string().max(32).optional(),
    source_groups: z.array(z.string()).max(128).optional(),
    destination_groups: z.array(z.string()).max(128).optional(),
    sources_excluded: z.boolean().optional(),
    destinations_excluded: z.boolean().optional(),
    services: z.array(z.string()).max(128).optional(),
    service_entries: z.array(z.looseObject({ resource_type: z.string() })).optional(),
    profiles: z.array(z.string()).optional(),
    scope: z.array(z.string()).max(128).optional(),
  },
  RULE_READ_ONLY,
);

export const redirectionRuleKind: PolicyKind = {
  resourceType: "RedirectionRule",
  collection: "/infra/domains/{domain-id}/redirection-policies/{redirection-policy-id}/rules",
  idParam: "rule-id",
  schema: redirectionRuleSchema,
  extraReadOnly: RULE_READ_ONLY,
  defaults: {
    direction: "IN_OUT",
    ip_protocol: "IPV4_IPV6",
    sequence_number: 0,
    disabled: false,
    logged: false,
    sources_excluded: false,
    destinations_excluded: false,
  },
  defaultSortBy: "sequence_number",
  checkParent(context, params) {
    requireDefault("Domain", params["domain-id"]);
    requireParentObject(
      context,
      `/infra/domains/${params["domain-id"]}/redirection-policies/${params["redirection-policy-id"]}`,
      "RedirectionPolicy",
    );
  },
  checkWrite(context, fields) {
    checkGroupList(context, fields.source_groups as string[] | undefined, "source_groups");
    checkGroupList(
      context,
      fields.destination_groups as string[] | undefined,
      "destination_groups",
    );
    checkGroupList(context, fields.scope as string[] | undefined, "scope");
    checkAnyOrPaths(fields.services as string[] | undefined, "services");
    checkAnyOrPaths(fields.profiles as string[] | undefined, "profiles");
  },
  references: (fields) =>
    policyPaths([
      ...((fields.source_groups as string[] | undefined) ?? []),
      ...((fields.destination_groups as string[] | undefined) ?? []),
      ...((fields.scope as string[] | undefined) ?? []),
    ]),
};

const POLICY_READ_ONLY = [
  "rule_count",
  "north_south",
  "is_default",
  "lock_modified_by",
  "lock_modified_time",
  "internal_sequence_number",
];

export const redirectionPolicyKind: PolicyKind = {
  resourceType: "RedirectionPolicy",
  collection: "/infra/domains/{domain-id}/redirection-policies",
  idParam: "redirection-policy-id",
  schema: policyObjectSchema(
    "RedirectionPolicy",
    {
      category: z.string().optional(),
      comments: z.string().max(2048).optional(),
      locked: z.boolean().optional(),
      scheduler_path: z.string().optional(),
      scope: z.array(z.string()).optional(),
      sequence_number: z.int().nonnegative().max(2147483647).optional(),
      stateful: z.boolean().optional(),
      tcp_strict: z.boolean().optional(),
      redirect_to: z.array(z.string()).max(1).optional(),
      rules: z.array(redirectionRuleSchema).max(1000).optional(),
    },
    POLICY_READ_ONLY,
  ),
  extraReadOnly: POLICY_READ_ONLY,
  defaults: { sequence_number: 0, stateful: true, locked: false },
  listQuery: { include_rule_count: "boolean" },
  checkParent(_context, params) {
    requireDefault("Domain", params["domain-id"]);
  },
  checkWrite(context, fields) {
    // Only east-west redirection to a service chain is simulated: service instances and
    // endpoints (north-south) do not exist here.
    requireObjects(
      context,
      fields.redirect_to as string[] | undefined,
      ["PolicyServiceChain"],
      "redirect_to",
    );
    checkGroupList(context, fields.scope as string[] | undefined, "scope");
  },
  references: (fields) =>
    policyPaths([
      ...((fields.redirect_to as string[] | undefined) ?? []),
      ...((fields.scope as string[] | undefined) ?? []),
    ]),
};
