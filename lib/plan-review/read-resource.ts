import {
  isRole,
  KEYS,
  knownKeys,
  OUTPUTS,
  ROLE_KEY,
  TRIGGER_ATTRIBUTE,
  type ResourceType,
  type Role,
} from "../contract";
import { UserError } from "../user-error";
import { SENSITIVE_VALUE, UNKNOWN_VALUE } from "./model";
import {
  changeKindOf,
  type ChangeKind,
  type OutputChange,
  type PlanDocument,
  type ResourceChange,
} from "./plan-json";

/*
 * What of a plan may be shown. A resource change is read as a resource of the protection model
 * by its role key (lib/contract), and only the keys the contract gives its role are read: a plan
 * holding secrets elsewhere (other resources, other attributes) cannot leak through a review.
 * Values Terraform marks sensitive or unknown are replaced by markers here, before anything else
 * sees them.
 */

export type KnownValues = Readonly<Record<string, string | undefined>>;

export interface ModelResource {
  readonly role: Role;
  /** null_resource or terraform_data. */
  readonly type: ResourceType;
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
    else if (typeof raw === "string")
      values[key] = key === KEYS.svmImageUrl ? withoutCredentials(raw) : raw;
    else if (typeof raw === "number" || typeof raw === "boolean") values[key] = String(raw);
  }
  return values;
}

function isResourceType(type: string): type is ResourceType {
  return Object.prototype.hasOwnProperty.call(TRIGGER_ATTRIBUTE, type);
}

/** Reads one resource change as a resource of the protection model, or undefined to ignore it. */
export function modelResource(rc: ResourceChange, source: string): ModelResource | undefined {
  if (!isResourceType(rc.type) || (rc.mode !== undefined && rc.mode !== "managed")) {
    return undefined;
  }
  const attribute = TRIGGER_ATTRIBUTE[rc.type];
  const { change } = rc;
  const roleKey = [ROLE_KEY];
  const role =
    knownValues(change.after, change.after_sensitive, undefined, attribute, roleKey)?.[ROLE_KEY] ??
    knownValues(change.before, change.before_sensitive, undefined, attribute, roleKey)?.[ROLE_KEY];
  if (!isRole(role)) return undefined;
  const kind = changeKindOf(change.actions);
  if (kind === "read") return undefined;
  if (kind === undefined) {
    throw new UserError(
      `${source}: ${rc.address} has change actions ${JSON.stringify(change.actions)}, which this review does not know`,
    );
  }
  const keys = knownKeys(role);
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
            key !== ROLE_KEY &&
            triggerOf(change.before, attribute, key) !== triggerOf(change.after, attribute, key),
        )
      : [];
  return {
    role,
    type: rc.type,
    kind,
    before,
    after,
    current: after ?? before ?? {},
    changedFields,
  };
}

function triggerOf(state: unknown, attribute: string, key: string): unknown {
  return asObject(asObject(state)?.[attribute])?.[key];
}

/** Hosts by cluster, as a stack's svm_hosts output lists them (lib/contract's OUTPUTS). */
export type ClusterHosts = ReadonlyMap<string, readonly string[]>;

/**
 * One side of the svm_hosts output: cluster → hosts. Undefined where the plan does not say (no
 * such output, marked sensitive or unknown, not a map of string lists); only strings are read.
 */
export function clusterHosts(
  output: OutputChange | undefined,
  side: "before" | "after",
): ClusterHosts | undefined {
  if (!output) return undefined;
  const marks = side === "before" ? output.before_sensitive : output.after_sensitive;
  if (marksAny(marks) || (side === "after" && marksAny(output.after_unknown))) return undefined;
  const value = asObject(side === "before" ? output.before : output.after);
  if (!value) return undefined;
  const hosts = new Map<string, string[]>();
  for (const [cluster, list] of Object.entries(value)) {
    if (!Array.isArray(list)) return undefined;
    hosts.set(
      cluster,
      list.filter((host): host is string => typeof host === "string"),
    );
  }
  return hosts;
}

/** The hosts of a stack's clusters before and after, from its svm_hosts output. */
export interface HostInventory {
  readonly before?: ClusterHosts;
  readonly after?: ClusterHosts;
}

export function hostInventory(plan: PlanDocument): HostInventory {
  const output = plan.output_changes[OUTPUTS.svmHosts];
  return { before: clusterHosts(output, "before"), after: clusterHosts(output, "after") };
}

/** A cluster's hosts on one side of the plan, or on the other where that side does not list it. */
export function hostsOf(
  inventory: HostInventory,
  cluster: string,
  side: "before" | "after",
): readonly string[] | undefined {
  const other = side === "before" ? "after" : "before";
  return inventory[side]?.get(cluster) ?? inventory[other]?.get(cluster);
}

/** Whether Terraform marks any part of a value (sensitive, unknown): `true` somewhere inside. */
function marksAny(marks: unknown): boolean {
  if (marks === true) return true;
  if (Array.isArray(marks)) return marks.some(marksAny);
  const object = asObject(marks);
  return object ? Object.values(object).some(marksAny) : false;
}
