import { UserError } from "../cli/run-command";
import type { Role } from "../constructs/lifecycle-resource";
import { diffPolicies, type PolicyDiff } from "./policy-diff";
import {
  CHANGE_KINDS,
  changeKindOf,
  type ChangeKind,
  type LoadedPlan,
  type ResourceChange,
} from "./plan-json";

/*
 * Plans → facts, per NSX Manager, as plain data. Renderers turn these into text; nothing here
 * formats a sentence. Only the values of KNOWN_KEYS ever leave this file, so a plan holding
 * secrets elsewhere (other resources, other attributes) cannot leak through a review.
 */

export const ROLES = [
  "protection-service",
  "svm",
  "nsx-objects",
  "threat-policy",
  "traffic-mode-lock",
] as const satisfies readonly Role[];

/** The trigger keys each role stores (lib/constructs); the only values a review may print. */
const KNOWN_KEYS: Readonly<Record<Role, readonly string[]>> = {
  "protection-service": [
    "role",
    "manager",
    "manager_kind",
    "manager_address",
    "traffic_mode",
    "svm_image_url",
    "ksc_address",
    "ksc_port",
  ],
  svm: [
    "role",
    "manager",
    "manager_kind",
    "manager_address",
    "traffic_mode",
    "host",
    "cluster",
    "datastore",
    "network",
  ],
  "nsx-objects": ["role", "manager", "manager_kind", "manager_address", "traffic_mode", "objects"],
  "threat-policy": ["role", "manager", "manager_kind", "manager_address", "policy"],
  "traffic-mode-lock": ["role", "manager", "traffic_mode"],
};

const ROLE_KEY = ["role"];

/** Shown instead of a value Terraform marks sensitive. */
export const SENSITIVE_VALUE = "(sensitive)";
/** Shown instead of a value Terraform knows only after apply. */
export const UNKNOWN_VALUE = "(known after apply)";
/** The group of resources that carry no manager key. */
export const UNKNOWN_MANAGER = "(no manager)";

/** The attribute each resource type keeps its keys in. */
const TRIGGER_ATTRIBUTE: Readonly<Record<string, string>> = {
  null_resource: "triggers",
  terraform_data: "triggers_replace",
};

export const EXIT_OK = 0;
export const EXIT_DISRUPTIVE = 2;

export type ChangeCounts = Record<ChangeKind, number>;

/** A known key whose value differs between before and after. */
export interface ValueChange {
  readonly field: string;
  readonly before: string | null;
  readonly after: string | null;
}

/**
 * Something a reviewer must see, as data. `disruptive` findings make the review fail (exit 2)
 * unless disruption is allowed; `notice` findings are shown only.
 */
export type Finding =
  | { readonly id: "traffic-mode-change"; readonly before: string; readonly after: string }
  | { readonly id: "service-replaced"; readonly changedFields: readonly string[] }
  | { readonly id: "service-deleted" }
  | { readonly id: "svms-replaced"; readonly hostCount: number }
  | { readonly id: "nsx-objects-deleted" }
  | { readonly id: "svms-deleted"; readonly hostCount: number }
  | { readonly id: "nsx-objects-replaced" }
  | { readonly id: "traffic-mode-lock-removed" };

export type FindingId = Finding["id"];

const DISRUPTIVE_FINDINGS: ReadonlySet<FindingId> = new Set<FindingId>([
  "traffic-mode-change",
  "service-replaced",
  "service-deleted",
  "svms-replaced",
  "nsx-objects-deleted",
]);

export function isDisruptive(finding: Finding): boolean {
  return DISRUPTIVE_FINDINGS.has(finding.id);
}

/** Hosts left without an SVM for part of the apply (their SVM is removed or replaced). */
export interface ProtectionGap {
  readonly hostCount: number;
  /** Every host, in plan order (Terraform sorts instances by key). */
  readonly hosts: readonly string[];
  /** Hosts per vSphere cluster, in order of first appearance. */
  readonly clusters: ReadonlyArray<{ readonly name: string; readonly hostCount: number }>;
}

