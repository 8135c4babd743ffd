import { resource as nullResource } from "@cdktf/provider-null";
import { TerraformResource } from "cdktf";
import { Construct } from "constructs";
import {
  RESOURCE_NAMES,
  ROLE_KEY,
  TRIGGER_ATTRIBUTE,
  type ResourceType,
  type Role,
  type RoleTriggers,
} from "../contract";
import { HookCommand, hookProvisioners } from "./hook-provisioners";
import { addMovedBlock } from "./pre-resolved";
import { TerraformData } from "./terraform-data";

export interface LifecycleResourceProps<R extends Role> {
  /** `null_resource` (hashicorp/null) or `terraform_data` (built in). */
  readonly resourceType: ResourceType;
  /** What the resource stands for; it also names it (lib/contract's RESOURCE_NAMES). */
  readonly role: R;
  /**
   * Values the resource is identified by: a change to any of them replaces it. Exactly the
   * role's keys of lib/contract, so that readers of plans know every one. Values may reference
   * `each.key` / `each.value.*` when `forEach` is set.
   */
  readonly triggers: RoleTriggers<R>;
  /**
   * One instance per key of this expression (`${local.svm_hosts}`): instances are addressed by
   * key, never by position.
   * @default - a single instance
   */
  readonly forEach?: string;
  /** @default - none */
  readonly dependsOn?: ReadonlyArray<LifecycleResource<Role>>;
  /** Replace this resource whenever one of these is replaced or updated. @default - none */
  readonly replaceTriggeredBy?: ReadonlyArray<LifecycleResource<Role>>;
  /** @default false */
  readonly preventDestroy?: boolean;
  /** @default - no hook runs */
  readonly onCreate?: HookCommand;
  /** Environment of the create-time hook beyond the triggers. @default - none */
  readonly createEnvironment?: Readonly<Record<string, string>>;
  /** @default - no hook runs */
  readonly onDestroy?: HookCommand;
}

/**
 * One step of the protection lifecycle as a Terraform resource whose only job is to be
 * created, replaced and destroyed in the right order: `null_resource` or `terraform_data`,
 * with the same semantics (every trigger forces replacement).
 */
export class LifecycleResource<R extends Role = Role> extends Construct {
  public readonly resource: TerraformResource;
  /** `terraform_data.service`: how Terraform and plans name it. */
  public readonly address: string;
  public readonly resourceType: ResourceType;

  constructor(scope: Construct, id: string, props: LifecycleResourceProps<R>) {
    super(scope, id);
    this.resourceType = props.resourceType;
    const triggers: Record<string, string> = { [ROLE_KEY]: props.role, ...props.triggers };
    const provisioners = hookProvisioners({
      onCreate: props.onCreate,
      onDestroy: props.onDestroy,
      contextAttribute: TRIGGER_ATTRIBUTE[props.resourceType],
      contextKeys: Object.keys(props.triggers),
      createEnvironment: props.createEnvironment,
    });
    const lifecycle = {
      // Bare addresses: cdktf 0.21 renders resource objects as "${type.name}", which Terraform
      // rejects in replace_triggered_by ("Expected the start of an expression").
      replaceTriggeredBy: props.replaceTriggeredBy?.map((r) => r.address),
      preventDestroy: props.preventDestroy || undefined,
    };
    const common = {
      dependsOn: props.dependsOn?.map((d) => d.resource),
      lifecycle: lifecycle.replaceTriggeredBy || lifecycle.preventDestroy ? lifecycle : undefined,
      provisioners: provisioners.length > 0 ? provisioners : undefined,
    };
    this.resource =
      props.resourceType === "null_resource"
        ? new nullResource.Resource(this, "resource", { triggers, ...common })
        : new TerraformData(this, "resource", { triggersReplace: triggers, ...common });
    const name = RESOURCE_NAMES[props.role];
    this.resource.overrideLogicalId(name);
    this.address = `${props.resourceType}.${name}`;
    // One override per resource is cheap (cdktf's overrides cost per resource, not per value).
    if (props.forEach) this.resource.addOverride("for_each", props.forEach);
    if (props.resourceType === "terraform_data") {
      // A stack that was null_resource keeps its state: Terraform (1.9 or later) moves each
      // instance, triggers to triggers_replace, and re-runs no hook. No-op for a new stack.
      // Not cdktf's moveFromId: it resolves the stack once more, about 1 s of a 20,000-host
      // synth of 16 stacks (measured), for five blocks of plain strings.
      addMovedBlock(this, `null_resource.${name}`, this.address);
    }
  }
}
