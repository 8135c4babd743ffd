import { z } from "zod";
import { formatPath } from "../estate/messages";
import { MAX_ANSWER_HOSTS, readAnswerObject, type ReadAnswer } from "../hook-runner";

/*
 * What the site's `inventory` hook prints (ksv discover): the vSphere clusters a manager's NSX
 * knows, each with its ESXi hosts, and where the hook knows them the datastore, network and IP
 * pool its SVMs use and its compute manager. Unknown keys are refused, as in the estate: what the
 * answer says is written into the estate, and a misspelt `ipPool` would otherwise vanish without
 * a word. null is read as "not known", as a script's JSON often says it. Names and hosts are only
 * shaped here; the estate's own validation judges them before anything is written.
 */

/** The most clusters and hosts read: the estate's bound for a manager's hosts (100,000). */
const MAX_CLUSTERS = 10_000;

const name = z.string().min(1).max(256);
const optional = name.nullish();

export const inventoryClusterSchema = z.strictObject({
  name,
  hosts: z.array(z.string().min(1).max(253)).max(MAX_ANSWER_HOSTS),
  datastore: optional,
  network: optional,
  ipPool: optional,
  computeManager: optional,
});

export const inventorySchema = z.strictObject({
  clusters: z.array(inventoryClusterSchema).max(MAX_CLUSTERS),
});

/** One reported cluster; a field the hook does not know is absent. */
export interface InventoryCluster {
  readonly name: string;
  readonly hosts: readonly string[];
  readonly datastore?: string;
  readonly network?: string;
  readonly ipPool?: string;
  readonly computeManager?: string;
}

export interface Inventory {
  readonly clusters: readonly InventoryCluster[];
}

/** A cluster as parsed, with null ("not known") and absent made one. */
function known(cluster: z.output<typeof inventoryClusterSchema>): InventoryCluster {
  return Object.fromEntries(
    Object.entries(cluster).filter(([, value]) => value !== null && value !== undefined),
  ) as unknown as InventoryCluster;
}

/** What the hook must print, for messages. */
export const EXPECTED_INVENTORY =
  '{ "clusters": [ { "name": "<vSphere cluster>", "hosts": ["<ESXi host>", ...], "datastore"?, "network"?, "ipPool"?, "computeManager"? } ] }';

/** The hook's stdout as an inventory, or what is wrong with it (never its text: it may hold secrets). */
export function parseInventory(stdout: string): ReadAnswer<Inventory> {
  const answer = readAnswerObject(stdout, EXPECTED_INVENTORY);
  if (!answer.ok) return answer;
  const parsed = inventorySchema.safeParse(answer.value);
  if (parsed.success) {
    const hosts = parsed.data.clusters.reduce((n, c) => n + c.hosts.length, 0);
    if (hosts <= MAX_ANSWER_HOSTS)
      return { ok: true, value: { clusters: parsed.data.clusters.map(known) } };
    return {
      ok: false,
      problem: `printed ${hosts} hosts, more than the ${MAX_ANSWER_HOSTS} an estate holds; expected ${EXPECTED_INVENTORY}`,
    };
  }
  // The first few issues say what is wrong; a list of 10,000 would drown the point.
  const issues = parsed.error.issues;
  const where = issues
    .slice(0, 5)
    .map(
      (issue) => `${issue.path.length > 0 ? formatPath(issue.path) : "(object)"}: ${issue.message}`,
    )
    .join("; ");
  const more = issues.length > 5 ? ` and ${issues.length - 5} more` : "";
  return {
    ok: false,
    problem: `printed an object that does not fit (${where}${more}); expected ${EXPECTED_INVENTORY}`,
  };
}
