import { resource as nullResource } from "@cdktf/provider-null";
import { TerraformResource } from "cdktf";
import { Construct } from "constructs";
import {
  dependenciesOf,
  replacementTriggersOf,
  RESOURCE_NAMES,
  ROLE_HOOKS,
  ROLE_KEY,
  TRIGGER_ATTRIBUTE,
  type ManagerKind,
  type ResourceType,
  type Role,
  type RoleTriggers,
} from "../contract";
import type { Hooks } from "../estate/schema";
import { hookCommand, hookProvisioners } from "./hook-provisioners";
import { addMovedBlock } from "./pre-resolved";
import { TerraformData } from "./terraform-data";

export interface LifecycleResourceProps<R extends Role> {
  /** `null_resource` (hashicorp/null) or `terraform_data` (built in). */
  readonly resourceType: ResourceType;
  /** What the resource stands for; it also names it (lib/contract's RESOURCE_NAMES). */
  readonly role: R;
  /** The kind of manager: which roles it comes after depends on it (lib/contract's DEPENDS_ON). */
  readonly managerKind: ManagerKind;
  /**
   * Values the resource is identified by: a change to any of them replaces it. Exactly the
   * role's keys of lib/contract, so that readers of plans know every one. Values may reference
   * `each.key` / `each.value.*` when `forEach` is set.
   */
  readonly triggers: RoleTriggers<R>;
  /**
   * One instance per key of this expression (`${local.svm_clusters}`): instances are addressed by
   * key, never by position.
   * @default - a single instance
   */
  readonly forEach?: string;
  /**
   * Resources of the same manager this one comes after. The contract says which roles it depends
   * on and which replace it (lib/contract's apply order): a resource of another role is an error.
   * @default - none
   */
  readonly after?: ReadonlyArray<LifecycleResource<Role>>;
  /** @default false */
  readonly preventDestroy?: boolean;
  /**
   * The keys are written when the resource is created and never compared again (ignore_changes on
   * the whole trigger attribute): what replaces it is only what the contract's REPLACED_WITH says.
   * For a resource whose keys outlived its identity (the service, which kept the keys of 0.1).
   * Not one key: on terraform_data, ignore_changes on one key of triggers_replace silences the
   * whole map (measured on Terraform 1.11).
   * @default false
   */
  readonly keysFixedAtCreation?: boolean;
  /** The site's commands; the role's own (lib/contract's ROLE_HOOKS) run. @default - none */
  readonly hooks?: Hooks;
  /** Environment of the create-time hook beyond the triggers. @default - none */
  readonly createEnvironment?: Readonly<Record<string, string>>;
}

/** The contract's order for `role`, from the resources it was given: depends_on, replace_triggered_by. */
function orderOf(
  kind: ManagerKind,
  role: Role,
  after: ReadonlyArray<LifecycleResource<Role>>,
  where: string,
) {
  const dependencies = dependenciesOf(kind, role);
  const unordered = after.filter((resource) => !dependencies.includes(resource.role));
  if (unordered.length > 0) {
    throw new Error(
      `${where}: lib/contract does not order ${role} after ${unordered.map((r) => r.role).join(", ")} on ${kind}`,
    );
  }
  const triggers = replacementTriggersOf(kind, role);
  return {
    dependsOn: after,
    replaceTriggeredBy: after.filter((resource) => triggers.includes(resource.role)),
  };
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
  public readonly role: R;

  constructor(scope: Construct, id: string, props: LifecycleResourceProps<R>) {
    super(scope, id);
    this.resourceType = props.resourceType;
    this.role = props.role;
    const triggers: Record<string, string> = { [ROLE_KEY]: props.role, ...props.triggers };
    const hooks = ROLE_HOOKS[props.role];
    const order = orderOf(props.managerKind, props.role, props.after ?? [], this.node.path);
    const provisioners = hookProvisioners({
      onCreate: hooks.create && hookCommand(props.hooks ?? {}, hooks.create),
      onDestroy: hooks.destroy && hookCommand(props.hooks ?? {}, hooks.destroy),
      contextAttribute: TRIGGER_ATTRIBUTE[props.resourceType],
      contextKeys: Object.keys(props.triggers),
      createEnvironment: props.createEnvironment,
    });
    const lifecycle = {
      // Bare addresses: cdktf 0.21 renders resource objects as "${type.name}", which Terraform
      // rejects in replace_triggered_by ("Expected the start of an expression").
      replaceTriggeredBy:
        order.replaceTriggeredBy.length > 0
          ? order.replaceTriggeredBy.map((r) => r.address)
          : undefined,
      preventDestroy: props.preventDestroy || undefined,
      ignoreChanges: props.keysFixedAtCreation
        ? [TRIGGER_ATTRIBUTE[props.resourceType]]
        : undefined,
    };
    const common = {
      dependsOn: order.dependsOn.length > 0 ? order.dependsOn.map((d) => d.resource) : undefined,
      lifecycle:
        lifecycle.replaceTriggeredBy || lifecycle.preventDestroy || lifecycle.ignoreChanges
          ? lifecycle
          : undefined,
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
