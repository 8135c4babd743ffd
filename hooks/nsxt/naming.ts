import { createHash } from "crypto";

/*
 * Every object the hooks create has an id derived from the stack (KSV_MANAGER) and the estate's
 * name for it, so that each hook finds what it would create before creating it, and a hook run
 * again after being killed converges on the same objects instead of adding a second one. Policy
 * ids are the object's own path segment (PATCH creates or merges at that path); the Manager API
 * gives service deployments ids of its own, so a deployment is found by its cluster instead.
 */

export const POLICY = "/policy/api/v1";
export const DOMAIN = "/infra/domains/default";

/**
 * `name` as an id segment: lowercase letters, digits, `-` and `_`; when that changes the name (or
 * cuts it), a short hash of the exact name keeps two names from meeting in one id.
 */
export function idSegment(name: string, max = 64): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug === name && slug.length <= max) return slug;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${slug.slice(0, max - 9) || "x"}-${hash}`;
}

/** The ids and paths of one stack's objects. */
export class Names {
  constructor(readonly manager: string) {}

  private get prefix(): string {
    return `ksv-${this.manager}`;
  }

  get segmentPath(): string {
    return `/infra/segments/service-segments/${this.prefix}-segment`;
  }

  get serviceReferencePath(): string {
    return `/infra/service-references/${this.prefix}-service`;
  }

  get serviceProfilePath(): string {
    return `${this.serviceReferencePath}/service-profiles/${this.prefix}-profile`;
  }

  get serviceChainPath(): string {
    return `/infra/service-chains/${this.prefix}-chain`;
  }

  get redirectionPolicyPath(): string {
    return `${DOMAIN}/redirection-policies/${this.prefix}-redirection`;
  }

  /** A rule of the redirection policy, by the rule's name in the estate. */
  rulePath(ruleName: string): string {
    return `${this.redirectionPolicyPath}/rules/${this.ruleId(ruleName)}`;
  }

  ruleId(ruleName: string): string {
    return `rule-${idSegment(ruleName)}`;
  }

  /** A group, by its name in the estate. */
  groupPath(groupName: string): string {
    return `${DOMAIN}/groups/${this.prefix}-group-${idSegment(groupName)}`;
  }

  /** The display name of a cluster's service deployment (its identity is the cluster). */
  deploymentName(cluster: string): string {
    return `${this.prefix}-${cluster}`;
  }
}
