import { z } from "zod";
import { estateSchema } from "./schema";

/** The JSON Schema of estate files, generated from the zod schema (npm run schema writes it). */
export function estateJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(estateSchema, { io: "input", unrepresentable: "any" }),
    $id: "https://ksv-ntp-cdktf.example/schema/estate.schema.json",
  };
}
