import { Aspects } from "cdktf";
import { Construct } from "constructs";
import { ClusterInventory } from "../estate/cluster-inventory";
import { validateConstructProps } from "./construct-props";
import {
  acknowledgementsSchema,
  hooksSchema,
  kscSchema,
  managerSchema,
  resourceTypeSchema,
  type ClusterInput,
  type Hooks,
  type KscEndpointInput,
  type ManagerSpec,
  type IntrospectionInput,
  type ThreatPolicyInput,
} from "../estate/schema";
import type { ManagerAcknowledgement } from "../rules/acknowledgements";
import { ProtectionRules, type IRuleSubject } from "../rules/protection-rules";
import { AcknowledgedWarnings } from "./acknowledged-warnings";
import { NsxGroups } from "./nsx-groups";
import { NsxObjects } from "./nsx-objects";
import { RedirectionRules } from "./redirection-rules";
import { ProtectionService } from "./protection-service";
import { ServiceSegment } from "./service-segment";
import { SvmFleet } from "./svm-fleet";
import { ThreatActionPolicy } from "./threat-action-policy";
import {
  type ManagerKind,
  type ResourceType,
  type TrafficMode,
  type WarningRuleId,
} from "../contract";

/** A warning rule the site accepts for this manager, and why. */
export interface AcknowledgementProps {
  /** A warning rule's id (an error rule cannot be acknowledged). */
  readonly rule: WarningRuleId;
  /**
   * Why the site accepts it: one line of letters, digits, spaces and common punctuation (no `$`,
   * braces or backticks: it is written into the stack), at most 300 characters.
   */
  readonly reason: string;
}

/**
 * Values Terraform can resolve later may be tokens (a TerraformVariable, a TerraformLocal, another
 * resource's attribute): `address`, `svmImageUrl`, `ksc.address`, `ksc.port` and each cluster's
 * `datastore`, `network`, `ipPool` and `computeManager`. They are not validated, and the stack
 * holds the reference (`${var.ksc_address}`). Everything else decides the shape of the stack or is
 * judged by the protection rules at synth, and must be literal: a token there is an error naming
 * the property (lib/estate/token-fields says why, field by field).
 */
export interface NetworkThreatProtectionProps {
  /**
   * The manager's name: lowercase letters, digits and '-'. Literal: it names the stack's resources
   * (their manager key) and, in ProtectionStack, the stack and its state.
   */
  readonly name: string;
  /** Literal: it decides which resources the stack holds and which rules apply. */
  readonly kind: ManagerKind;
  /** NSX Manager host name or IPv4 address. May be a token. */
  readonly address: string;
  /**
   * Literal: the protection rules judge it, and a change re-registers the service.
   * @default "standard"
   */
  readonly trafficMode?: TrafficMode;
  /** Literal: it decides whether the stack holds a traffic_mode_lock. @default false */
  readonly lockTrafficMode?: boolean;
  /** HTTP(S) URL of the network protection SVM image (.ovf or .xml). May be a token. */
  readonly svmImageUrl: string;
  /**
   * The list and each cluster's name and hosts are literal (names are for_each keys and state
   * addresses; hosts are checked once across the stack and sorted); a cluster's datastore,
   * network, ipPool and computeManager may be tokens.
   * @see SvmFleetProps.clusters
   */
  readonly clusters: readonly ClusterInput[] | ClusterInventory;
  /**
   * What NSX redirects to the SVMs (groups, ordered rules) and what a missing SVM does to it
   * (failurePolicy). Literal: groups are for_each keys, and the rules judge them.
   * @default - none managed: the site's createObjects sets up groups and redirection
   */
  readonly introspection?: IntrospectionInput;
  /**
   * Literal: the protection rules judge it, and the plan review compares it field by field.
   * @default - see ThreatActionPolicyProps.policy
   */
  readonly policy?: ThreatPolicyInput;
  /**
   * Kaspersky Security Center Administration Server: address and port may be tokens.
   * Port @default 13000
   */
  readonly ksc: KscEndpointInput;
  /** Literal. @default "null_resource" */
  readonly resourceType?: ResourceType;
  /** Literal: a command reaches the shell as written. @default - no hooks */
  readonly hooks?: Hooks;
  /**
   * Warnings the site has decided about (cdk-nag's suppressions, as data): each finding of such
   * a rule is reported at synth as acknowledged, with the reason, instead of as a warning, and
   * the stack's `acknowledged_warnings` output carries rule → reason into its plan, where the
   * plan review lists them. One entry per rule; one that silences nothing is a warning. Literal.
   * @default - none
   */
  readonly acknowledge?: readonly AcknowledgementProps[];
}

