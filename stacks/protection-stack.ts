import { provider as nullProvider } from "@cdktf/provider-null";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { z } from "zod";
import {
  NetworkThreatProtection,
  type NetworkThreatProtectionProps,
} from "../lib/constructs/network-threat-protection";
import { addStateBackend } from "../lib/constructs/state-backend";
import {
  backendSchema,
  DEFAULT_RESOURCE_TYPE,
  managerSchema,
  type BackendInput,
} from "../lib/estate/schema";
import { isToken, validateConstructProps } from "../lib/constructs/construct-props";
import { type ManagerKind } from "../lib/contract";

/**
 * Terraform versions the synthesized stacks need: 1.5 for null_resource stacks (the oldest this
 * project supports); 1.9 for terraform_data stacks, whose moved blocks from null_resource need it.
 */
export const REQUIRED_TERRAFORM_VERSION = {
  null_resource: ">= 1.5",
  terraform_data: ">= 1.9",
} as const;

/** One manager's protection (the stack's name is the manager's) and where its state is kept. */
export interface ProtectionStackProps extends Omit<NetworkThreatProtectionProps, "name" | "kind"> {
  /** Where Terraform keeps the stack's state. @default { type: "local" } */
  readonly backend?: BackendInput;
  /**
   * With the local backend, the state file's path (relative to the stack's folder, or absolute).
   * Literal, as the backend: Terraform reads it before any variable.
   * @default "../../../terraform.<name>.tfstate": next to cdktf.out, outside what synth rewrites
   */
  readonly localStateFile?: string;
}

/**
 * Checked before TerraformStack sees it, so that the message names the rule, not a symptom. Like
 * every value that names or shapes the stack, the name must be literal, not a token.
 */
function checkedName(stackClass: string, name: string): string {
  const label = isToken(name) ? stackClass : `${stackClass} "${name}"`;
  validateConstructProps(z.object({ name: managerSchema.shape.name }), { name }, label);
  return name;
}

const stackPropsSchema = z.object({
  backend: backendSchema.prefault({ type: "local" }),
  localStateFile: z.string().min(1).optional(),
});

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
    const { backend, localStateFile, ...protection } = props;
    const valid = validateConstructProps(
      stackPropsSchema,
      { backend, localStateFile },
      this.node.path,
    );
    addStateBackend(this, valid.backend, valid.localStateFile);
    const resourceType = props.resourceType ?? DEFAULT_RESOURCE_TYPE;
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION[resourceType]);
    if (resourceType === "null_resource") new nullProvider.NullProvider(this, "null");
    this.protection = new NetworkThreatProtection(this, "protection", {
      name,
      kind,
      ...protection,
    });
  }
}