export interface PolicyReview {
  readonly change: ChangeKind;
  /** Present when both the current and the planned policy exist (update or replace). */
  readonly diff: PolicyDiff | null;
  /** The policy value is sensitive or unknown: no diff possible. */
  readonly hidden: boolean;
}

/** A step of the protection lifecycle that the plan runs, in Terraform's order. */
export type ApplyStepId =
  | "remove-nsx-objects"
  | "remove-svms"
  | "unregister-service"
  | "register-service"
  | "deploy-svms"
  | "create-nsx-objects";

export interface ApplyStep {
  readonly id: ApplyStepId;
  /** Resource instances the step acts on (SVMs: hosts). */
  readonly count: number;
  /** The traffic mode of the registration that is removed or created (service steps only). */
  readonly trafficMode?: string;
}

/**
 * The order Terraform follows. `edges` link a step to the next one that waits for it, following
 * the stack's dependencies (objects → SVMs → service); steps without an edge are independent.
 * The threat policy depends on nothing and runs beside them.
 */
export interface ApplyOrder {
  readonly steps: readonly ApplyStep[];
  readonly edges: ReadonlyArray<readonly [ApplyStepId, ApplyStepId]>;
  readonly policy: "apply" | "remove" | null;
}

export interface ManagerReview {
  readonly name: string;
  /** nsx-v or nsx-t, as the resources say. */
  readonly kind: string | null;
  readonly address: string | null;
  /** The plans (files) the manager's resources came from. */
  readonly sources: readonly string[];
  /** The service's traffic mode before and after; null where the service does not exist. */
  readonly trafficMode: { readonly before: string | null; readonly after: string | null };
  readonly counts: Record<Role, ChangeCounts>;
  /** Known keys of the protection service that change (why it is replaced). */
  readonly serviceChanges: readonly ValueChange[];
  readonly protectionGap: ProtectionGap | null;
  readonly policy: PolicyReview | null;
  readonly applyOrder: ApplyOrder;
  readonly findings: readonly Finding[];
  readonly disruptive: boolean;
  /** Whether any resource is replaced (the case the apply order matters most). */
  readonly hasReplacements: boolean;
  /** Whether anything changes at all. */
  readonly hasChanges: boolean;
}

export interface InputReview {
  readonly source: string;
  readonly formatVersion: string;
  readonly terraformVersion: string | null;
  /** false: Terraform will need another plan after this one (targeting, deferred changes). */
  readonly complete: boolean;
  /** Resources of the protection model in this plan. */
  readonly reviewedResourceCount: number;
  /** Other resources in the plan (other types, other roles), left out of the review. */
  readonly ignoredResourceCount: number;
  readonly managers: readonly string[];
}

export interface PlanReview {
  readonly inputs: readonly InputReview[];
  readonly managers: readonly ManagerReview[];
  readonly disruptive: boolean;
}

type KnownValues = Readonly<Record<string, string | undefined>>;

interface ModelResource {
  readonly role: Role;
  readonly kind: ChangeKind;
  readonly before: KnownValues | null;
  readonly after: KnownValues | null;
  /** after where it exists, before otherwise: the values that describe the instance. */
  readonly current: KnownValues;
  /**
   * Known keys whose values differ, compared before sensitive values are masked: a hidden value
   * that changes is reported as changed. Read for the protection service only.
   */
  readonly changedFields: readonly string[];
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** `true` for the whole map, or the map's keys that are marked. */
function markedKeys(marks: unknown, attribute: string): true | Record<string, unknown> {
  const mark = asObject(marks)?.[attribute];
  if (mark === true) return true;
  return asObject(mark) ?? {};
}

const URL_KEY = "svm_image_url";

/** The estate refuses credentials in the image URL; a hand-edited stack may not have. */
function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1***@");
}

