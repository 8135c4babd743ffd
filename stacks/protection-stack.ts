import { provider as nullProvider } from "@cdktf/provider-null";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { z } from "zod";
import { NetworkThreatProtection } from "../lib/constructs/network-threat-protection";
import { addStateBackend } from "../lib/constructs/state-backend";
import { validateProps } from "../lib/estate/problems";
import {
  backendSchema,
  managerSchema,
  type BackendInput,
  type ClusterInput,
  type Hooks,
  type KscEndpointInput,
  type ManagerKind,
  type ResourceType,
  type ThreatPolicyInput,
  type TrafficMode,
} from "../lib/estate/schema";

/** Terraform versions the synthesized stacks need (terraform_data, import and moved blocks). */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.5";

export interface ProtectionStackProps {
  /** NSX Manager host name or IPv4 address. */
  readonly address: string;
  /**
   * standard: inline, scan and act. monitoring: a copy of the traffic, report only (NSX-V).
   * Changing it replaces the service registration and every SVM.
   * @default "standard"
   */
  readonly trafficMode?: TrafficMode;
  /** Make a traffic-mode change fail at plan time. @default false */
  readonly lockTrafficMode?: boolean;
  /** HTTP(S) URL of the network protection SVM image (.ovf or .xml). */
  readonly svmImageUrl: string;
  /** vSphere clusters and their ESXi hosts; one SVM per host. */
  readonly clusters: readonly ClusterInput[];
  /** @default - terminate-and-block for 60 minutes, block adware, malicious and phishing addresses */
  readonly policy?: ThreatPolicyInput;
  /** Kaspersky Security Center Administration Server; port @default 13000 */
  readonly ksc: KscEndpointInput;
  /** @default "null_resource" */
  readonly resourceType?: ResourceType;
  /** Where Terraform keeps the stack's state. @default { type: "local" } */
  readonly backend?: BackendInput;
  /** Shell commands run at each step of the procedure. @default - none */
  readonly hooks?: Hooks;
}

/** Checked before TerraformStack sees it, so that the message names the rule, not a symptom. */
function checkedName(stackClass: string, name: string): string {
  validateProps(z.object({ name: managerSchema.shape.name }), { name }, `${stackClass} "${name}"`);
  return name;
}

/**
 * One NSX Manager's protection as a Terraform stack: state backend, provider and the
 * NetworkThreatProtection construct. Use NsxvProtectionStack or NsxtProtectionStack.
 */
export abstract class ProtectionStack extends TerraformStack {
  public readonly protection: NetworkThreatProtection;

  protected constructor(
    scope: Construct,
    name: string,
    kind: ManagerKind,
    props: ProtectionStackProps,
  ) {
    super(scope, checkedName(new.target.name, name));
    const { backend, ...protection } = props;
    addStateBackend(
      this,
      validateProps(
        backendSchema.prefault({ type: "local" }),
        backend,
        `${this.node.path}/backend`,
      ),
    );
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
    if ((props.resourceType ?? "null_resource") === "null_resource") {
      new nullProvider.NullProvider(this, "null");
    }
    this.protection = new NetworkThreatProtection(this, "protection", {
      name,
      kind,
      ...protection,
    });
  }
}
