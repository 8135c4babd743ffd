import { Fn } from "cdktf";
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
import { isToken, validateConstructProps } from "./construct-props";
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
  /** HTTP(S) URL of the network protection SVM image (.ovf or .xml). May be a token. */
  readonly svmImageUrl: string;
  /** Kaspersky Security Center Administration Server the SVMs report to; may be tokens. */
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
 * The registration of the Kaspersky Network Protection service in one NSX Manager. What the
 * registration wizard asks for (traffic mode, KSC endpoint) is its identity: changing it is a new
 * registration (unregister, register), and the SVMs and NSX objects follow it. The SVM image is
 * not: NSX upgrades SVMs in place (SvmFleet's svm_image).
 */
export class ProtectionService extends Construct {
  public readonly manager: ManagerIdentity;
  public readonly trafficMode: TrafficMode;
  public readonly ksc: KscEndpoint;
  public readonly resourceType: ResourceType;
  /** The image SVMs are deployed from now; a change upgrades them (SvmFleet), not the service. */
  public readonly svmImageUrl: string;
  /** What a re-registration is decided by: everything the wizard asks but the image. */
  public readonly identity: LifecycleResource<"service-identity">;
  public readonly registration: LifecycleResource<"protection-service">;
  /** Present when lockTrafficMode is true. */
  public readonly trafficModeLock?: LifecycleResource<"traffic-mode-lock">;

  constructor(scope: Construct, id: string, props: ProtectionServiceProps) {
    super(scope, id);
    const valid = validateConstructProps(propsSchema, props, this.node.path);
    this.manager = valid.manager;
    this.trafficMode = valid.trafficMode;
    this.ksc = valid.ksc;
    this.resourceType = valid.resourceType;
    this.svmImageUrl = valid.svmImageUrl;

    const registered = {
      ...managerTriggers(valid.manager),
      traffic_mode: valid.trafficMode,
      ksc_address: valid.ksc.address,
      // A port from a variable is a number token: written as a string, as a literal port is
      // (terraform_data keeps types: 13000 and "13000" would differ, and replace the service).
      ksc_port: isToken(valid.ksc.port) ? Fn.tostring(valid.ksc.port) : String(valid.ksc.port),
    };
    this.identity = new LifecycleResource(this, "identity", {
      resourceType: valid.resourceType,
      role: "service-identity",
      managerKind: valid.manager.kind,
      triggers: registered,
    });
    // The registration keeps the keys 0.1 wrote (the image among them), so a stack of 0.1 plans
    // no replacement; they are written at registration and never compared again. What replaces it
    // is its identity (the contract's REPLACED_WITH): a new image is an upgrade in place.
    this.registration = new LifecycleResource(this, "registration", {
      resourceType: valid.resourceType,
      role: "protection-service",
      managerKind: valid.manager.kind,
      triggers: { ...registered, svm_image_url: valid.svmImageUrl },
      after: [this.identity],
      keysFixedAtCreation: true,
      hooks: valid.hooks,
    });

    if (valid.lockTrafficMode) {
      // Only the traffic mode is locked: an image change upgrades the SVMs in place anyway.
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
