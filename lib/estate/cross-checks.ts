import { hostIdentity } from "../contract";
import { acknowledgementProblems } from "./acknowledge-checks";
import { MANAGER_NAME } from "./grammar";
import { quote, formatPath } from "./messages";
import { nameSkeleton } from "./name-skeleton";
import { isRecord } from "./raw-input";
import type { Problem } from "./validation";

/*
 * Checks that span several entries (uniqueness across the estate). They read the raw input
 * defensively, so that they run and report even when other parts of the file are malformed:
 * every problem is reported at once.
 */

type Path = ReadonlyArray<string | number>;

function entries(list: unknown): Array<[number, unknown]> {
  return Array.isArray(list) ? list.map((item, index) => [index, item]) : [];
}

/** A host has one SVM, deployed under one manager: it may appear once in the whole estate. */
export function duplicateHostProblems(
  managers: ReadonlyArray<{ readonly path: Path; readonly clusters: unknown }>,
): Problem[] {
  const problems: Problem[] = [];
  const firstSeen = new Map<string, Path>();
  for (const manager of managers) {
    for (const [c, cluster] of entries(manager.clusters)) {
      if (!isRecord(cluster)) continue;
      for (const [h, host] of entries(cluster.hosts)) {
        if (typeof host !== "string") continue;
        const path = [...manager.path, c, "hosts", h];
        const first = firstSeen.get(hostIdentity(host));
        if (first) {
          problems.push({
            path,
            message: `host ${quote(host)} is already listed at ${formatPath(first)}; each host gets one SVM, so list it once in the whole estate`,
          });
        } else firstSeen.set(hostIdentity(host), path);
      }
    }
  }
  return problems;
}

/** Names that are one name written twice: equal, or equal up to case and look-alike letters. */
function duplicateNames(list: unknown, listPath: Path, what: string): Problem[] {
  const problems: Problem[] = [];
  const firstSeen = new Map<string, [number, string]>();
  for (const [index, item] of entries(list)) {
    if (!isRecord(item) || typeof item.name !== "string") continue;
    const skeleton = nameSkeleton(item.name);
    const first = firstSeen.get(skeleton);
    if (first === undefined) {
      firstSeen.set(skeleton, [index, item.name]);
      continue;
    }
    const [at, name] = first;
    const where = formatPath([...listPath, at]);
    problems.push({
      path: [...listPath, index, "name"],
      message:
        name === item.name
          ? `${quote(item.name)} is already the name of ${where}; ${what} names must be unique`
          : `${quote(item.name)} is the name of ${where} (${quote(name)}) written another way (case or look-alike letters); ${what} names must be unique, and these read as one`,
    });
  }
  return problems;
}

/** drift.ignore entries must name a manager of the estate, and a cluster of it when they name one. */
function driftIgnoreProblems(raw: Record<string, unknown>): Problem[] {
  const drift = raw.drift;
  if (!isRecord(drift)) return [];
  const clustersOf = new Map<string, string[]>();
  for (const [, manager] of entries(raw.managers)) {
    if (!isRecord(manager) || typeof manager.name !== "string") continue;
    clustersOf.set(
      manager.name,
      entries(manager.clusters).flatMap(([, c]) =>
        isRecord(c) && typeof c.name === "string" ? [c.name] : [],
      ),
    );
  }
  return entries(drift.ignore).flatMap(([index, entry]): Problem[] => {
    if (!isRecord(entry) || typeof entry.manager !== "string") return [];
    const clusters = clustersOf.get(entry.manager);
    if (!clusters) {
      return [
        {
          path: ["drift", "ignore", index, "manager"],
          message: `${quote(entry.manager)} is not a manager of the estate (${[...clustersOf.keys()].join(", ")})`,
        },
      ];
    }
    if (typeof entry.cluster === "string" && !clusters.includes(entry.cluster)) {
      return [
        {
          path: ["drift", "ignore", index, "cluster"],
          message: `${quote(entry.cluster)} is not a cluster of manager ${entry.manager} (${clusters.join(", ")})`,
        },
      ];
    }
    return [];
  });
}

/** PostgreSQL keeps the first 63 bytes of a name (NAMEDATALEN - 1) and silently drops the rest. */
export const PG_MAX_IDENTIFIER = 63;

/**
 * With the pg backend and a schema per stack, each manager's state lives in the schema
 * `<schemaName>_<manager>` (stack-workflow and the state backend derive it the same way).
 * Longer than 63 characters, PostgreSQL would cut it, and two managers could share a state.
 * (Unique manager names give unique schemas: names have no `_`, so `-` to `_` is one-to-one.)
 */
function pgSchemaProblems(
  backend: unknown,
  managers: ReadonlyArray<[number, Record<string, unknown>]>,
): Problem[] {
  if (!isRecord(backend) || backend.type !== "pg") return [];
  if (backend.schemaPer !== undefined && backend.schemaPer !== "stack") return [];
  const prefix = backend.schemaName ?? "ksv";
  // Invalid names are reported by the schema; the length only matters for valid ones.
  if (typeof prefix !== "string" || !/^[a-z_][a-z0-9_]*$/.test(prefix)) return [];
  const problems: Problem[] = [];
  for (const [m, manager] of managers) {
    if (typeof manager.name !== "string" || !MANAGER_NAME.test(manager.name)) continue;
    const schema = `${prefix}_${manager.name.replace(/-/g, "_")}`;
    if (schema.length <= PG_MAX_IDENTIFIER) continue;
    const room = PG_MAX_IDENTIFIER - 1 - prefix.length;
    problems.push({
      path: ["managers", m, "name"],
      message: `with backend pg and schemaPer "stack", this manager's state goes to the PostgreSQL schema "${schema}", ${schema.length} characters; PostgreSQL cuts names at ${PG_MAX_IDENTIFIER}, so two managers could share one state. Shorten the manager name to at most ${Math.max(room, 0)} characters or backend.schemaName`,
    });
  }
  return problems;
}

/** Problems across entries of the estate: JSON Schema cannot say them (Problem.beyondSchema). */
export function crossCheckEstate(raw: unknown): Problem[] {
  return crossEntryProblems(raw).map((problem) => ({ ...problem, beyondSchema: true }));
}

function crossEntryProblems(raw: unknown): Problem[] {
  if (!isRecord(raw)) return [];
  const managers = entries(raw.managers).filter((e): e is [number, Record<string, unknown>] =>
    isRecord(e[1]),
  );
  const problems = [
    ...duplicateNames(raw.managers, ["managers"], "manager"),
    ...managers.flatMap(([m, manager]) =>
      duplicateNames(manager.clusters, ["managers", m, "clusters"], "cluster"),
    ),
    ...duplicateHostProblems(
      managers.map(([m, manager]) => ({
        path: ["managers", m, "clusters"],
        clusters: manager.clusters,
      })),
    ),
    ...pgSchemaProblems(raw.backend, managers),
    ...driftIgnoreProblems(raw),
    ...acknowledgementProblems(raw),
  ];
  const backend = raw.backend;
  if (
    isRecord(backend) &&
    backend.type === "pg" &&
    backend.schemaPer === "estate" &&
    managers.length > 1
  ) {
    problems.push({
      path: ["backend", "schemaPer"],
      message: `"estate" keeps every stack's state in one schema, where Terraform's pg backend holds one state per workspace; with ${managers.length} managers use "stack"`,
    });
  }
  return problems;
}
