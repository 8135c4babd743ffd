import { UserError } from "../../lib/user-error";
import { changedStacks } from "../changed-stacks";
import { estateFileFromEnvironment } from "../estate-file";
import type { KsvCommand } from "./ksv-command";
import { loadedEstate } from "./loaded-estate";

/*
 * The managers of the estate for a CI matrix: one job per manager, or per manager changed since
 * the pull request's base. JSON on one line, as `echo "managers=…" >> "$GITHUB_OUTPUT"` needs it.
 */

export interface ManagerEntry {
  readonly name: string;
  readonly kind: string;
}

export const managersCommand: KsvCommand = {
  name: "managers",
  usage: `ksv managers [--json] [--changed-since <git ref>]
    Lists the estate's managers, "<name> <kind>" a line, or with --json a JSON array of
    { "name", "kind" } on one line (for a GitHub Actions matrix: fromJSON). With
    --changed-since, only those whose synthesized stack differs from the estate's at that ref
    (new managers included); the others are named on stderr. Exit codes: 0, 1 error.`,
  options: { json: { type: "boolean", default: false }, "changed-since": { type: "string" } },
  async run(line) {
    if (line.positionals.length > 0) {
      throw new UserError(
        `takes no arguments (${line.positionals.map((p) => JSON.stringify(p)).join(", ")})`,
      );
    }
    const estate = loadedEstate();
    const ref = line.values["changed-since"] as string | undefined;
    const changes =
      ref === undefined
        ? undefined
        : changedStacks({ estateFile: estateFileFromEnvironment(), ref, current: { estate } });
    if (changes && changes.unchanged.length > 0) {
      process.stderr.write(
        `ksv managers: unchanged since ${ref}: ${changes.unchanged.join(", ")}\n`,
      );
    }
    const managers: ManagerEntry[] = estate.managers
      .filter((m) => !changes || changes.changed.includes(m.name))
      .map((m) => ({ name: m.name, kind: m.kind }));
    process.stdout.write(
      line.values.json
        ? `${JSON.stringify(managers)}\n`
        : managers.map((m) => `${m.name} ${m.kind}\n`).join(""),
    );
    return 0;
  },
};
