import { Construct } from "constructs";
import { z } from "zod";
import {
  hooksSchema,
  managerSchema,
  resourceTypeSchema,
  threatPolicySchema,
  type Hooks,
  type ThreatPolicy,
  type ThreatPolicyInput,
} from "../estate/schema";
import { validateConstructProps } from "./construct-props";
import { LifecycleResource } from "./lifecycle-resource";
import { managerTriggers, type ManagerIdentity } from "./manager-identity";
import { type ResourceType } from "../contract";

export interface ThreatActionPolicyProps {
  readonly manager: ManagerIdentity;
  /**
   * Network Threat Protection settings of the Kaspersky Security policy.
   * @default - network attacks and adware activity: terminate the connection and block the source
   * for 60 minutes; block malicious, phishing and advertising web addresses; no exclusions
   * (README: the threat policy, with the product's defaults)
   */
  readonly policy?: ThreatPolicyInput;
  /** @default "null_resource" */
  readonly resourceType?: ResourceType;
  /** `applyPolicy` is used here. @default - no hooks */
  readonly hooks?: Hooks;
}

const propsSchema = z.object({
  manager: managerSchema.pick({ name: true, kind: true, address: true }),
  policy: threatPolicySchema.prefault({}),
  resourceType: resourceTypeSchema,
  hooks: hooksSchema.prefault({}),
});

/**
 * The policy as the hooks get it (KSV_POLICY) and the stack stores it: defaults applied, but
 * `networkAttack.enabled` only when it is false, so that a policy the previous release wrote is
 * the same JSON (no replacement, no hook) after the field came; absent means on.
 */
export function policyJson(policy: ThreatPolicy): string {
  const { enabled, ...networkAttack } = policy.networkAttack;
  return JSON.stringify({
    ...policy,
    networkAttack: enabled ? networkAttack : policy.networkAttack,
  });
}

/**
 * What Kaspersky Security does on a detection. It lives in Kaspersky Security Center, not in the
 * NSX registration, so a policy change replaces this resource alone (re-running applyPolicy) and
 * a traffic-mode change leaves it alone.
 */
export class ThreatActionPolicy extends Construct {
  public readonly policy: ThreatPolicy;
  public readonly resource: LifecycleResource<"threat-policy">;

  constructor(scope: Construct, id: string, props: ThreatActionPolicyProps) {
    super(scope, id);
    const valid = validateConstructProps(propsSchema, props, this.node.path);
    this.policy = valid.policy;
    this.resource = new LifecycleResource(this, "policy", {
      resourceType: valid.resourceType,
      role: "threat-policy",
      managerKind: valid.manager.kind,
      triggers: { ...managerTriggers(valid.manager), policy: policyJson(valid.policy) },
      hooks: valid.hooks,
    });
  }
}
