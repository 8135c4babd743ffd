import { z } from "zod";
import { checkTrafficSource, DETECTION_RULE_ID, TRAFFIC_SOURCE, WEB_ADDRESS } from "../grammar";
import { describe, quote } from "../messages";
import { withRemovedFields } from "../removed-fields";
import { BEYOND_SCHEMA } from "../validation";
import { uniqueList } from "./common";

/* The Network Threat Protection settings of the Kaspersky Security policy, field by field. */

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

/** The product's default block time (KSV help 60068). */
export const DEFAULT_BLOCK_MINUTES = 60;
/** Our bound, not Kaspersky's: a block longer than a week is a mistake more often than a wish. */
export const MAX_BLOCK_MINUTES = 10080;

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
  z.strictObject({
    enabled: z.boolean().default(true).meta({
      description:
        "Network attack protection on (KSV help 66918); off leaves attacks undetected. Product default: off until a policy enables it (57660); ours: on.",
    }),
    action: threatAction("a detected network attack"),
  }),
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
    // 03:1027:2 and 3:1027:2 are one rule: its numbers, not their spelling.
    (id) =>
      id
        .split(":")
        .map((n) => String(Number(n)))
        .join(":"),
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
    exclusions: z.array(exclusionSchema).default([]).meta({
      description:
        "Exclusion rules in order: the first whose scope matches applies; a later one of the same scope never does (a warning).",
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

export type ThreatPolicy = z.output<typeof threatPolicySchema>;
export type ThreatPolicyInput = z.input<typeof threatPolicySchema>;
