import { z } from "zod";
import type { PolicyKind } from "./policy-kind";
import { policyObjectSchema } from "./policy-resource-schema";

/*
 * IpAddressPool (Policy API, module PolicyIpam) at /infra/ip-pools/{ip-pool-id}: API
 * `types_IpAddressPool`; fields from 3.0 (`ip_release_delay`) and the
 * Java SDK model (`check_overlap_with_existing_pools`); `pool_usage` is read-only. Subnets and
 * allocations (its hierarchical children) are not simulated. A pool's `realization_id`, which
 * every PolicyResource carries, is the id the Manager API knows it by: the `ip_pool_id` of a
 * service deployment's NicInfo ("If the nic should get IP using a static IP pool then IP pool id
 * should be provided here", API `types_NicInfo`); terraform-provider-nsxt exposes the same
 * attribute as `realized_id` for Manager API consumers (vmware/terraform-provider-nsxt#1008).
 */

const READ_ONLY = ["pool_usage"];

export const ipPoolKind: PolicyKind = {
  resourceType: "IpAddressPool",
  collection: "/infra/ip-pools",
  idParam: "ip-pool-id",
  schema: policyObjectSchema(
    "IpAddressPool",
    {
      ip_release_delay: z.int().nonnegative().optional(),
      check_overlap_with_existing_pools: z.boolean().optional(),
    },
    READ_ONLY,
  ),
  extraReadOnly: READ_ONLY,
  checkParent() {},
};
