import * as fs from "fs";
import * as path from "path";
import { UserError } from "../../lib/user-error";
import {
  driftExitCode,
  DRIFT_JSON_VERSION,
  EXIT_ERROR,
  mergeDriftReports,
  renderDriftJson,
  renderDriftMarkdown,
  renderManagerDriftMarkdown,
  seenFindings,
  type DriftReport,
} from "../../lib/verify";
import { drift } from "../drift";
import { outdirFromEnvironment } from "../estate-file";
import { FORMAT_OPTION, formatOf, VERIFY_TIMEOUT_OPTION, verifyTimeoutOf } from "./command-options";
import type { KsvCommand } from "./ksv-command";
import { loadedEstate } from "./loaded-estate";

/*
 * ksv drift: checks the managers named (all by default) and writes the report where workflows read
 * it: cdktf.out/drift.md (the job summary), drift.json, and drift/<manager>.md (the body of each
 * manager's issue). A run that fails writes that it failed, so no earlier report is read as this
 * one's. With --merge, the reports of several runs (a matrix job per manager) are made one.
 */

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      `${file}: ${code === "ENOENT" ? "file not found" : "is not a JSON drift report"}`,
    );
  }
}

function reportOf(file: string): DriftReport {
  const json = readJson(file) as Partial<DriftReport> & { version?: unknown };
  if (json.version !== DRIFT_JSON_VERSION || !Array.isArray(json.managers)) {
    throw new UserError(`${file}: is not a ksv drift JSON report (version ${DRIFT_JSON_VERSION})`);
  }
  return { date: String(json.date), managers: json.managers, expired: json.expired ?? [] };
}

function write(outdir: string, report: DriftReport): { markdown: string; json: string } {
  const markdown = renderDriftMarkdown(report);
  const json = renderDriftJson(report);
  const perManager = path.join(outdir, "drift");
  fs.rmSync(perManager, { recursive: true, force: true });
  fs.mkdirSync(perManager, { recursive: true });
  fs.writeFileSync(path.join(outdir, "drift.md"), markdown);
  fs.writeFileSync(path.join(outdir, "drift.json"), json);
  for (const manager of report.managers) {
    fs.writeFileSync(
      path.join(perManager, `${manager.name}.md`),
      renderManagerDriftMarkdown(report, manager),
    );
  }
  return { markdown, json };
}

/** What a failed run leaves: the failure, in place of an earlier report that would read as this one. */
function writeFailure(outdir: string, message: string): void {
  fs.mkdirSync(outdir, { recursive: true });
  fs.rmSync(path.join(outdir, "drift"), { recursive: true, force: true });
  const json = {
    version: DRIFT_JSON_VERSION,
    drift: false,
    exitCode: EXIT_ERROR,
    error: message,
    managers: [],
  };
  fs.writeFileSync(path.join(outdir, "drift.json"), `${JSON.stringify(json, null, 2)}\n`);
  fs.writeFileSync(
    path.join(outdir, "drift.md"),
    `<!-- ksv-drift -->\n## Network Threat Protection drift\n\n> [!CAUTION]\n> **ksv drift failed**: nothing is known of this run.\n\n\`\`\`\n${message.replace(/```/g, "'''")}\n\`\`\`\n`,
  );
}

export const driftCommand: KsvCommand = {
  name: "drift",
  usage: `ksv drift [<manager>...] [--format markdown|json] [--verify-timeout <seconds>] [--seen <drift.json>]
ksv drift --merge <drift.json>...
    Asks the verify hook what exists and reports what differs from the state and the estate, each
    manager on its own. Prints the report and writes cdktf.out/drift.md, drift.json and
    drift/<manager>.md. --seen: the previous report, for the day each finding was first seen.
    --merge: the reports of several runs made one (and written as above).
    Exit codes: 0 no drift, 2 drift (or a manager with nothing deployed), 1 a manager could not be
    checked, or nothing was.`,
  options: {
    ...FORMAT_OPTION,
    ...VERIFY_TIMEOUT_OPTION,
    seen: { type: "string" },
    merge: { type: "boolean", default: false },
  },
  async run(line) {
    const format = formatOf(line);
    const outdir = outdirFromEnvironment();
    let report: DriftReport;
    try {
      if (line.values.merge === true) {
        if (line.positionals.length === 0) throw new UserError("--merge needs drift.json files");
        report = mergeDriftReports(line.positionals.map(reportOf));
      } else {
        const seen =
          typeof line.values.seen === "string"
            ? seenFindings(readJson(line.values.seen))
            : undefined;
        report = await drift(loadedEstate(), {
          managers: line.positionals,
          outdir,
          verifyTimeoutSeconds: verifyTimeoutOf(line),
          seen,
        });
      }
    } catch (error) {
      writeFailure(outdir, error instanceof Error ? error.message : String(error));
      throw error;
    }
    const { markdown, json } = write(outdir, report);
    process.stdout.write(format === "json" ? json : markdown);
    return driftExitCode(report);
  },
};