/** The known keys of one side of a change; sensitive and unknown values replaced by markers. */
function knownValues(
  state: unknown,
  sensitiveMarks: unknown,
  unknownMarks: unknown,
  attribute: string,
  keys: readonly string[],
): KnownValues | null {
  const triggers = asObject(asObject(state)?.[attribute]);
  const sensitive = markedKeys(sensitiveMarks, attribute);
  const unknown = markedKeys(unknownMarks, attribute);
  if (!triggers && unknown !== true) return null;
  const values: Record<string, string | undefined> = {};
  for (const key of keys) {
    const raw = triggers?.[key];
    if (sensitive === true || sensitive[key] === true) values[key] = SENSITIVE_VALUE;
    else if (unknown === true || unknown[key] === true) values[key] = UNKNOWN_VALUE;
    else if (typeof raw === "string") values[key] = key === URL_KEY ? withoutCredentials(raw) : raw;
    else if (typeof raw === "number" || typeof raw === "boolean") values[key] = String(raw);
  }
  return values;
}

function roleOf(value: string | undefined): Role | undefined {
  return (ROLES as readonly string[]).includes(value ?? "") ? (value as Role) : undefined;
}

/** Reads one resource change as a resource of the protection model, or undefined to ignore it. */
function modelResource(rc: ResourceChange, source: string): ModelResource | undefined {
  const attribute = TRIGGER_ATTRIBUTE[rc.type];
  if (!attribute || (rc.mode !== undefined && rc.mode !== "managed")) return undefined;
  const { change } = rc;
  const role = roleOf(
    knownValues(change.after, change.after_sensitive, undefined, attribute, ROLE_KEY)?.role ??
      knownValues(change.before, change.before_sensitive, undefined, attribute, ROLE_KEY)?.role,
  );
  if (!role) return undefined;
  const kind = changeKindOf(change.actions);
  if (kind === "read") return undefined;
  if (kind === undefined) {
    throw new UserError(
      `${source}: ${rc.address} has change actions ${JSON.stringify(change.actions)}, which this review does not know`,
    );
  }
  const keys = KNOWN_KEYS[role];
  const before =
    kind === "create"
      ? null
      : knownValues(change.before, change.before_sensitive, undefined, attribute, keys);
  const after =
    kind === "delete" || kind === "forget"
      ? null
      : knownValues(change.after, change.after_sensitive, change.after_unknown, attribute, keys);
  const changedFields =
    role === "protection-service" && before && after
      ? keys.filter(
          (key) =>
            key !== "role" &&
            triggerOf(change.before, attribute, key) !== triggerOf(change.after, attribute, key),
        )
      : [];
  return { role, kind, before, after, current: after ?? before ?? {}, changedFields };
}

function triggerOf(state: unknown, attribute: string, key: string): unknown {
  return asObject(asObject(state)?.[attribute])?.[key];
}

function emptyCounts(): ChangeCounts {
  return Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, 0])) as ChangeCounts;
}

const REMOVES: ReadonlySet<ChangeKind> = new Set(["delete", "replace"]);
const CREATES: ReadonlySet<ChangeKind> = new Set(["create", "replace"]);

/** Collects one manager's resources as they stream by; `review()` turns them into facts. */
class ManagerAccumulator {
  readonly sources: string[] = [];
  readonly counts = Object.fromEntries(ROLES.map((role) => [role, emptyCounts()])) as Record<
    Role,
    ChangeCounts
  >;
  private service?: ModelResource;
  private policy?: ModelResource;
  private lockRemoved = false;
  private kind?: string;
  private address?: string;
  private readonly gapHosts: string[] = [];
  private readonly gapClusters = new Map<string, number>();

  constructor(readonly name: string) {}

