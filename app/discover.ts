import * as fs from "fs";
import { printable } from "../lib/text/printable";
import {
  clustersAfter,
  discover,
  discoveryChanges,
  editEstateText,
  editsOf,
  runInventory,
  type Discovery,
  type DiscoveryReport,
  type Inventory,
} from "../lib/discover";
import { EstateError } from "../lib/estate/estate-error";
import { readEstateText } from "../lib/estate/read-estate-file";
import type { ValidatedEstate } from "../lib/estate/validated-estate";
import { UserError } from "../lib/user-error";
import { writeFileAtomically } from "./atomic-write";
import { estateFileFromEnvironment } from "./estate-file";
import { parseEstate, printWarnings } from "./load-estate";
import { selectManagers } from "./stack-command";

/*
 * ksv discover: asks each named manager's inventory hook which clusters and hosts NSX has, and
 * rewrites those managers' clusters[].hosts in the estate file in place (lib/discover): hosts
 * that appeared are added, hosts that are gone removed, new clusters added where the hook says
 * where their SVMs go, and nothing else of the file changes. The result must load as an estate,
 * and read back as exactly the change intended, before it replaces the file; any hook failure or
 * conflict writes nothing. --check writes nothing and says whether the file would change.
 */

export const DISCOVER_COMMAND = "ksv discover";

/** Exit code of --check when the estate would change: as ksv drift's for drift. */
export const EXIT_WOULD_CHANGE = 2;

export interface DiscoverOptions {
  /** Manager names, or "all". */
  readonly managers: readonly string[] | "all";
  /** Write nothing; exit EXIT_WOULD_CHANGE when the file would change. */
  readonly check: boolean;
  /** @default KSV_ESTATE, or the example estate */
  readonly estateFile?: string;
  /** @default DEFAULT_HOOK_TIMEOUT_SECONDS */
  readonly timeoutSeconds?: number;
  /** Added to the hooks' environment. @default - none */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Print the estate's warnings on stderr, as every command does. @default true */
  readonly printWarnings?: boolean;
}

function requireInventoryHook(estate: ValidatedEstate): string {
  const command = estate.hooks.inventory;
  if (!command) {
    throw new UserError(
      `the estate has no hooks.inventory: ${DISCOVER_COMMAND} asks that command which clusters and hosts each manager has (README: ksv discover; examples/hooks/ has an example)`,
    );
  }
  return command;
}

/** Every named manager's inventory; every hook that fails is said, and nothing is written. */
async function inventories(
  estate: ValidatedEstate,
  names: readonly string[],
  options: DiscoverOptions,
): Promise<Map<string, Inventory>> {
  const command = requireInventoryHook(estate);
  const managers = estate.managers.filter((m) => names.includes(m.name));
  const answers = await Promise.allSettled(
    managers.map((manager) =>
      runInventory(manager, { command, timeoutSeconds: options.timeoutSeconds, env: options.env }),
    ),
  );
  const failures = answers.flatMap((a) => (a.status === "rejected" ? [a.reason as unknown] : []));
  const bug = failures.find((f) => !(f instanceof UserError));
  if (bug) throw bug;
  if (failures.length > 0) {
    throw new UserError(
      `nothing was written: ${failures.map((f) => (f as UserError).message).join("\n")}`,
    );
  }
  return new Map(
    managers.map((m, i) => [m.name, (answers[i] as PromiseFulfilledResult<Inventory>).value]),
  );
}

/** True when the file starts with UTF-8's byte order mark, which some Windows editors write. */
function hasByteOrderMark(file: string): boolean {
  const fd = fs.openSync(file, "r");
  try {
    const head = Buffer.alloc(3);
    return fs.readSync(fd, head, 0, 3, 0) === 3 && head.equals(Buffer.from([0xef, 0xbb, 0xbf]));
  } finally {
    fs.closeSync(fd);
  }
}

/** JSON with keys sorted: two estates compared as data, whatever order zod gave their keys. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * The edited text, validated: it loads as an estate (schema, checks across entries, rules), and
 * reads back as the estate with exactly the discovered change: anything else is not written.
 */
function editedText(
  file: string,
  text: string,
  estate: ValidatedEstate,
  discovery: Discovery,
): string {
  const index = (name: string) => estate.managers.findIndex((m) => m.name === name);
  let edited: string;
  try {
    edited = editEstateText(text, editsOf(discovery, index));
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw new UserError(`nothing was written: ${file}: ${error.message}`);
  }
  let after: ValidatedEstate;
  try {
    after = parseEstate(edited, file).estate;
  } catch (error) {
    if (!(error instanceof EstateError)) throw error;
    throw new UserError(
      `nothing was written: the estate would not load after discovery:\n${error.message}`,
    );
  }
  const byName = new Map(discovery.managers.map((m) => [m.manager, m]));
  const intended = {
    ...estate,
    managers: estate.managers.map((m) => ({
      ...m,
      clusters: clustersAfter(m, byName.get(m.name)),
    })),
  };
  if (canonical(after) !== canonical(intended)) {
    throw new Error(
      `the edited ${file} does not read back as the discovered change; nothing was written (a bug of ksv discover: please report it, with the layout of the file)`,
    );
  }
  return edited;
}

/** Runs discover; the report says what changed and the exit code (0, or 2 with --check). */
export async function discoverEstate(options: DiscoverOptions): Promise<DiscoveryReport> {
  const file = options.estateFile ?? estateFileFromEnvironment();
  const text = readEstateText(file);
  const loaded = parseEstate(text, file);
  if (options.printWarnings ?? true) printWarnings(loaded);
  const { estate } = loaded;
  const names = selectManagers(estate, options.managers);
  const reports = await inventories(estate, names, options);
  const discovery = discover(estate.managers, reports);
  if (discovery.problems.length > 0) {
    throw new UserError(
      `nothing was written:\n${discovery.problems.map((p) => `  ${printable(p)}`).join("\n")}`,
    );
  }
  const report = { estate: file, discovery, check: options.check };
  if (!discoveryChanges(discovery)) return { ...report, written: false, exitCode: 0 };
  const edited = editedText(file, text, estate, discovery);
  if (options.check) return { ...report, written: false, exitCode: EXIT_WOULD_CHANGE };
  // The hooks took their time: an edit made meanwhile (by a person, another run) is not lost.
  if (readEstateText(file) !== text) {
    throw new UserError(
      `${file} changed while ${DISCOVER_COMMAND} ran; nothing was written: run it again`,
    );
  }
  // The text was read without its byte order mark (UTF-8 decoding drops it); the file keeps it.
  writeFileAtomically(file, `${hasByteOrderMark(file) ? "\uFEFF" : ""}${edited}`);
  return { ...report, written: true, exitCode: 0 };
}
