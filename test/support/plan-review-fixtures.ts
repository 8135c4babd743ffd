/*
 * Hand-made `terraform show -json` plans for unit tests of the plan review, shaped like the real
 * ones terraform 1.11 writes for our stacks (see test/e2e/plan-review.test.ts for those): the same
 * keys, the same trigger maps, `triggers` for null_resource and `triggers_replace` for
 * terraform_data.
 */

import * as fs from "fs";
import { analyzePlans, validatePlanDocument, type PlanReview } from "../../lib/plan-review";

export type LifecycleType = "null_resource" | "terraform_data";
export type Triggers = Record<string, string>;

export interface FixtureChange {
  readonly type?: string;
  readonly name: string;
  readonly index?: string;
  readonly actions: readonly string[];
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
  readonly beforeSensitive?: unknown;
  readonly afterSensitive?: unknown;
}

export interface PlanFixture {
  format_version: string;
  terraform_version: string;
  planned_values: { root_module: Record<string, unknown> };
  resource_changes: Array<Record<string, unknown>>;
  output_changes: Record<string, unknown>;
  configuration: { root_module: Record<string, unknown> };
  applyable: boolean;
  complete: boolean;
  errored: boolean;
}

const PROVIDERS: Record<string, string> = {
  null_resource: "registry.terraform.io/hashicorp/null",
  terraform_data: "terraform.io/builtin/terraform",
};

export function triggerAttribute(type: LifecycleType): "triggers" | "triggers_replace" {
  return type === "null_resource" ? "triggers" : "triggers_replace";
}

/** The attributes of a null_resource / terraform_data instance holding these triggers. */
export function instanceValues(type: LifecycleType, triggers: Triggers, id = true) {
  const attribute = triggerAttribute(type);
  const values: Record<string, unknown> =
    type === "terraform_data" ? { input: null, output: null } : {};
  if (id) values.id = "4fd44f83-a329-80d4-f1c6-afc955b06b25";
  values[attribute] = triggers;
  return values;
}

export function resourceChange(change: FixtureChange): Record<string, unknown> {
  const type = change.type ?? "terraform_data";
  const index = change.index === undefined ? "" : `[${JSON.stringify(change.index)}]`;
  return {
    address: `${type}.${change.name}${index}`,
    mode: "managed",
    type,
    name: change.name,
    ...(change.index === undefined ? {} : { index: change.index }),
    provider_name: PROVIDERS[type] ?? `registry.terraform.io/hashicorp/${type.split("_")[0]}`,
    change: {
      actions: change.actions,
      before: change.before ?? null,
      after: change.after ?? null,
      after_unknown: {},
      before_sensitive: change.beforeSensitive ?? {},
      after_sensitive: change.afterSensitive ?? {},
    },
  };
}

export function planOf(
  resourceChanges: Array<Record<string, unknown>>,
  outputChanges: Record<string, unknown> = {},
): PlanFixture {
  return {
    format_version: "1.2",
    terraform_version: "1.11.4",
    planned_values: { root_module: {} },
    resource_changes: resourceChanges,
    output_changes: outputChanges,
    configuration: { root_module: {} },
    applyable: resourceChanges.length > 0,
    complete: true,
    errored: false,
  };
}

/** The policy a stack stores when the estate sets none (test/unit/stacks.test.ts checks it). */
export const DEFAULT_POLICY = {
  networkAttack: { action: "terminate-and-block" },
  networkActivity: {
    monitor: true,
    categories: ["adware"],
    action: "terminate-and-block",
    ignoredRules: [],
  },
  webAddresses: {
    enabled: true,
    action: "block",
    categories: ["malicious", "phishing", "advertising"],
    trustedAddresses: [],
  },
  exclusions: [],
  blockMinutes: 60,
};

export interface StackFixtureOptions {
  readonly type?: LifecycleType;
  readonly manager?: string;
  readonly kind?: "nsx-v" | "nsx-t";
  /** The hosts of one cluster, prod-a (shorthand for clusters). */
  readonly hosts?: readonly string[];
  /** Cluster → hosts. @default { "prod-a": hosts } */
  readonly clusters?: Readonly<Record<string, readonly string[]>>;
  /** Cluster → hosts after the apply; clusters only here are created, only before deleted. */
  readonly clustersAfter?: Readonly<Record<string, readonly string[]>>;
  readonly modeBefore?: string;
  readonly modeAfter?: string;
  /** The actions of the service, the deployments, the NSX objects (and the NSX-T segment). */
  readonly actions?: readonly string[];
  readonly policyBefore?: unknown;
  readonly policyAfter?: unknown;
}

/**
 * The resource changes of one manager's stack, as Terraform plans them: with different traffic
 * modes and replace actions this is a traffic-mode change.
 */
