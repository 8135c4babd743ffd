import { Construct } from "constructs";
import { z } from "zod";
import {
  hooksSchema,
  managerSchema,
  threatPolicySchema,
  type Hooks,
  type ResourceType,
  type ThreatPolicy,
  type ThreatPolicyInput,
} from "../estate/schema";
import { validateProps } from "../estate/problems";
import { LifecycleResource } from "./lifecycle-resource";
import type { ManagerIdentity } from "./protection-service";

export interface ThreatActionPolicyProps {
  readonly manager: ManagerIdentity;
  /**
   * Network Threat Protection settings of the Kaspersky Security policy.
   * @default - terminate-and-block network attacks for 60 minutes, monitor adware and block it,
   * block malicious and phishing web addresses, no exclusions
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
  resourceType: z.enum(["null_resource", "terraform_data"]).default("null_resource"),
  hooks: hooksSchema.prefault({}),
});

/**
 * What Kaspersky Security does on a detection. It lives in Kaspersky Security Center, not in the
 * NSX registration, so a policy change replaces this resource alone (re-running applyPolicy) and
 * a traffic-mode change leaves it alone.
 */
export class ThreatActionPolicy extends Construct {
  public readonly policy: ThreatPolicy;
  public readonly resource: LifecycleResource;

  constructor(scope: Construct, id: string, props: ThreatActionPolicyProps) {
    super(scope, id);
    const valid = validateProps(propsSchema, props, this.node.path);
    this.policy = valid.policy;
    this.resource = new LifecycleResource(this, "policy", {
      resourceType: valid.resourceType,
      resourceName: "threat_policy",
      role: "threat-policy",
      triggers: {
        manager: valid.manager.name,
        manager_kind: valid.manager.kind,
        manager_address: valid.manager.address,
        policy: JSON.stringify(valid.policy),
      },
      onCreate: valid.hooks.applyPolicy
        ? { hook: "applyPolicy", command: valid.hooks.applyPolicy }
        : undefined,
    });
  }
}
