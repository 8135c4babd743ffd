import { z } from "zod";
import { RESOURCE_TYPES, type ResourceType } from "../contract";
import {
  DETECTION_RULE_ID,
  HOST,
  IMAGE_URL,
  INVENTORY_NAME,
  TRAFFIC_SOURCE,
  MANAGER_NAME,
  WEB_ADDRESS,
  checkImageUrl,
  canonicalSource,
  checkTrafficSource,
  isHostNameOrIPv4,
} from "./grammar";
import { describe, quote } from "./messages";
import { withRemovedFields } from "./removed-fields";
import { BEYOND_SCHEMA } from "./validation";

/*
 * The single source of the estate's shape: TypeScript types are inferred from these schemas,
 * the estate loader validates with them, the stacks validate their props with them, and
 * schema/estate.schema.json is generated from them (npm run schema).
 */

export const TRAFFIC_MODES = ["standard", "monitoring"] as const;
export const MANAGER_KINDS = ["nsx-v", "nsx-t"] as const;
/** Network attacks and suspicious network activity alike (KSV help 60068). */
export const THREAT_ACTIONS = ["ignore", "terminate", "terminate-and-block"] as const;
export const WEB_ACTIONS = ["block", "ignore"] as const;
export const ACTIVITY_CATEGORIES = ["adware", "other"] as const;
export const WEB_CATEGORIES = [
  "malicious",
  "phishing",
  "advertising",
  "legitimate-software",
] as const;
/** What an exclusion does to the traffic of its scope (KSV help 67238). */
export const EXCLUSION_RULES = ["default", "do-not-scan", "do-not-block"] as const;
/** The hooks Terraform runs as resources are created and destroyed. */
export const LIFECYCLE_HOOKS = [
  "register",
  "unregister",
  "createSegment",
  "removeSegment",
  "deploySvms",
  "removeSvms",
  "createObjects",
  "removeObjects",
  "applyPolicy",
] as const;
/** Every hook: the lifecycle's, and `verify`, which ksv adopt and ksv drift run (read only). */
export const HOOK_NAMES = [...LIFECYCLE_HOOKS, "verify"] as const;

export const DEFAULT_KSC_PORT = 13000;
/** The product's default block time (KSV help 60068). */
export const DEFAULT_BLOCK_MINUTES = 60;
/** Our bound, not Kaspersky's: a block longer than a week is a mistake more often than a wish. */
export const MAX_BLOCK_MINUTES = 10080;

function grammar(test: (value: string) => boolean, what: string) {
  return z.string().superRefine((value, ctx) => {
    if (!test(value)) ctx.addIssue({ code: "custom", message: `${quote(value)} is not ${what}` });
  });
}

const hostName = grammar(isHostNameOrIPv4, "a valid host name or IPv4 address").meta({
  description: "DNS host name or IPv4 address",
  pattern: HOST.source,
});

const inventoryNameOf = (what: string) =>
  grammar(
    (v) => INVENTORY_NAME.test(v),
    `a valid ${what} (letters, digits, spaces and _ . - ( ) + @ #, at most 80 characters)`,
  ).meta({ pattern: INVENTORY_NAME.source });

const inventoryName = inventoryNameOf("vSphere name");

/** Lists whose entries are values, each once (JSON Schema's uniqueItems compares alike). */
const uniqueList = <T extends z.ZodType<string>>(item: T) =>
  z
    .array(item)
    .meta({ uniqueItems: true })
    .superRefine((items, ctx) => {
      const firstAt = new Map<string, number>();
      items.forEach((item, index) => {
        const first = firstAt.get(item);
        if (first === undefined) {
          firstAt.set(item, index);
          return;
        }
        ctx.addIssue({
          code: "custom",
          path: [index],
          message: `${quote(item)} is listed twice (first at [${first}]); keep one`,
        });
      });
    });

const threatAction = (what: string) =>
  z
    .enum(THREAT_ACTIONS, {
      error: (issue) =>
        issue.input === "block"
          ? '"block" is now "terminate-and-block" (terminate the connection and block traffic from the source for policy.blockMinutes), as in Kaspersky Security Center; or "terminate", "ignore"'
          : undefined,
    })
    .default("terminate-and-block")
    .meta({ description: `Action on ${what}.` });

