import { Testing } from "cdktf";
import { addEstateStacks } from "../../stacks/estate-stacks";
import { parseEstate } from "../../app/load-estate";
import type { ValidatedEstate } from "../../lib/estate/validated-estate";
import { LIFECYCLE_HOOKS } from "../../lib/contract";

/* Estates as plain objects, the way a user writes them, for tests to vary. */

export type EstateInput = Record<string, unknown> & { managers: ManagerInput[] };
export type ManagerInput = Record<string, unknown> & { name: string; clusters: ClusterInput[] };
export type ClusterInput = {
  name: string;
  datastore: string;
  network: string;
  ipPool?: string;
  computeManager?: string;
  hosts: string[];
};

export function nsxvManager(
  name = "dc1-nsxv",
  overrides: Partial<ManagerInput> = {},
): ManagerInput {
  return {
    name,
    kind: "nsx-v",
    address: `${name}.example.local`,
    svmImageUrl: "https://repo.example.local/ksv/ntp-svm.ovf",
    clusters: [
      {
        name: "prod-a",
        datastore: "ds-a",
        network: "pg-mgmt",
        hosts: [`esx-a1.${name}.local`, `esx-a2.${name}.local`],
      },
      { name: "prod-b", datastore: "ds-b", network: "pg-mgmt", hosts: [`esx-b1.${name}.local`] },
    ],
    ...overrides,
  };
}

export function nsxtManager(
  name = "dc2-nsxt",
  overrides: Partial<ManagerInput> = {},
): ManagerInput {
  return { ...nsxvManager(name), kind: "nsx-t", ...overrides };
}

export function estateOf(
  managers: ManagerInput[],
  overrides: Record<string, unknown> = {},
): EstateInput {
  return {
    version: 1,
    resourceType: "terraform_data",
    ksc: { address: "ksc.example.local" },
    managers,
    ...overrides,
  };
}

/** Validates like the estate loader (rules included) and returns the model. */
export function validEstate(input: EstateInput): ValidatedEstate {
  return parseEstate(JSON.stringify(input), "test-estate.json").estate;
}

/** The synthesized JSON of each manager's stack, keyed by manager name (Testing.synth, validations on). */
export function synthEstate(input: EstateInput): Record<string, SynthesizedStackJson> {
  const app = Testing.app();
  const stacks = addEstateStacks(app, validEstate(input));
  return Object.fromEntries(
    stacks.map((stack) => [stack.node.id, JSON.parse(Testing.synth(stack, true))]),
  );
}

/** Enough of a cdk.tf.json for tests to read without casts everywhere. */
export interface SynthesizedStackJson {
  resource: Record<string, Record<string, ResourceJson>>;
  terraform: {
    backend?: Record<string, Record<string, unknown>>;
    required_providers?: Record<string, unknown>;
    required_version?: string;
  };
  provider?: Record<string, unknown>;
  locals?: Record<string, unknown>;
  output?: Record<string, { value: string; description?: string }>;
}

export interface ResourceJson {
  triggers?: Record<string, string>;
  triggers_replace?: Record<string, string>;
  for_each?: string;
  depends_on?: string[];
  lifecycle?: { replace_triggered_by?: string[]; prevent_destroy?: boolean };
  provisioner?: Array<{
    "local-exec": { command: string; when?: string; environment?: Record<string, string> };
  }>;
}

/** The resources of a stack by name, whatever the resource type. */
export function resources(stack: SynthesizedStackJson): Record<string, ResourceJson> {
  return Object.assign({}, ...Object.values(stack.resource));
}

/** The trigger map of a resource, whatever the resource type. */
export function triggersOf(resource: ResourceJson): Record<string, string> {
  const triggers = resource.triggers ?? resource.triggers_replace;
  if (!triggers) throw new Error("resource has no triggers");
  return triggers;
}

const RICH_HOOKS = Object.fromEntries(
  LIFECYCLE_HOOKS.map((hook) => [hook, `printf '%s\\n' "${hook} \${KSV_MANAGER}" >> "$HOOK_LOG"`]),
);

/** Groups, ordered rules and a failure policy: every kind of member, action and direction. */
export const RICH_INTROSPECTION = {
  failurePolicy: "block",
  groups: [
    { name: "web", members: [{ tag: "web" }, { vmNameStartsWith: "web-" }] },
    { name: "backup", members: [{ tag: "backup", scope: "role" }, { ipAddress: "10.0.9.0/24" }] },
  ],
  rules: [
    {
      name: "skip-backup",
      sources: ["backup"],
      destinations: ["any"],
      direction: "in-out",
      action: "do-not-redirect",
    },
    {
      name: "protect-web",
      sources: ["any"],
      destinations: ["web"],
      direction: "in",
      action: "redirect",
    },
  ],
};

/**
 * A valid estate that uses every field: the seed of the property test and of the JSON Schema's
 * differential test.
 */
export function richEstate(): EstateInput {
  return estateOf(
    [
      nsxvManager("dc1-nsxv", {
        trafficMode: "monitoring",
        lockTrafficMode: true,
        policy: {
          networkAttack: { action: "ignore" },
          networkActivity: {
            monitor: true,
            categories: ["adware", "other"],
            action: "ignore",
            ignoredRules: ["1:2:3", "10:200:3000"],
          },
          webAddresses: {
            enabled: true,
            action: "ignore",
            categories: ["malicious"],
            trustedAddresses: ["https://intranet.example.local/*", "*.example.com"],
          },
          exclusions: [
            { source: "10.0.5.17", vlan: "none", rule: "default" },
            { source: "10.0.5.0/24", vlan: 12, rule: "do-not-scan" },
            { source: "fd00:1::/64", vlan: "any", rule: "do-not-block" },
          ],
        },
      }),
      nsxtManager("dc2-nsxt", {
        address: "10.20.0.5",
        introspection: RICH_INTROSPECTION,
        policy: {
          networkAttack: { enabled: false, action: "terminate-and-block" },
          blockMinutes: 120,
        },
        clusters: [
          {
            name: "edge (ZRH) #2",
            datastore: "vsan-edge",
            network: "seg-svm",
            ipPool: "svm-pool",
            computeManager: "vc-zrh",
            hosts: ["esx-e1.dc2-nsxt.local"],
          },
        ],
      }),
    ],
    {
      hooks: RICH_HOOKS,
      ksc: { address: "ksc.example.local", port: 13000 },
      // dc2-nsxt's policy has the default web categories, advertising among them.
      acknowledge: [
        { rule: "KSV-WEB-KSN", manager: "dc2-nsxt", reason: "Global KSN is enabled (SEC-1234)" },
      ],
    },
  );
}
