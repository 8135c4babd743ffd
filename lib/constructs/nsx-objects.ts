import { Construct } from "constructs";
import { z } from "zod";
import { hooksSchema, type Hooks } from "../estate/schema";
import { validateProps } from "../estate/validation";
import { LifecycleResource } from "./lifecycle-resource";
import { managerTriggers } from "./manager-identity";
import { ProtectionService } from "./protection-service";
import { SvmFleet } from "./svm-fleet";
import { type ManagerKind } from "../contract";

/**
 * What the component's installation creates in each kind of manager (README: what gets planned,
 * and why): on NSX-V,
 * Service Composer groups and a policy with Network Introspection rules redirecting traffic to
 * the partner service profile; on NSX-T, the service insertion objects for east-west
 * introspection that redirect traffic to the deployed SVMs (the service segment is a resource of
 * its own: it must exist before the deployments).
 */
export const NSX_OBJECTS: Readonly<Record<ManagerKind, readonly string[]>> = {
  "nsx-v": ["service-profile", "security-group", "security-policy"],
  "nsx-t": ["service-profile", "service-chain", "group", "east-west-policy"],
};

export interface NsxObjectsProps {
  /** The registration the objects refer to: replacing it replaces them. */
  readonly service: ProtectionService;
  /**
   * SVMs that must exist before traffic is redirected to them (and that are removed only after
   * the redirection is gone).
   * @default - the objects depend on the service only
   */
  readonly fleet?: SvmFleet;
  /** `createObjects` and `removeObjects` are used here. @default - no hooks */
  readonly hooks?: Hooks;
}

const propsSchema = z.object({ hooks: hooksSchema.prefault({}) });

/** The NSX objects the Network Threat Protection installation creates, as one lifecycle step. */
export class NsxObjects extends Construct {
  public readonly objects: readonly string[];
  public readonly resource: LifecycleResource<"nsx-objects">;

  constructor(scope: Construct, id: string, props: NsxObjectsProps) {
    super(scope, id);
    const valid = validateProps(propsSchema, props, this.node.path);
    const service = props.service;
    this.objects = NSX_OBJECTS[service.manager.kind];
    this.resource = new LifecycleResource(this, "objects", {
      resourceType: service.resourceType,
      role: "nsx-objects",
      managerKind: service.manager.kind,
      triggers: {
        ...managerTriggers(service.manager),
        traffic_mode: service.trafficMode,
        objects: this.objects.join(","),
      },
      after: props.fleet ? [service.registration, props.fleet.deployments] : [service.registration],
      hooks: valid.hooks,
    });
  }
}
