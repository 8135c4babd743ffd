import * as fs from "fs";
import { z } from "zod";

const name = z.string().min(1).max(255);

const networkSchema = z.union([
  name,
  z.strictObject({
    name,
    type: z.enum(["STANDARD_PORTGROUP", "DISTRIBUTED_PORTGROUP", "OPAQUE_NETWORK"]),
  }),
]);

const clusterSchema = z.strictObject({
  name,
  hosts: z.array(name).default([]),
  datastores: z.array(name).default([]),
  networks: z.array(networkSchema).default([]),
});

const computeManagerSchema = z.strictObject({
  name,
  /** The vCenter's address as NSX knows it; defaults to the name. */
  server: name.optional(),
  clusters: z.array(clusterSchema).default([]),
});

/**
 * The simulated estate: vCenters registered in NSX as compute managers, their clusters, and each
 * cluster's ESXi hosts, datastores and port groups (a name alone is a distributed port group).
 */
export const inventoryFileSchema = z.strictObject({
  computeManagers: z.array(computeManagerSchema),
});

export type InventoryFile = z.input<typeof inventoryFileSchema>;
export type ParsedInventory = z.output<typeof inventoryFileSchema>;

export function parseInventory(content: unknown, source: string): ParsedInventory {
  const result = inventoryFileSchema.safeParse(content);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`,
    );
    throw new Error(`${source}: not a valid inventory: ${problems.join("; ")}`);
  }
  const managers = result.data.computeManagers.map((manager) => manager.name);
  const duplicate = managers.find((manager, i) => managers.indexOf(manager) !== i);
  if (duplicate) throw new Error(`${source}: compute manager ${duplicate} is listed twice`);
  return result.data;
}

export function readInventoryFile(file: string): ParsedInventory {
  let content: unknown;
  try {
    content = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: cannot read the inventory: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseInventory(content, file);
}