export const networkAttackSchema = withRemovedFields(
  z.strictObject({ action: threatAction("a detected network attack") }),
  {
    blockMinutes:
      "set policy.blockMinutes instead: one block time for network attacks and suspicious network activity (KSV help 60068)",
  },
);

export const networkActivitySchema = z.strictObject({
  monitor: z
    .boolean()
    .default(true)
    .meta({ description: "Monitor virtual machine network activity." }),
  categories: uniqueList(z.enum(ACTIVITY_CATEGORIES)).default(["adware"]).meta({
    description:
      "Programs whose network activity is detected: adware, other (legitimate software attackers can misuse). Viruses, worms and Trojans are always detected.",
  }),
  action: threatAction("suspicious network activity"),
  ignoredRules: uniqueList(
    z.string().regex(DETECTION_RULE_ID, {
      error: (issue) =>
        `${quote(issue.input)} is not a detection rule ID; write it as Kaspersky Security Center events show it, <number>:<number>:<number>`,
    }),
  )
    .default([])
    .meta({ description: "Detection rules not applied, by ID (<number>:<number>:<number>)." }),
});

export const webAddressesSchema = z
  .strictObject({
    enabled: z.boolean().default(true).meta({ description: "Scan web addresses (HTTP)." }),
    action: z.enum(WEB_ACTIONS).default("block"),
    categories: uniqueList(z.enum(WEB_CATEGORIES))
      .default(["malicious", "phishing", "advertising"])
      .meta({ description: "advertising and legitimate-software need Global KSN." }),
    trustedAddresses: uniqueList(
      z
        .string()
        .max(2048)
        .regex(WEB_ADDRESS, {
          error: (issue) =>
            `${quote(issue.input)} is not a web address or mask (e.g. https://intranet.example.local/ or *.example.com/*)`,
        }),
    )
      .default([])
      .meta({ description: "Web addresses never blocked, whatever the action." }),
  })
  .meta({
    // While the scan is enabled (the default), it names a category.
    if: {
      not: { type: "object", required: ["enabled"], properties: { enabled: { const: false } } },
    },
    then: { type: "object", properties: { categories: { type: "array", minItems: 1 } } },
  })
  .superRefine((value, ctx) => {
    if (value.enabled && value.categories.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["categories"],
        message:
          "must name at least one category while the scan is enabled; set enabled: false to turn it off",
      });
    }
  });

const VLAN_MESSAGE =
  'must be "none" (traffic without a VLAN tag), a VLAN ID from 1 to 4094, or "any" (traffic with any tag: the product\'s vlan 4095)';

export const exclusionSchema = withRemovedFields(
  z.strictObject({
    source: z
      .string()
      .superRefine((value, ctx) => {
        const check = checkTrafficSource(value);
        if (check.ok) return;
        ctx.addIssue({
          code: "custom",
          message: check.message,
          ...(check.beyondSchema ? { params: BEYOND_SCHEMA } : {}),
        });
      })
      .meta({
        description: "Traffic source: an IP address or subnet, IPv4 or IPv6.",
        pattern: TRAFFIC_SOURCE.source,
      }),
    vlan: z
      .union(
        [
          z.literal("none"),
          z.literal("any"),
          z
            .number()
            .int()
            .superRefine((id, ctx) => {
              if (id >= 1 && id <= 4094) return;
              const message =
                id === 4095
                  ? 'VLAN 4095 means any tag: write "any"'
                  : id === 0
                    ? 'traffic without a VLAN tag is "none"'
                    : `${VLAN_MESSAGE}; got ${id}`;
              ctx.addIssue({ code: "custom", message });
            })
            .meta({ minimum: 1, maximum: 4094 }),
        ],
        {
          error: (issue) =>
            typeof issue.input === "string" && /^[0-9]+$/.test(issue.input)
              ? `the VLAN ID is text here; write ${issue.input} without quotes${issue.input === "4095" ? ', or "any" for any tag' : ""}`
              : `${VLAN_MESSAGE}; got ${describe(issue.input)}`,
        },
      )
      .default("none")
      .meta({ description: VLAN_MESSAGE }),
    rule: z.enum(EXCLUSION_RULES).meta({
      description:
        "default: the normal settings (to carve an exception out of a wider rule below); do-not-scan; do-not-block.",
    }),
  }),
  {
    cidr: "use source (an IP address or subnet, e.g. 10.0.5.0/24)",
    direction:
      "Kaspersky Security Center exclusions have no direction; remove it, and exclude inbound or outbound traffic in the NSX policy instead (KSV help 67238, 66794)",
  },
  { cidr: "source" },
);

