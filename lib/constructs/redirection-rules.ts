import { Construct } from "constructs";
import { z } from "zod";
import { FAILURE_POLICIES, type FailurePolicy, type RedirectionRule } from "../contract";
import { hooksSchema, ruleSchema, type Hooks, type RuleSpec } from "../estate/schema";
import { validateConstructProps } from "./construct-props";
import { LifecycleResource } from "./lifecycle-resource";
import { managerTriggers } from "./manager-identity";
import type { NsxGroups } from "./nsx-groups";
import type { NsxObjects } from "./nsx-objects";

export interface RedirectionRulesProps {
  /** The service's objects the rules redirect to: re-created with them (a re-registration). */
  readonly objects: NsxObjects;
  /** The groups the rules name: their members are applied before the rules. */
  readonly groups: NsxGroups;
  /** In order: the first rule that matches a flow applies. */
  readonly rules: ReadonlyArray<z.input<typeof ruleSchema>>;
  /** What redirected traffic does while its host has no running SVM. */
  readonly failurePolicy: FailurePolicy;
  /** `applyRules` is used here. @default - no hooks */
  readonly hooks?: Hooks;
}

const propsSchema = z.object({
  rules: z.array(ruleSchema),
  failurePolicy: z.enum(FAILURE_POLICIES),
  hooks: hooksSchema.prefault({}),
});

/** The rules as the hooks get them (KSV_RULES) and the plan shows them. */
export function rulesJson(rules: readonly RedirectionRule[]): string {
  return JSON.stringify(rules);
}

/**
 * The ordered redirection (Network Introspection) rules of a manager and the failure policy, as
 * one resource: any change replaces it, and applyRules writes the whole list (and, on NSX-T, the
 * chain's failure policy) again. It runs nothing when it goes: the rules go with the service's
 * objects (removeObjects removes the redirection first).
 */
export class RedirectionRules extends Construct {
  public readonly rules: readonly RuleSpec[];
  public readonly failurePolicy: FailurePolicy;
  public readonly resource: LifecycleResource<"redirection-rules">;

  constructor(scope: Construct, id: string, props: RedirectionRulesProps) {
    super(scope, id);
    const valid = validateConstructProps(propsSchema, props, this.node.path);
    this.rules = valid.rules;
    this.failurePolicy = valid.failurePolicy;
    const service = props.objects.service;
    this.resource = new LifecycleResource(this, "rules", {
      resourceType: service.resourceType,
      role: "redirection-rules",
      managerKind: service.manager.kind,
      triggers: {
        ...managerTriggers(service.manager),
        traffic_mode: service.trafficMode,
        rules: rulesJson(valid.rules),
        failure_policy: valid.failurePolicy,
      },
      after: [props.objects.resource, props.groups.members],
      hooks: valid.hooks,
    });
  }
}
