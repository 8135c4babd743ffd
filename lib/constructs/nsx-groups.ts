import { Construct } from "constructs";
import { z } from "zod";
import { type GroupMember } from "../contract";
import { groupSchema, hooksSchema, type GroupSpec, type Hooks } from "../estate/schema";
import { validateConstructProps } from "./construct-props";
import { LifecycleResource } from "./lifecycle-resource";
import { managerTriggers } from "./manager-identity";
import { setPreResolvedLocal } from "./pre-resolved";
import type { ProtectionService } from "./protection-service";

export interface NsxGroupsProps {
  /** The manager (and resource type) the groups belong to; they are not tied to its registration. */
  readonly service: ProtectionService;
  /** NSX groups (NSX-T) or security groups (NSX-V): a VM matching any criterion is a member. */
  readonly groups: ReadonlyArray<z.input<typeof groupSchema>>;
  /** `applyGroup` and `removeGroup` are used here. @default - no hooks */
  readonly hooks?: Hooks;
}

const propsSchema = z.object({ groups: z.array(groupSchema), hooks: hooksSchema.prefault({}) });

/** A group's members as the hooks get them (KSV_GROUP_MEMBERS) and the plan shows them. */
export function membersJson(members: readonly GroupMember[]): string {
  return JSON.stringify(members);
}

/**
 * The NSX groups of a manager, each as two resources: its life (`group["web"]`: removed with
 * removeGroup when it leaves the estate) and its members (`group_members["web"]`: replaced, so
 * applyGroup runs again, when they change). Terraform's null and terraform_data resources know
 * only create and destroy; splitting what a change re-applies from what a removal removes is how
 * a member change runs applyGroup alone and never removes the group a rule may still use.
 */
export class NsxGroups extends Construct {
  public readonly groups: readonly GroupSpec[];
  public readonly lifetimes: LifecycleResource<"nsx-group">;
  public readonly members: LifecycleResource<"group-members">;

  constructor(scope: Construct, id: string, props: NsxGroupsProps) {
    super(scope, id);
    const valid = validateConstructProps(propsSchema, props, this.node.path);
    this.groups = valid.groups;
    const { service } = props;
    const forEach = setPreResolvedLocal(
      this,
      "nsx_groups",
      Object.fromEntries(
        valid.groups.map((group) => [group.name, { group_members: membersJson(group.members) }]),
      ),
    );
    const common = {
      resourceType: service.resourceType,
      managerKind: service.manager.kind,
      forEach,
      hooks: valid.hooks,
    };
    this.lifetimes = new LifecycleResource(this, "lifetimes", {
      ...common,
      role: "nsx-group",
      triggers: { ...managerTriggers(service.manager), group: "${each.key}" },
    });
    this.members = new LifecycleResource(this, "members", {
      ...common,
      role: "group-members",
      triggers: {
        ...managerTriggers(service.manager),
        group: "${each.key}",
        group_members: "${each.value.group_members}",
      },
    });
  }
}
