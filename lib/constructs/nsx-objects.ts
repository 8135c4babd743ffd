import { Construct } from "constructs";
import { z } from "zod";
import { hooksSchema, type Hooks } from "../estate/schema";
import { validateConstructProps } from "./construct-props";
import { LifecycleResource } from "./lifecycle-resource";
import { managerTriggers } from "./manager-identity";
import { ProtectionService } from "./protection-service";
import { SvmFleet } from "./svm-fleet";
import { CREATE_ENVIRONMENT, type FailurePolicy, type ManagerKind } from "../contract";

/**
 * What the service's NSX objects are in each kind of manager. Without the estate's introspection
 * they are all the component's installation creates, as the site's createObjects does it: on
 * NSX-V, the partner service profile, Service Composer groups and a security policy with Network
 * Introspection rules; on NSX-T, the service profile, service chain, groups and east-west
 * redirection policy (the service segment is a resource of its own: it must exist before the
 * deployments). With introspection, groups and rules are resources of their own (NsxGroups,
 * RedirectionRules) and the objects are the service's: its profile, and on NSX-T the chain.
 */
export const NSX_OBJECTS: Readonly<Record<ManagerKind, readonly string[]>> = {
  "nsx-v": ["service-profile", "security-group", "security-policy"],
  "nsx-t": ["service-profile", "service-chain", "group", "east-west-policy"],
};
export const SERVICE_OBJECTS: Readonly<Record<ManagerKind, readonly string[]>> = {
  "nsx-v": ["service-profile"],
  "nsx-t": ["service-profile", "service-chain"],
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
  /**
   * The groups and rules are the estate's (NsxGroups, RedirectionRules): the objects are the
   * service's own, and createObjects gets the failure policy of the chain it creates.
   * @default - groups and rules are the site's createObjects'
   */
  readonly introspection?: { readonly failurePolicy: FailurePolicy };
  /** `createObjects` and `removeObjects` are used here. @default - no hooks */
  readonly hooks?: Hooks;
}

const propsSchema = z.object({ hooks: hooksSchema.prefault({}) });

/** The NSX objects the Network Threat Protection installation creates, as one lifecycle step. */
export class NsxObjects extends Construct {
  public readonly objects: readonly string[];
  public readonly service: ProtectionService;
  public readonly resource: LifecycleResource<"nsx-objects">;

  constructor(scope: Construct, id: string, props: NsxObjectsProps) {
    super(scope, id);
    const valid = validateConstructProps(propsSchema, props, this.node.path);
    const service = props.service;
    const introspection = props.introspection;
    this.service = service;
    this.objects = (introspection ? SERVICE_OBJECTS : NSX_OBJECTS)[service.manager.kind];
    this.resource = new LifecycleResource(this, "objects", {
      resourceType: service.resourceType,
      role: "nsx-objects",
      managerKind: service.manager.kind,
      triggers: {
        ...managerTriggers(service.manager),
        traffic_mode: service.trafficMode,
        objects: this.objects.join(","),
      },
      after: [service.registration, ...(props.fleet ? [props.fleet.deployments] : [])],
      hooks: valid.hooks,
      createEnvironment: introspection
        ? { [CREATE_ENVIRONMENT.failurePolicy]: introspection.failurePolicy }
        : undefined,
    });
  }
}
