import { TerraformResource, TerraformResourceLifecycle, ITerraformDependable } from "cdktf";
import type { LocalExecProvisioner } from "cdktf";
import { Construct } from "constructs";

export interface TerraformDataProps {
  /** A change to any value replaces the resource (like null_resource's `triggers`). */
  readonly triggersReplace: Readonly<Record<string, string>>;
  /** @default - no dependencies */
  readonly dependsOn?: ITerraformDependable[];
  /** @default - Terraform's default lifecycle */
  readonly lifecycle?: TerraformResourceLifecycle;
  /** @default - none */
  readonly provisioners?: LocalExecProvisioner[];
}

/**
 * Terraform's built-in `terraform_data` resource (Terraform >= 1.4; no provider download).
 *
 * cdktf ships it as `DataResource`, but that class adds a validation that runs `terraform version`
 * once per resource at synth (about 70 ms each: seconds for an estate of 16 managers) and fails
 * synthesis on machines without Terraform, where synth alone needs none. The stacks declare
 * `required_version` instead, so Terraform itself refuses to run too old a version.
 */
export class TerraformData extends TerraformResource {
  public static readonly tfResourceType = "terraform_data";

  private readonly triggersReplace: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: TerraformDataProps) {
    super(scope, id, {
      terraformResourceType: TerraformData.tfResourceType,
      dependsOn: props.dependsOn,
      lifecycle: props.lifecycle,
      provisioners: props.provisioners,
    });
    this.triggersReplace = props.triggersReplace;
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return { triggers_replace: this.triggersReplace };
  }
}
