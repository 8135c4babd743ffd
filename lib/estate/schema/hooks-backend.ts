import { z } from "zod";
import { HOOK_NAMES, RESOURCE_TYPES, type ResourceType } from "../../contract";
import { quote } from "../messages";
import { withRemovedFields } from "../removed-fields";

/* How the stacks run: the site's hooks, where Terraform keeps state, which resource type. */

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

/** Terraform's resource for every step; null_resource unless the estate or the props say. */
export const DEFAULT_RESOURCE_TYPE: ResourceType = "null_resource";
export const resourceTypeSchema = z.enum(RESOURCE_TYPES).default(DEFAULT_RESOURCE_TYPE);

export type Hooks = z.output<typeof hooksSchema>;
export type BackendSpec = z.output<typeof backendSchema>;
export type BackendInput = z.input<typeof backendSchema>;
