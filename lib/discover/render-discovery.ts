import { MARKDOWN, plural, someOf, type TextStyle } from "../text";
import {
  discoveryChanges,
  type Discovery,
  type ManagerDiscovery,
  type NamedCluster,
} from "./discovery";

/*
 * What ksv discover says: per manager, the hosts added and removed per cluster, the clusters
 * added, and the clusters a person must look at; then whether the file was (or would be)
 * written. Markdown for people and a CI job summary (values in code spans: they come from a
 * hook), JSON for machines.
 */

export const DISCOVER_JSON_VERSION = 1;

export interface DiscoveryReport {
  /** The estate file, as named. */
  readonly estate: string;
  readonly discovery: Discovery;
  /** --check: nothing is written either way. */
  readonly check: boolean;
  readonly written: boolean;
  readonly exitCode: number;
}

const cluster = (name: string, computeManager: string | undefined, style: TextStyle) =>
  computeManager
    ? `${style.value(name)} (compute manager ${style.value(computeManager)})`
    : style.value(name);

/** Why a cluster is named, in a sentence after its name. */
export function namedReason(named: NamedCluster, style: TextStyle): string {
  const managers = (list: readonly string[]) =>
    someOf(
      list.map((m) => m || "(none given)"),
      style,
    );
  switch (named.reason) {
    case "not-reported":
      return "left as it is: the inventory hook does not report it";
    case "all-hosts-gone":
      return `left as it is: none of its hosts is reported any more (the hook reports ${named.reported.length === 0 ? "no host" : someOf(named.reported, style)}); remove or correct it by hand`;
    case "ambiguous":
      return `left as it is: reported under several compute managers (${managers(named.computeManagers)}); set its computeManager`;
    case "no-placement":
      return `not added: the inventory hook gives no ${named.missing.join(" and ")} for it (${plural(named.hosts.length, "host", "hosts")}: ${someOf(named.hosts, style)}); add it by hand to protect it`;
    case "no-hosts":
      return "not added: the inventory hook reports it without hosts";
    case "name-taken":
      return `not added: the estate has a cluster ${style.value(named.existing)} of this name already (another compute manager, or the name written another way)`;
    case "reported-twice":
      return `not added: reported under several compute managers (${managers(named.computeManagers)}) and a manager's cluster names are unique; add the one you mean by hand, with its computeManager`;
  }
}

function managerLines(manager: ManagerDiscovery, style: TextStyle): string[] {
  const lines: string[] = [];
  for (const change of manager.changes) {
    const parts = [
      change.added.length > 0
        ? `${plural(change.added.length, "host", "hosts")} added (${someOf(change.added, style)})`
        : "",
      change.removed.length > 0
        ? `${plural(change.removed.length, "host", "hosts")} removed (${someOf(
            change.removed.map((r) => r.host),
            style,
          )})`
        : "",
    ].filter(Boolean);
    lines.push(`${style.value(change.cluster)}: ${parts.join(", ")}`);
  }
  for (const added of manager.added) {
    lines.push(
      `${cluster(added.name, added.computeManager, style)}: cluster added, ${plural(added.hosts.length, "host", "hosts")} (${someOf(added.hosts, style)}), datastore ${style.value(added.datastore)}, network ${style.value(added.network)}${added.ipPool ? `, IP pool ${style.value(added.ipPool)}` : ""}`,
    );
  }
  for (const named of manager.named) {
    const computeManager = "computeManager" in named ? named.computeManager : undefined;
    lines.push(`${cluster(named.cluster, computeManager, style)}: ${namedReason(named, style)}`);
  }
  return lines;
}

function totals(discovery: Discovery): string {
  const sum = (f: (m: ManagerDiscovery) => number) =>
    discovery.managers.reduce((n, m) => n + f(m), 0);
  const added = sum((m) => m.changes.reduce((n, c) => n + c.added.length, 0));
  const removed = sum((m) => m.changes.reduce((n, c) => n + c.removed.length, 0));
  const clusters = sum((m) => m.added.length);
  return [
    `${plural(added, "host", "hosts")} added`,
    `${plural(removed, "host", "hosts")} removed`,
    `${plural(clusters, "cluster", "clusters")} added`,
  ].join(", ");
}

/** The report as markdown: a line per change and per named cluster, then what happened to the file. */
export function renderDiscoveryMarkdown(report: DiscoveryReport): string {
  const style = MARKDOWN;
  const out = [`## ksv discover: ${style.value(report.estate)}`, ""];
  for (const manager of report.discovery.managers) {
    const lines = managerLines(manager, style);
    if (lines.length === 0) out.push(`- **${manager.manager}**: as the estate says`);
    else out.push(`- **${manager.manager}**`, ...lines.map((line) => `  - ${line}`));
  }
  out.push("");
  const changed = discoveryChanges(report.discovery);
  const names = report.discovery.managers.map((m) => m.manager).join(" ");
  if (!changed) out.push(`${style.value(report.estate)} is up to date; nothing was written.`);
  else if (report.check) {
    out.push(
      `${style.value(report.estate)} would change (${totals(report.discovery)}); nothing was written (--check). Run \`ksv discover ${names}\` to write it.`,
    );
  } else {
    out.push(`${style.value(report.estate)} written: ${totals(report.discovery)}.`);
  }
  return `${out.join("\n")}\n`;
}

/** The report as JSON: `{ version, estate, check, changed, written, exitCode, managers }`. */
export function renderDiscoveryJson(report: DiscoveryReport): string {
  const json = {
    version: DISCOVER_JSON_VERSION,
    estate: report.estate,
    check: report.check,
    changed: discoveryChanges(report.discovery),
    written: report.written,
    exitCode: report.exitCode,
    managers: report.discovery.managers.map((m) => ({
      name: m.manager,
      clusters: m.changes.map((c) => ({
        name: c.cluster,
        added: c.added,
        removed: c.removed.map((r) => r.host),
        hosts: c.hosts,
      })),
      addedClusters: m.added,
      named: m.named.map((named) => ({ ...named, message: namedReason(named, PLAIN_JSON) })),
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Values in JSON messages as they are (JSON escapes what it must). */
const PLAIN_JSON: TextStyle = { value: (text) => text };