// Clusters are validated by SvmFleet (ClusterInventory): they are most of the data, and an
// estate's arrive validated already.
const propsSchema = managerSchema.omit({ clusters: true }).extend({
  ksc: kscSchema,
  resourceType: resourceTypeSchema,
  hooks: hooksSchema.prefault({}),
  acknowledge: acknowledgementsSchema.default([]),
});

/**
 * Kaspersky Network Threat Protection in one NSX Manager: the service registration, on NSX-T the
 * service segment, one service deployment per cluster (an SVM on every host, upgraded in place),
 * the NSX objects, the groups and redirection rules the estate declares, and the threat-action
 * policy, wired in lib/contract's order. The protection rules (lib/rules) are applied to it at
 * every synth.
 */
export class NetworkThreatProtection extends Construct implements IRuleSubject {
  /** The validated model, defaults applied: what the rules and the resources are built from. */
  public readonly spec: ManagerSpec;
  public readonly service: ProtectionService;
  /** NSX-T only: the service segment the SVMs connect to. */
  public readonly segment?: ServiceSegment;
  public readonly fleet: SvmFleet;
  public readonly nsxObjects: NsxObjects;
  /** With the estate's introspection: the groups and the redirection rules. */
  public readonly groups?: NsxGroups;
  public readonly redirection?: RedirectionRules;
  public readonly policy: ThreatActionPolicy;
  /** Warning rules the site accepts for this manager, and why (the `acknowledge` prop). */
  public readonly acknowledgements: readonly ManagerAcknowledgement[];

  constructor(scope: Construct, id: string, props: NetworkThreatProtectionProps) {
    super(scope, id);
    const { clusters, ...rest } = props;
    const { ksc, resourceType, hooks, acknowledge, ...settings } = validateConstructProps(
      propsSchema,
      rest,
      this.node.path,
    );
    const manager = { name: settings.name, kind: settings.kind, address: settings.address };

    this.service = new ProtectionService(this, "service", {
      manager,
      trafficMode: settings.trafficMode,
      svmImageUrl: settings.svmImageUrl,
      ksc,
      lockTrafficMode: settings.lockTrafficMode,
      resourceType,
      hooks,
    });
    if (settings.kind === "nsx-t") {
      this.segment = new ServiceSegment(this, "segment", { service: this.service, hooks });
    }
    this.fleet = new SvmFleet(this, "fleet", {
      service: this.service,
      segment: this.segment,
      clusters,
      hooks,
    });
    const introspection = settings.introspection;
    if (introspection) {
      this.groups = new NsxGroups(this, "groups", {
        service: this.service,
        groups: introspection.groups,
        hooks,
      });
    }
    this.nsxObjects = new NsxObjects(this, "nsx-objects", {
      service: this.service,
      fleet: this.fleet,
      introspection: introspection && { failurePolicy: introspection.failurePolicy },
      hooks,
    });
    if (introspection && this.groups) {
      this.redirection = new RedirectionRules(this, "redirection", {
        objects: this.nsxObjects,
        groups: this.groups,
        rules: introspection.rules,
        failurePolicy: introspection.failurePolicy,
        hooks,
      });
    }
    this.policy = new ThreatActionPolicy(this, "policy", {
      manager,
      policy: settings.policy,
      resourceType,
      hooks,
    });
    this.spec = { ...settings, clusters: [...this.fleet.clusters] };
    this.acknowledgements = acknowledge;
    new AcknowledgedWarnings(this, "acknowledged", {
      spec: this.spec,
      acknowledgements: acknowledge,
    });

    Aspects.of(this).add(new ProtectionRules());
  }
}
