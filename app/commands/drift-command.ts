import * as fs from "fs";
import * as path from "path";
import { driftExitCode, renderDriftJson, renderDriftMarkdown } from "../../lib/verify/drift-report";
import { drift } from "../drift";
import { outdirFromEnvironment } from "../estate-file";
import { FORMAT_OPTION, formatOf, VERIFY_TIMEOUT_OPTION, verifyTimeoutOf } from "./command-options";
import type { KsvCommand } from "./ksv-command";
import { loadedEstate } from "./loaded-estate";

export const driftCommand: KsvCommand = {
  name: "drift",
  usage: `ksv drift [<manager>...] [--format markdown|json] [--verify-timeout <seconds>]
    Asks the verify hook what exists and reports what differs from the state and the estate.
    Prints the report and writes cdktf.out/drift.md and cdktf.out/drift.json.
    Exit codes: 0 no drift, 2 drift, 1 error.`,
  options: { ...FORMAT_OPTION, ...VERIFY_TIMEOUT_OPTION },
  async run(line) {
    const format = formatOf(line);
    const verifyTimeoutSeconds = verifyTimeoutOf(line);
    const outdir = outdirFromEnvironment();
    const report = await drift(loadedEstate(), {
      managers: line.positionals,
      outdir,
      verifyTimeoutSeconds,
    });
    // Both forms are kept, as npm run plan-review keeps its review: one run, two readers.
    const markdown = renderDriftMarkdown(report);
    const json = renderDriftJson(report);
    fs.writeFileSync(path.join(outdir, "drift.md"), markdown);
    fs.writeFileSync(path.join(outdir, "drift.json"), json);
    process.stdout.write(format === "json" ? json : markdown);
    return driftExitCode(report);
  },
};