const NOT_BLOCKING = {
  type: "object",
  required: ["action"],
  properties: { action: { not: { const: "terminate-and-block" } } },
};

function blocks(action: (typeof THREAT_ACTIONS)[number]): boolean {
  return action === "terminate-and-block";
}

export const threatPolicySchema = z
  .strictObject({
    networkAttack: networkAttackSchema.prefault({}),
    networkActivity: networkActivitySchema.prefault({}),
    blockMinutes: z
      .number()
      .int()
      .min(1)
      .max(MAX_BLOCK_MINUTES)
      .optional()
      .meta({
        description: `Minutes traffic from a source is blocked, for network attacks and suspicious network activity alike; only with a terminate-and-block action (default ${DEFAULT_BLOCK_MINUTES}).`,
      }),
    webAddresses: webAddressesSchema.prefault({}),
    exclusions: z
      .array(exclusionSchema)
      .default([])
      .meta({ description: "Exclusion rules in order: the first whose scope matches applies." })
      .superRefine((items, ctx) => {
        const seen = new Map<string, number>();
        items.forEach((item, index) => {
          const scope = `${canonicalSource(item.source)} vlan ${item.vlan}`;
          const first = seen.get(scope);
          if (first !== undefined) {
            ctx.addIssue({
              code: "custom",
              path: [index],
              params: BEYOND_SCHEMA,
              message: `has the scope of exclusions[${first}] (${items[first].source}, vlan ${items[first].vlan}), which comes first and wins: this rule never applies`,
            });
          } else seen.set(scope, index);
        });
      }),
  })
  .meta({
    // No block time without a blocking action (terminate-and-block is each action's default).
    if: {
      type: "object",
      required: ["networkAttack", "networkActivity"],
      properties: {
        networkAttack: NOT_BLOCKING,
        networkActivity: NOT_BLOCKING,
      },
    },
    then: { type: "object", properties: { blockMinutes: false } },
  })
  .superRefine((value, ctx) => {
    const blocking = blocks(value.networkAttack.action) || blocks(value.networkActivity.action);
    if (value.blockMinutes !== undefined && !blocking) {
      ctx.addIssue({
        code: "custom",
        path: ["blockMinutes"],
        message:
          "only applies when networkAttack.action or networkActivity.action is terminate-and-block; remove it or change an action",
      });
    }
  })
  .transform(({ blockMinutes, ...policy }) =>
    blocks(policy.networkAttack.action) || blocks(policy.networkActivity.action)
      ? { ...policy, blockMinutes: blockMinutes ?? DEFAULT_BLOCK_MINUTES }
      : policy,
  )
  .meta({ description: "Kaspersky Security policy: Network Threat Protection." });

export const clusterSchema = z.strictObject({
  name: inventoryName.meta({ description: "vSphere cluster name." }),
  datastore: inventoryName.meta({ description: "Datastore the cluster's SVMs are deployed on." }),
  network: inventoryName.meta({ description: "Port group of the SVMs' management network." }),
  ipPool: inventoryNameOf("NSX IP pool name")
    .optional()
    .meta({ description: "NSX IP pool of the SVMs' management addresses; absent: DHCP." }),
  hosts: z.array(hostName).min(1).meta({
    uniqueItems: true,
    description:
      "ESXi hosts the cluster is expected to have: NSX deploys an SVM on each. Unique across the estate.",
  }),
});

export const kscSchema = z.strictObject({
  address: hostName.meta({ description: "Kaspersky Security Center Administration Server." }),
  port: z.number().int().min(1).max(65535).default(DEFAULT_KSC_PORT),
});

