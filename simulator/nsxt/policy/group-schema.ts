import { z } from "zod";
import { policyObjectSchema } from "./policy-resource-schema";

/*
 * Group and its expressions (Condition, ConjunctionOperator, IPAddressExpression,
 * MACAddressExpression, PathExpression, ExternalIDExpression, NestedExpression), as the NSX-T
 * Policy API reference publishes them. Expressions extend PolicyConfigResource, so they may carry
 * an id, a display name and the read-only metadata too. IdentityGroupExpression (extended
 * expressions for identity firewall) is not simulated and refused.
 */

const CONDITION_KEYS = [
  "ALL",
  "Tag",
  "Scope",
  "Name",
  "OSName",
  "ComputerName",
  "NodeType",
  "GroupType",
  "IPAddress",
  "PodCidr",
  "ManagementInterface",
  "OSVersion",
] as const;

export const CONDITION_MEMBER_TYPES = [
  "IPSet",
  "VirtualMachine",
  "LogicalPort",
  "LogicalSwitch",
  "Segment",
  "SegmentPort",
  "Pod",
  "Service",
  "Namespace",
  "TransportNode",
  "Group",
  "DVPG",
  "DVPort",
  "IPAddress",
  "VpcSubnet",
  "KubernetesCluster",
  "KubernetesNamespace",
  "AntreaEgress",
  "AntreaIPPool",
  "KubernetesIngress",
  "KubernetesGateway",
  "KubernetesService",
  "KubernetesNode",
  "VpcSubnetPort",
] as const;

const OPERATORS = [
  "EQUALS",
  "CONTAINS",
  "STARTSWITH",
  "ENDSWITH",
  "NOTEQUALS",
  "NOTIN",
  "IN",
  "MATCHES",
] as const;

const condition = policyObjectSchema("Condition", {
  resource_type: z.literal("Condition"),
  key: z.enum(CONDITION_KEYS),
  member_type: z.enum(CONDITION_MEMBER_TYPES),
  value: z.string().min(1),
  operator: z.enum(OPERATORS).optional(),
  scope_operator: z.enum(["EQUALS", "NOTEQUALS"]).optional(),
});

const conjunction = policyObjectSchema("ConjunctionOperator", {
  resource_type: z.literal("ConjunctionOperator"),
  conjunction_operator: z.enum(["OR", "AND"]),
});

const ipAddresses = policyObjectSchema("IPAddressExpression", {
  resource_type: z.literal("IPAddressExpression"),
  ip_addresses: z.array(z.string()).min(1).max(4000),
});

const macAddresses = policyObjectSchema("MACAddressExpression", {
  resource_type: z.literal("MACAddressExpression"),
  mac_addresses: z
    .array(z.string().regex(/^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/))
    .min(1)
    .max(4000),
});

const paths = policyObjectSchema("PathExpression", {
  resource_type: z.literal("PathExpression"),
  paths: z.array(z.string()).min(1),
});

const externalIds = policyObjectSchema("ExternalIDExpression", {
  resource_type: z.literal("ExternalIDExpression"),
  member_type: z.enum([
    "VirtualMachine",
    "VirtualNetworkInterface",
    "CloudNativeServiceInstance",
    "PhysicalServer",
  ]),
  external_ids: z.array(z.string()).min(1),
});

const nested = policyObjectSchema("NestedExpression", {
  resource_type: z.literal("NestedExpression"),
  expressions: z.array(z.lazy(() => expressionSchema)),
});

export const expressionSchema: z.ZodType<Record<string, unknown>> = z.discriminatedUnion(
  "resource_type",
  [condition, conjunction, ipAddresses, macAddresses, paths, externalIds, nested],
);

export const groupSchema = policyObjectSchema(
  "Group",
  {
    expression: z.array(expressionSchema).optional(),
    group_type: z.array(z.enum(["IPAddress", "ANTREA"])).optional(),
    reference: z.boolean().optional(),
  },
  ["state"],
);
