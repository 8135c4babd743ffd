import { Construct } from "constructs";
import { z } from "zod";
import {
  hooksSchema,
  kscSchema,
  managerSchema,
  resourceTypeSchema,
  type Hooks,
  type KscEndpoint,
  type KscEndpointInput,
} from "../estate/schema";
import { validateProps } from "../estate/validation";
import { LifecycleResource } from "./lifecycle-resource";
import { managerTriggers, type ManagerIdentity } from "./manager-identity";
import { type ResourceType, type TrafficMode } from "../contract";

export interface ProtectionServiceProps {
  readonly manager: ManagerIdentity;
  /**
   * Fixed at registration on NSX-V: a change replaces the service and everything registered
   * under it. NSX-T supports standard only (see lib/rules).
   * @default "standard"
   */
  readonly trafficMode?: TrafficMode;
  /** HTTP(S) URL of the network protection SVM image (.ovf or .xml). */
  readonly svmImageUrl: string;
  /** Kaspersky Security Center Administration Server the SVMs report to. */
  readonly ksc: KscEndpointInput;
  /**
   * Make a traffic-mode change fail at plan time (a `traffic_mode_lock` resource with
   * prevent_destroy). Unlock by setting it to false, in the same change or before.
   * @default false
   */
  readonly lockTrafficMode?: boolean;
  /** @default "null_resource" */
  readonly resourceType?: ResourceType;
  /** `register` and `unregister` are used here. @default - no hooks */
  readonly hooks?: Hooks;
}

const propsSchema = z.object({
  manager: managerSchema.pick({ name: true, kind: true, address: true }),
  trafficMode: managerSchema.shape.trafficMode,
  svmImageUrl: managerSchema.shape.svmImageUrl,
  ksc: kscSchema,
  lockTrafficMode: managerSchema.shape.lockTrafficMode,
  resourceType: resourceTypeSchema,
  hooks: hooksSchema.prefault({}),
});

/**
 * The registration of the Kaspersky Network Protection service in one NSX Manager.
 * Everything the registration wizard asks for is part of its identity: changing any of it is
 * a new registration (unregister, register), and the SVMs and NSX objects follow it.
 */
export class ProtectionService extends Construct {
  public readonly manager: ManagerIdentity;
  public readonly trafficMode: TrafficMode;
  public readonly ksc: KscEndpoint;
  public readonly resourceType: ResourceType;
  public readonly registration: LifecycleResource<"protection-service">;
  /** Present when lockTrafficMode is true. */
  public readonly trafficModeLock?: LifecycleResource<"traffic-mode-lock">;

  constructor(scope: Construct, id: string, props: ProtectionServiceProps) {
    super(scope, id);
    const valid = validateProps(propsSchema, props, this.node.path);
    this.manager = valid.manager;
    this.trafficMode = valid.trafficMode;
    this.ksc = valid.ksc;
    this.resourceType = valid.resourceType;

    this.registration = new LifecycleResource(this, "registration", {
      resourceType: valid.resourceType,
      role: "protection-service",
      managerKind: valid.manager.kind,
      triggers: {
        ...managerTriggers(valid.manager),
        traffic_mode: valid.trafficMode,
        svm_image_url: valid.svmImageUrl,
        ksc_address: valid.ksc.address,
        ksc_port: String(valid.ksc.port),
      },
      hooks: valid.hooks,
    });

    if (valid.lockTrafficMode) {
      // Only the traffic mode is locked: an image upgrade still replaces the service freely.
      this.trafficModeLock = new LifecycleResource(this, "lock", {
        resourceType: valid.resourceType,
        role: "traffic-mode-lock",
        managerKind: valid.manager.kind,
        triggers: { manager: valid.manager.name, traffic_mode: valid.trafficMode },
        preventDestroy: true,
      });
    }
  }
}
