import { z } from "zod";
import { MANAGER_KINDS, TRAFFIC_MODES } from "../../contract";
import { checkImageUrl, IMAGE_URL, MANAGER_NAME } from "../grammar";
import { quote } from "../messages";
import { hostName, inventoryName, inventoryNameOf } from "./common";
import { introspectionSchema } from "./introspection";
import { threatPolicySchema } from "./threat-policy";

/* NSX Managers, the vSphere clusters they deploy SVMs to, and the KSC they report to. */

export const DEFAULT_KSC_PORT = 13000;

export const clusterSchema = z.strictObject({
  name: inventoryName.meta({ description: "vSphere cluster name." }),
  datastore: inventoryName.meta({ description: "Datastore the cluster's SVMs are deployed on." }),
  network: inventoryName.meta({ description: "Port group of the SVMs' management network." }),
  ipPool: inventoryNameOf("NSX IP pool name")
    .optional()
    .meta({ description: "NSX IP pool of the SVMs' management addresses; absent: DHCP." }),
  computeManager: inventoryNameOf("compute manager name").optional().meta({
    description:
      "The vCenter (NSX compute manager) of the cluster, where two of them have a cluster of this name.",
  }),
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
  introspection: introspectionSchema.optional(),
  policy: threatPolicySchema.prefault({}),
});

export type ManagerSpec = z.output<typeof managerSchema>;
export type ClusterSpec = z.output<typeof clusterSchema>;
export type ClusterInput = z.input<typeof clusterSchema>;
export type KscEndpoint = z.output<typeof kscSchema>;
export type KscEndpointInput = z.input<typeof kscSchema>;
