import { resource as nullResource } from "@cdktf/provider-null";
import { TerraformResource } from "cdktf";
import { Construct } from "constructs";
import type { ResourceType } from "../estate/schema";
import { HookCommand, hookProvisioners } from "./hook-provisioners";
import { TerraformData } from "./terraform-data";

/** The key every resource stores so that a plan can be read by role (see lib/plan-review). */
export const ROLE_KEY = "role";

export type Role =
  "protection-service" | "svm" | "nsx-objects" | "threat-policy" | "traffic-mode-lock";

export interface LifecycleResourceProps {
  /** `null_resource` (hashicorp/null) or `terraform_data` (built in). */
  readonly resourceType: ResourceType;
  /** The Terraform resource name, stable across releases: state addresses depend on it. */
  readonly resourceName: string;
  readonly role: Role;
  /**
   * Values the resource is identified by: a change to any of them replaces it. Values may
   * reference `each.key` / `each.value.*` when `forEach` is set.
   */
  readonly triggers: Readonly<Record<string, string>>;
  /**
   * One instance per key of this expression (`${local.svm_hosts}`): instances are addressed by
   * key, never by position.
   * @default - a single instance
   */
  readonly forEach?: string;
  /** @default - none */
  readonly dependsOn?: readonly LifecycleResource[];
  /** Replace this resource whenever one of these is replaced or updated. @default - none */
  readonly replaceTriggeredBy?: readonly LifecycleResource[];
  /** @default false */
  readonly preventDestroy?: boolean;
  /** @default - no hook runs */
  readonly onCreate?: HookCommand;
  /** @default - no hook runs */
  readonly onDestroy?: HookCommand;
}

/**
 * One step of the protection lifecycle as a Terraform resource whose only job is to be
 * created, replaced and destroyed in the right order: `null_resource` or `terraform_data`,
 * with the same semantics (every trigger forces replacement).
 */
export class LifecycleResource extends Construct {
  public readonly resource: TerraformResource;
  /** `terraform_data.service`: how Terraform and plans name it. */
  public readonly address: string;
  public readonly resourceType: ResourceType;

  constructor(scope: Construct, id: string, props: LifecycleResourceProps) {
    super(scope, id);
    this.resourceType = props.resourceType;
    const triggers = { [ROLE_KEY]: props.role, ...props.triggers };
    const contextAttribute =
      props.resourceType === "null_resource" ? "triggers" : "triggers_replace";
    const provisioners = hookProvisioners({
      onCreate: props.onCreate,
      onDestroy: props.onDestroy,
      contextAttribute,
      contextKeys: Object.keys(props.triggers),
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
    this.resource.overrideLogicalId(props.resourceName);
    this.address = `${props.resourceType}.${props.resourceName}`;
    // One override per resource is cheap (cdktf's overrides cost per resource, not per value).
    if (props.forEach) this.resource.addOverride("for_each", props.forEach);
  }
}