  add(resource: ModelResource, source: string): void {
    if (!this.sources.includes(source)) this.sources.push(source);
    this.counts[resource.role][resource.kind]++;
    this.kind ??= resource.current.manager_kind;
    this.address ??= resource.current.manager_address;
    switch (resource.role) {
      case "protection-service":
        // Of several services (one manager in two plans), the one that changes tells the story.
        if (!this.service || (this.service.kind === "no-op" && resource.kind !== "no-op")) {
          this.service = resource;
        }
        break;
      case "threat-policy":
        if (!this.policy || (this.policy.kind === "no-op" && resource.kind !== "no-op")) {
          this.policy = resource;
        }
        break;
      case "svm":
        if (REMOVES.has(resource.kind)) {
          const values = resource.before ?? resource.current;
          this.gapHosts.push(values.host ?? "(unnamed host)");
          const cluster = values.cluster ?? "(no cluster)";
          this.gapClusters.set(cluster, (this.gapClusters.get(cluster) ?? 0) + 1);
        }
        break;
      case "traffic-mode-lock":
        if (resource.kind === "delete") this.lockRemoved = true;
        break;
      default:
        break;
    }
  }

  review(): ManagerReview {
    const service = this.service;
    const trafficMode = {
      before: service?.before?.traffic_mode ?? null,
      after: service?.after?.traffic_mode ?? null,
    };
    const serviceChanges = service?.before && service.after ? changedValues(service) : [];
    const findings = this.findings(trafficMode, serviceChanges);
    const counts = this.counts;
    const hasChanges = ROLES.some((role) =>
      CHANGE_KINDS.some((kind) => kind !== "no-op" && counts[role][kind] > 0),
    );
    return {
      name: this.name,
      kind: service?.current.manager_kind ?? this.kind ?? null,
      address: service?.current.manager_address ?? this.address ?? null,
      sources: this.sources,
      trafficMode,
      counts,
      serviceChanges,
      protectionGap:
        this.gapHosts.length === 0
          ? null
          : {
              hostCount: this.gapHosts.length,
              hosts: this.gapHosts,
              clusters: [...this.gapClusters].map(([name, hostCount]) => ({ name, hostCount })),
            },
      policy: this.policyReview(),
      applyOrder: this.applyOrder(trafficMode),
      findings,
      disruptive: findings.some(isDisruptive),
      hasReplacements: ROLES.some((role) => counts[role].replace > 0),
      hasChanges,
    };
  }

  private findings(
    trafficMode: ManagerReview["trafficMode"],
    serviceChanges: readonly ValueChange[],
  ): Finding[] {
    const findings: Finding[] = [];
    const { counts } = this;
    const service = counts["protection-service"];
    if (trafficMode.before && trafficMode.after && trafficMode.before !== trafficMode.after) {
      findings.push({
        id: "traffic-mode-change",
        before: trafficMode.before,
        after: trafficMode.after,
      });
    }
    if (service.replace > 0) {
      findings.push({ id: "service-replaced", changedFields: serviceChanges.map((c) => c.field) });
    }
    if (service.delete > 0) findings.push({ id: "service-deleted" });
    if (counts.svm.replace > 0)
      findings.push({ id: "svms-replaced", hostCount: counts.svm.replace });
    if (counts["nsx-objects"].delete > 0) findings.push({ id: "nsx-objects-deleted" });
    if (counts.svm.delete > 0) findings.push({ id: "svms-deleted", hostCount: counts.svm.delete });
    // Re-registering the service redeploys the objects anyway; said once is enough.
    if (counts["nsx-objects"].replace > 0 && service.replace === 0) {
      findings.push({ id: "nsx-objects-replaced" });
    }
    if (this.lockRemoved) findings.push({ id: "traffic-mode-lock-removed" });
    return findings;
  }

  private policyReview(): PolicyReview | null {
    const policy = this.policy;
    if (!policy) return null;
    const before = policy.before?.policy;
    const after = policy.after?.policy;
    const markers = [SENSITIVE_VALUE, UNKNOWN_VALUE];
    const hidden = [before, after].some((value) => value !== undefined && markers.includes(value));
    const comparable =
      !hidden && before !== undefined && after !== undefined && policy.kind !== "no-op";
    return {
      change: policy.kind,
      diff: comparable ? diffPolicies(before, after) : null,
      hidden,
    };
  }

