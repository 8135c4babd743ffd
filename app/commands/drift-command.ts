import * as fs from "fs";
import { UserError } from "../../lib/user-error";
import {
  driftExitCode,
  DRIFT_JSON_VERSION,
  mergeDriftReports,
  seenFindings,
  type DriftReport,
} from "../../lib/verify";
import { drift } from "../drift";
import { writeDrift, writeDriftFailure } from "../write-drift";
import { outdirFromEnvironment } from "../estate-file";
import { FORMAT_OPTION, formatOf, VERIFY_TIMEOUT_OPTION, verifyTimeoutOf } from "./command-options";
import type { KsvCommand } from "./ksv-command";
import { loadedEstate } from "./loaded-estate";

/*
 * ksv drift: checks the managers named (all by default) and writes the report where workflows read
 * it (app/write-drift): cdktf.out/drift.md (the job summary), drift.json, and drift/<manager>.md
 * (the body of each manager's issue, in parts when it is longer than GitHub takes). A run that
 * fails writes that it failed, so no earlier report is read as this one's. With --merge, the
 * reports of several runs (a matrix job per manager) are made one.
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
  const json = readJson(file) as Partial<DriftReport> & { version?: unknown; error?: unknown };
  if (json.version !== DRIFT_JSON_VERSION || !Array.isArray(json.managers)) {
    throw new UserError(`${file}: is not a ksv drift JSON report (version ${DRIFT_JSON_VERSION})`);
  }
  // What a failed run leaves names no manager: merged, its managers would silently be missing.
  if (json.error !== undefined) {
    throw new UserError(
      `${file}: is what a failed ksv drift left, not a report: ${String(json.error)}`,
    );
  }
  return { date: String(json.date), managers: json.managers, expired: json.expired ?? [] };
}

export const driftCommand: KsvCommand = {
  name: "drift",
  usage: `ksv drift [<manager>...] [--format markdown|json] [--verify-timeout <seconds>] [--seen <drift.json>]
ksv drift --merge <drift.json>...
    Asks the verify hook what exists and reports what differs from the state and the estate, each
    manager on its own. Prints the report and writes cdktf.out/drift.md, drift.json and
    drift/<manager>.md (its issue; drift/<manager>.2.md, … the parts beyond 65,536 characters).
    --seen: the previous report, for the day each finding was first seen.
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
      writeDriftFailure(outdir, error instanceof Error ? error.message : String(error));
      throw error;
    }
    const { markdown, json } = writeDrift(outdir, report);
    process.stdout.write(format === "json" ? json : markdown);
    return driftExitCode(report);
  },
};
