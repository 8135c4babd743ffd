import { z } from "zod";
import { driftSchema } from "./drift";
import { backendSchema, hooksSchema, resourceTypeSchema } from "./hooks-backend";
import { acknowledgementSchema } from "./acknowledge";
import { kscSchema, managerSchema } from "./managers";

/*
 * The single source of the estate's shape: TypeScript types are inferred from these schemas,
 * the estate loader validates with them, the constructs validate their props with them, and
 * schema/estate.schema.json is generated from them (npm run schema). One import point for the
 * parts: managers and clusters, the threat policy, hooks and backend.
 */

export * from "./managers";
export * from "./threat-policy";
export * from "./hooks-backend";
export * from "./introspection";
export * from "./drift";
export * from "./acknowledge";

export const estateSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: "JSON Schema of this file, for editors." }),
    version: z.literal(1),
    resourceType: resourceTypeSchema,
    backend: backendSchema.prefault({ type: "local" }),
    ksc: kscSchema,
    hooks: hooksSchema.prefault({}),
    managers: z.array(managerSchema).min(1),
    drift: driftSchema.prefault({}),
    acknowledge: z.array(acknowledgementSchema).default([]).meta({
      description:
        "Warnings the site has decided about: shown as acknowledged, with the reason, at synth and in the plan review.",
    }),
  })
  .meta({
    title: "ksv-ntp-cdktf estate",
    description: "Kaspersky Network Threat Protection deployments, one stack per NSX Manager.",
  });

export type Estate = z.output<typeof estateSchema>;
