import { z } from "zod";
import { RESOURCE_TYPES, type ResourceType } from "../contract";
import {
  INVENTORY_NAME,
  MANAGER_NAME,
  checkCidr,
  checkImageUrl,
  isHostNameOrIPv4,
} from "./grammar";
import { quote } from "./messages";

/*
 * The single source of the estate's shape: TypeScript types are inferred from these schemas,
 * the estate loader validates with them, the stacks validate their props with them, and
 * schema/estate.schema.json is generated from them (npm run schema).
 */

export const TRAFFIC_MODES = ["standard", "monitoring"] as const;
export const MANAGER_KINDS = ["nsx-v", "nsx-t"] as const;
export const NETWORK_ATTACK_ACTIONS = ["ignore", "terminate", "terminate-and-block"] as const;
export const BLOCK_OR_IGNORE = ["block", "ignore"] as const;
export const ACTIVITY_CATEGORIES = ["adware", "other"] as const;
export const WEB_CATEGORIES = [
  "malicious",
  "phishing",
  "advertising",
  "legitimate-software",
] as const;
export const DIRECTIONS = ["inbound", "outbound", "both"] as const;
export const HOOK_NAMES = [
  "register",
  "unregister",
  "deploySvm",
  "removeSvm",
  "createObjects",
  "removeObjects",
  "applyPolicy",
] as const;

export const DEFAULT_KSC_PORT = 13000;
export const DEFAULT_BLOCK_MINUTES = 60;
/** Our bound, not Kaspersky's: a block longer than a week is a mistake more often than a wish. */
export const MAX_BLOCK_MINUTES = 10080;

function grammar(test: (value: string) => boolean, what: string) {
  return z.string().superRefine((value, ctx) => {
    if (!test(value)) ctx.addIssue({ code: "custom", message: `${quote(value)} is not ${what}` });
  });
}

/** For editors only (JSON Schema); the validator above is the stricter judge. */
const HOST_PATTERN =
  "^(?:[0-9]{1,3}(?:\\.[0-9]{1,3}){3}|(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?)$";

const hostName = grammar(isHostNameOrIPv4, "a valid host name or IPv4 address").meta({
  description: "DNS host name or IPv4 address",
  pattern: HOST_PATTERN,
});

const inventoryName = grammar(
  (v) => INVENTORY_NAME.test(v),
  "a valid vSphere name (letters, digits, spaces and _ . - ( ) + @ #, at most 80 characters)",
).meta({ pattern: INVENTORY_NAME.source });

const uniqueList = <T extends z.ZodType<string>>(item: T) =>
  z.array(item).superRefine((items, ctx) => {
    items.forEach((item, index) => {
      if (items.indexOf(item) !== index) {
        ctx.addIssue({ code: "custom", path: [index], message: `${quote(item)} is listed twice` });
      }
    });
  });

export const networkAttackSchema = z
  .strictObject({
    action: z
      .enum(NETWORK_ATTACK_ACTIONS)
      .default("terminate-and-block")
      .meta({ description: "Action on a detected network attack." }),
    blockMinutes: z
      .number()
      .int()
      .min(1)
      .max(MAX_BLOCK_MINUTES)
      .optional()
      .meta({
        description: `Minutes to block the attacking address; only with terminate-and-block (default ${DEFAULT_BLOCK_MINUTES}).`,
      }),
  })
  .superRefine((value, ctx) => {
    if (value.blockMinutes !== undefined && value.action !== "terminate-and-block") {
      ctx.addIssue({
        code: "custom",
        path: ["blockMinutes"],
        message: `only applies to action terminate-and-block (action is ${value.action}); remove it or change the action`,
      });
    }
  })
  .transform((value) =>
    value.action === "terminate-and-block"
      ? { action: value.action, blockMinutes: value.blockMinutes ?? DEFAULT_BLOCK_MINUTES }
      : { action: value.action },
  );

export const networkActivitySchema = z.strictObject({
  monitor: z
    .boolean()
    .default(true)
    .meta({ description: "Monitor virtual machine network activity." }),
  categories: uniqueList(z.enum(ACTIVITY_CATEGORIES)).default(["adware"]).meta({
    description: "Programs to detect: adware, other (legitimate software attackers can misuse).",
  }),
  action: z.enum(BLOCK_OR_IGNORE).default("block"),
});

export const webAddressesSchema = z
  .strictObject({
    enabled: z.boolean().default(true).meta({ description: "Scan web addresses (HTTP)." }),
    action: z.enum(BLOCK_OR_IGNORE).default("block"),
    categories: uniqueList(z.enum(WEB_CATEGORIES))
      .default(["malicious", "phishing"])
      .meta({ description: "advertising and legitimate-software need Global KSN." }),
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

export const exclusionSchema = z.strictObject({
  cidr: z.string().superRefine((value, ctx) => {
    const check = checkCidr(value);
    if (!check.ok) ctx.addIssue({ code: "custom", message: check.message });
  }),
  direction: z.enum(DIRECTIONS).default("both"),
});

export const threatPolicySchema = z
  .strictObject({
    networkAttack: networkAttackSchema.prefault({}),
    networkActivity: networkActivitySchema.prefault({}),
    webAddresses: webAddressesSchema.prefault({}),
    exclusions: z
      .array(exclusionSchema)
      .default([])
      .meta({ description: "Traffic never scanned, in order." })
      .superRefine((items, ctx) => {
        const seen = new Map<string, number>();
        items.forEach((item, index) => {
          const key = `${item.cidr} ${item.direction}`;
          const first = seen.get(key);
          if (first !== undefined) {
            ctx.addIssue({
              code: "custom",
              path: [index],
              message: `repeats exclusions[${first}] (${item.cidr}, ${item.direction})`,
            });
          } else seen.set(key, index);
        });
      }),
  })
  .meta({ description: "Kaspersky Security policy: Network Threat Protection actions." });

export const clusterSchema = z.strictObject({
  name: inventoryName.meta({ description: "vSphere cluster name." }),
  datastore: inventoryName.meta({ description: "Datastore the cluster's SVMs are deployed on." }),
  network: inventoryName.meta({ description: "Port group of the SVMs' management network." }),
  hosts: z
    .array(hostName)
    .min(1)
    .meta({ description: "ESXi hosts; each gets one SVM. Unique across the estate." }),
});

export const kscSchema = z.strictObject({
  address: hostName.meta({ description: "Kaspersky Security Center Administration Server." }),
  port: z.number().int().min(1).max(65535).default(DEFAULT_KSC_PORT),
});

export const hooksSchema = z
  .strictObject(
    Object.fromEntries(
      HOOK_NAMES.map((name) => [
        name,
        z
          .string()
          .min(1)
          .max(4096)
          .refine((v) => !v.includes("\0"), { message: "must not contain NUL bytes" })
          .optional(),
      ]),
    ) as Record<(typeof HOOK_NAMES)[number], z.ZodOptional<z.ZodString>>,
  )
  .meta({
    description:
      "Shell commands Terraform runs at each step. Context arrives in KSV_* environment variables; credentials come from the environment of the terraform process.",
  });

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
    .meta({ description: "HTTP(S) URL of the network protection SVM image (.ovf or .xml)." }),
  clusters: z.array(clusterSchema).min(1),
  policy: threatPolicySchema.prefault({}),
});

export const estateSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: "JSON Schema of this file, for editors." }),
    version: z.literal(1),
    resourceType: z.enum(RESOURCE_TYPES).default("null_resource"),
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