  private applyOrder(trafficMode: ManagerReview["trafficMode"]): ApplyOrder {
    const { counts } = this;
    const sum = (role: Role, kinds: ReadonlySet<ChangeKind>) =>
      [...kinds].reduce((total, kind) => total + counts[role][kind], 0);
    const candidates: ApplyStep[] = [
      { id: "remove-nsx-objects", count: sum("nsx-objects", REMOVES) },
      { id: "remove-svms", count: sum("svm", REMOVES) },
      {
        id: "unregister-service",
        count: sum("protection-service", REMOVES),
        trafficMode: trafficMode.before ?? undefined,
      },
      {
        id: "register-service",
        count: sum("protection-service", CREATES),
        trafficMode: trafficMode.after ?? undefined,
      },
      { id: "deploy-svms", count: sum("svm", CREATES) },
      { id: "create-nsx-objects", count: sum("nsx-objects", CREATES) },
    ];
    const steps = candidates
      .filter((step) => step.count > 0)
      .map((step) => (step.trafficMode === undefined ? { id: step.id, count: step.count } : step));
    // Removals wait for the removal of what depends on them, creations for the creation of what
    // they depend on. A removal is followed by a creation only through a replaced resource.
    const replaced = ROLES.some((role) => role !== "threat-policy" && counts[role].replace > 0);
    const edges: Array<readonly [ApplyStepId, ApplyStepId]> = [];
    for (let i = 1; i < steps.length; i++) {
      const from = steps[i - 1].id;
      const to = steps[i].id;
      const crossesOver = isRemoval(from) && !isRemoval(to);
      if (!crossesOver || replaced) edges.push([from, to]);
    }
    const policy = counts["threat-policy"];
    return {
      steps,
      edges,
      policy:
        policy.create + policy.replace + policy.update > 0
          ? "apply"
          : policy.delete > 0
            ? "remove"
            : null,
    };
  }
}

function isRemoval(step: ApplyStepId): boolean {
  return step === "remove-nsx-objects" || step === "remove-svms" || step === "unregister-service";
}

/** The changed known keys of a resource with their (masked) values. */
function changedValues(resource: ModelResource): ValueChange[] {
  return resource.changedFields.map((field) => ({
    field,
    before: resource.before?.[field] ?? null,
    after: resource.after?.[field] ?? null,
  }));
}

/** Reviews the plans of one or more stacks together, grouped by manager. */
export function analyzePlans(plans: readonly LoadedPlan[]): PlanReview {
  const managers = new Map<string, ManagerAccumulator>();
  const inputs: InputReview[] = [];
  for (const { source, plan } of plans) {
    let reviewed = 0;
    let ignored = 0;
    const managersOfInput = new Set<string>();
    for (const rc of plan.resource_changes) {
      const resource = modelResource(rc, source);
      if (!resource) {
        ignored++;
        continue;
      }
      reviewed++;
      const name = resource.current.manager ?? UNKNOWN_MANAGER;
      let manager = managers.get(name);
      if (!manager) managers.set(name, (manager = new ManagerAccumulator(name)));
      manager.add(resource, source);
      managersOfInput.add(name);
    }
    inputs.push({
      source,
      formatVersion: plan.format_version,
      terraformVersion: plan.terraform_version ?? null,
      complete: plan.complete ?? true,
      reviewedResourceCount: reviewed,
      ignoredResourceCount: ignored,
      managers: [...managersOfInput],
    });
  }
  const reviews = [...managers.values()].map((manager) => manager.review());
  return { inputs, managers: reviews, disruptive: reviews.some((m) => m.disruptive) };
}

/** 0 when nothing is disruptive or disruption is allowed, 2 otherwise. */
export function reviewExitCode(review: PlanReview, allowDisruptive: boolean): number {
  return review.disruptive && !allowDisruptive ? EXIT_DISRUPTIVE : EXIT_OK;
}
