import { Construct } from "constructs";
import { z } from "zod";
import { hooksSchema, type Hooks } from "../estate/schema";
import { validateConstructProps } from "./construct-props";
import { LifecycleResource } from "./lifecycle-resource";
import { managerTriggers } from "./manager-identity";
import type { ProtectionService } from "./protection-service";

export interface ServiceSegmentProps {
  /** The manager (and resource type) the segment belongs to; the segment is not tied to it. */
  readonly service: ProtectionService;
  /** `createSegment` and `removeSegment` are used here. @default - no hooks */
  readonly hooks?: Hooks;
}

const propsSchema = z.object({ hooks: hooksSchema.prefault({}) });

/**
 * The NSX-T overlay service segment that connects the partner SVMs: east-west service insertion
 * needs it before any service deployment (VMware's prerequisites), and NSX-T keeps it apart from
 * any service registration (`/infra/segments/service-segments`, a name and a transport zone), so
 * re-registering the service does not replace it. Deployments depend on it: it is created before
 * the first and removed after the last.
 */
export class ServiceSegment extends Construct {
  public readonly resource: LifecycleResource<"service-segment">;

  constructor(scope: Construct, id: string, props: ServiceSegmentProps) {
    super(scope, id);
    const valid = validateConstructProps(propsSchema, props, this.node.path);
    this.resource = new LifecycleResource(this, "segment", {
      resourceType: props.service.resourceType,
      role: "service-segment",
      managerKind: props.service.manager.kind,
      triggers: managerTriggers(props.service.manager),
      hooks: valid.hooks,
    });
  }
}