export function stackChanges(options: StackFixtureOptions = {}): Array<Record<string, unknown>> {
  const type = options.type ?? "terraform_data";
  const manager = options.manager ?? "dc9-nsxv";
  const kind = options.kind ?? "nsx-v";
  const { before: clustersBefore, after: clustersAfter } = clustersOf(options);
  const modeBefore = options.modeBefore ?? "standard";
  const modeAfter = options.modeAfter ?? modeBefore;
  const actions = options.actions ?? (modeBefore === modeAfter ? ["no-op"] : ["delete", "create"]);
  const policyBefore = JSON.stringify(options.policyBefore ?? DEFAULT_POLICY);
  const policyAfter = JSON.stringify(options.policyAfter ?? options.policyBefore ?? DEFAULT_POLICY);
  const common = { manager, manager_kind: kind, manager_address: `${manager}.example.local` };
  const change = (
    name: string,
    before: Triggers,
    after: Triggers,
    acts = actions,
    index?: string,
  ) => {
    const only = acts.length === 1 ? acts[0] : undefined;
    return resourceChange({
      type,
      name,
      index,
      actions: acts,
      before: only === "create" ? null : instanceValues(type, before),
      // A new instance has no id until it is applied.
      after:
        only === "delete" || only === "forget"
          ? null
          : instanceValues(type, after, only === "no-op" || only === "update"),
    });
  };
  const service = (mode: string): Triggers => ({
    role: "protection-service",
    ...common,
    traffic_mode: mode,
    svm_image_url: "https://repo.example.local/ksv/ntp-svm.ovf",
    ksc_address: "ksc.example.local",
    ksc_port: "13000",
  });
  const deployment = (cluster: string, mode: string): Triggers => ({
    role: "service-deployment",
    ...common,
    traffic_mode: mode,
    cluster,
    datastore: `ds-${cluster}`,
    network: "pg-mgmt",
    ip_pool: "",
  });
  const deploymentChange = (cluster: string) => {
    const was = cluster in clustersBefore;
    const will = cluster in clustersAfter;
    const acts = was && will ? actions : was ? ["delete"] : ["create"];
    return change(
      "deployment",
      deployment(cluster, modeBefore),
      deployment(cluster, modeAfter),
      acts,
      cluster,
    );
  };
  const clusterNames = [
    ...new Set([...Object.keys(clustersBefore), ...Object.keys(clustersAfter)]),
  ].sort();
  const objects = (mode: string): Triggers => ({
    role: "nsx-objects",
    ...common,
    traffic_mode: mode,
    objects: "service-profile,security-group,security-policy",
  });
  const policy = (value: string): Triggers => ({ role: "threat-policy", ...common, policy: value });
  const policyActions = policyBefore === policyAfter ? ["no-op"] : ["delete", "create"];
  const segment: Triggers = { role: "service-segment", ...common };
  const whole = new Set(["create", "delete"]);
  return [
    ...clusterNames.map(deploymentChange),
    change("nsx_objects", objects(modeBefore), objects(modeAfter)),
    change("service", service(modeBefore), service(modeAfter)),
    // The segment is not tied to the registration: created and deleted with the stack only.
    ...(kind === "nsx-t"
      ? [
          change(
            "service_segment",
            segment,
            segment,
            whole.has(actions.join()) ? actions : ["no-op"],
          ),
        ]
      : []),
    change("threat_policy", policy(policyBefore), policy(policyAfter), policyActions),
  ];
}

function clustersOf(options: StackFixtureOptions) {
  const before = options.clusters ?? {
    "prod-a": options.hosts ?? ["esx-1.dc9.local", "esx-2.dc9.local"],
  };
  return { before, after: options.clustersAfter ?? before };
}

/** The stack's svm_hosts output (cluster → hosts), before and after, as Terraform plans it. */
export function stackOutputs(options: StackFixtureOptions = {}): Record<string, unknown> {
  const { before, after } = clustersOf(options);
  const same = JSON.stringify(before) === JSON.stringify(after);
  return {
    svm_hosts: {
      actions: [same ? "no-op" : "update"],
      before,
      after,
      after_unknown: false,
      before_sensitive: false,
      after_sensitive: false,
    },
  };
}

/** One manager's whole plan: its resource changes and its svm_hosts output. */
export function stackPlan(options: StackFixtureOptions = {}): PlanFixture {
  return planOf(stackChanges(options), stackOutputs(options));
}

/**
 * The review tests read, made as the CLI makes it: of hand-made plans (named plans/stack-<i>.json)
 * or of the `terraform show -json` files at the paths given.
 */
export function reviewOf(...plans: Array<PlanFixture | string>): PlanReview {
  return analyzePlans(
    plans.map((plan, i) => {
      const source = typeof plan === "string" ? plan : `plans/stack-${i}.json`;
      const document: unknown = JSON.parse(
        typeof plan === "string" ? fs.readFileSync(plan, "utf8") : JSON.stringify(plan),
      );
      return { source, plan: validatePlanDocument(document, source) };
    }),
  );
}
