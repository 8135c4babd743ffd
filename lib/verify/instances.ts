import { KEYS, type Role } from "../contract";
import type { PlanDocument } from "../plan-review/plan-json";
import {
  hostInventory,
  hostsOf,
  modelResource,
  type KnownValues,
} from "../plan-review/read-resource";
import type { VerifiedRole } from "../contract";
import { isVerified } from "./observation";

/*
 * The resources of one stack to verify, read from its plan: each with the values its hooks get
 * (lib/contract's keys) and, for a service deployment, the hosts its cluster is expected to have.
 */

export interface VerifyTarget {
  /** `terraform_data.deployment["prod-a"]` */
  readonly address: string;
  readonly role: VerifiedRole;
  /** The resource's keys and values, as its hooks see them in their environment. */
  readonly values: KnownValues;
  /** Service deployments: the hosts of the cluster, as the stack lists them. */
  readonly hosts?: readonly string[];
}

/**
 * `desired`: what the estate asks for (the plan's after values; ksv adopt). `recorded`: what the
 * state holds (the plan's before values, resources in the state only; ksv drift). Hosts are the
 * estate's where it still lists the cluster.
 */
export type VerifySide = "desired" | "recorded";

export function verifyTargets(
  plan: PlanDocument,
  source: string,
  side: VerifySide,
): VerifyTarget[] {
  const hosts = hostInventory(plan);
  const targets: VerifyTarget[] = [];
  for (const change of plan.resource_changes) {
    const resource = modelResource(change, source);
    if (!resource || !isVerified(resource.role)) continue;
    const values = side === "desired" ? resource.after : resource.before;
    if (!values) continue; // not in the estate (desired) or not in the state (recorded)
    const cluster = values[KEYS.cluster];
    targets.push({
      address: change.address,
      role: resource.role,
      values,
      ...(resource.role === ("service-deployment" satisfies Role) && cluster !== undefined
        ? { hosts: hostsOf(hosts, cluster, "after") ?? [] }
        : {}),
    });
  }
  return targets;
}
