import { renderDiscoveryJson, renderDiscoveryMarkdown } from "../../lib/discover";
import { UserError } from "../../lib/user-error";
import { discoverEstate } from "../discover";
import { FORMAT_OPTION, formatOf, timeoutOf } from "./command-options";
import type { KsvCommand } from "./ksv-command";

export const discoverCommand: KsvCommand = {
  name: "discover",
  usage: `ksv discover <manager>... | --all [--check] [--format markdown|json] [--hook-timeout <seconds>]
    Asks the inventory hook which clusters and hosts each manager has, and rewrites their
    clusters[].hosts in the estate file in place (new clusters where the hook gives their
    datastore and network); nothing else of the file changes. --check writes nothing.
    Exit codes: 0 written, or nothing to change; 2 with --check, the file would change; 1 error
    (nothing written).`,
  options: {
    all: { type: "boolean", default: false },
    check: { type: "boolean", default: false },
    "hook-timeout": { type: "string" },
    ...FORMAT_OPTION,
  },
  async run(line) {
    const all = line.values.all === true;
    if (all && line.positionals.length > 0) {
      throw new UserError("give manager names or --all, not both");
    }
    const format = formatOf(line);
    const report = await discoverEstate({
      managers: all ? "all" : line.positionals,
      check: line.values.check === true,
      timeoutSeconds: timeoutOf(line, "hook-timeout"),
    });
    process.stdout.write(
      format === "json" ? renderDiscoveryJson(report) : renderDiscoveryMarkdown(report),
    );
    return report.exitCode;
  },
};