export const hooksSchema = withRemovedFields(
  z
    .strictObject(
      Object.fromEntries(
        HOOK_NAMES.map((name) => [
          name,
          z
            .string()
            .min(1)
            .max(4096)
            .refine((v) => !v.includes("\0"), { message: "must not contain NUL bytes" })
            .meta({ pattern: "^[^\\u0000]*$" })
            .optional(),
        ]),
      ) as Record<(typeof HOOK_NAMES)[number], z.ZodOptional<z.ZodString>>,
    )
    .meta({
      description:
        "Shell commands Terraform runs at each step. Context arrives in KSV_* environment variables; credentials come from the environment of the terraform process.",
    }),
  {
    deploySvm:
      "use deploySvms: NSX deploys SVMs per vSphere cluster, so the hook runs once per cluster, with KSV_CLUSTER, KSV_DATASTORE, KSV_NETWORK, KSV_IP_POOL and KSV_HOSTS (comma-separated) instead of KSV_HOST",
    removeSvm:
      "use removeSvms: it runs once per cluster, with KSV_CLUSTER, KSV_DATASTORE, KSV_NETWORK and KSV_IP_POOL; removing a cluster's service deployment removes all its SVMs (KSV help 127447)",
  },
);

const pgSchemaName = z.string().regex(/^[a-z_][a-z0-9_]{0,47}$/, {
  error: (issue) =>
    `must be lowercase letters, digits and _, starting with a letter or _ (at most 48); got ${quote(issue.input)}`,
});

export const backendSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("local") }),
  z.strictObject({
    type: z.literal("pg"),
    schemaName: pgSchemaName.default("ksv"),
    schemaPer: z.enum(["stack", "estate"]).default("stack").meta({
      description:
        "stack: one schema per manager (<schemaName>_<manager>); estate: all in <schemaName>, one manager only.",
    }),
  }),
]);

export const managerSchema = z.strictObject({
  name: z
    .string()
    .regex(MANAGER_NAME, {
      error: (issue) =>
        `must be lowercase letters, digits and '-', starting with a letter (at most 63); got ${quote(issue.input)}`,
    })
    .meta({ description: "Stack name; unique in the estate." }),
  kind: z.enum(MANAGER_KINDS),
  trafficMode: z.enum(TRAFFIC_MODES).default("standard").meta({
    description: "NSX-V only: monitoring gets a copy of the traffic and takes no action.",
  }),
  address: hostName.meta({ description: "NSX Manager host name or IPv4 address." }),
  lockTrafficMode: z
    .boolean()
    .default(false)
    .meta({ description: "Make a traffic-mode change fail at plan time." }),
  svmImageUrl: z
    .string()
    .superRefine((value, ctx) => {
      const check = checkImageUrl(value);
      if (!check.ok) ctx.addIssue({ code: "custom", message: check.message });
    })
    .meta({
      description: "HTTP(S) URL of the network protection SVM image (.ovf or .xml).",
      pattern: IMAGE_URL.source,
    }),
  clusters: z.array(clusterSchema).min(1),
  policy: threatPolicySchema.prefault({}),
});

/** Terraform's resource for every step; null_resource unless the estate or the props say. */
export const DEFAULT_RESOURCE_TYPE: ResourceType = "null_resource";
export const resourceTypeSchema = z.enum(RESOURCE_TYPES).default(DEFAULT_RESOURCE_TYPE);

export const estateSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: "JSON Schema of this file, for editors." }),
    version: z.literal(1),
    resourceType: resourceTypeSchema,
    backend: backendSchema.prefault({ type: "local" }),
    ksc: kscSchema,
    hooks: hooksSchema.prefault({}),
    managers: z.array(managerSchema).min(1),
  })
  .meta({
    title: "ksv-ntp-cdktf estate",
    description: "Kaspersky Network Threat Protection deployments, one stack per NSX Manager.",
  });

export { RESOURCE_TYPES, type ResourceType };
export type TrafficMode = (typeof TRAFFIC_MODES)[number];
export type ManagerKind = (typeof MANAGER_KINDS)[number];
export type HookName = (typeof HOOK_NAMES)[number];
export type LifecycleHook = (typeof LIFECYCLE_HOOKS)[number];

export type Estate = z.output<typeof estateSchema>;
export type ManagerSpec = z.output<typeof managerSchema>;
export type ClusterSpec = z.output<typeof clusterSchema>;
export type ThreatPolicy = z.output<typeof threatPolicySchema>;
export type ThreatPolicyInput = z.input<typeof threatPolicySchema>;
export type KscEndpoint = z.output<typeof kscSchema>;
export type KscEndpointInput = z.input<typeof kscSchema>;
export type Hooks = z.output<typeof hooksSchema>;
export type BackendSpec = z.output<typeof backendSchema>;
export type BackendInput = z.input<typeof backendSchema>;
export type ClusterInput = z.input<typeof clusterSchema>;
