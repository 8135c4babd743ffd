import * as fs from "fs";
import * as path from "path";
import { GITHUB_BODY_LIMIT, splitMarkdown } from "../lib/text";
import {
  DRIFT_JSON_VERSION,
  DRIFT_MARKER,
  EXIT_ERROR,
  renderDriftJson,
  renderDriftMarkdown,
  renderManagerDriftMarkdown,
  type DriftReport,
} from "../lib/verify";

/*
 * ksv drift's files, what the drift workflow reads: drift.md (the job summary), drift.json, and
 * drift/<manager>.md, the body of each manager's issue. A manager's document longer than GitHub
 * takes (65,536 characters) is written in parts, drift/<manager>.md, drift/<manager>.2.md, …,
 * each a complete document under the limit (lib/text/split-markdown): the first is the issue's
 * body, the others its comments. drift.md is no comment: a job summary takes 1 MiB, and it shows
 * at most FINDINGS_SHOWN findings per manager.
 */

export const DRIFT_MARKDOWN_FILE = "drift.md";
export const DRIFT_JSON_FILE = "drift.json";
export const DRIFT_MANAGERS_FOLDER = "drift";

/** drift/<manager>.md, drift/<manager>.2.md, …: part `index` (1-based) of a manager's document. */
export function managerPartFile(manager: string, index: number): string {
  // A manager's name has no dot (lib/estate/grammar's MANAGER_NAME): no part is another's file.
  return path.join(DRIFT_MANAGERS_FOLDER, index === 1 ? `${manager}.md` : `${manager}.${index}.md`);
}

export interface WrittenDrift {
  readonly markdown: string;
  readonly json: string;
  /** Each manager's parts, in order, as files under the outdir. */
  readonly parts: Readonly<Record<string, readonly string[]>>;
}

export function writeDrift(outdir: string, report: DriftReport): WrittenDrift {
  const markdown = renderDriftMarkdown(report);
  const json = renderDriftJson(report);
  // The folder is written anew: a manager's parts from an earlier, longer report are not left.
  fs.rmSync(path.join(outdir, DRIFT_MANAGERS_FOLDER), { recursive: true, force: true });
  fs.mkdirSync(path.join(outdir, DRIFT_MANAGERS_FOLDER), { recursive: true });
  fs.writeFileSync(path.join(outdir, DRIFT_MARKDOWN_FILE), markdown);
  fs.writeFileSync(path.join(outdir, DRIFT_JSON_FILE), json);
  const parts: Record<string, string[]> = {};
  for (const manager of report.managers) {
    const document = renderManagerDriftMarkdown(report, manager);
    parts[manager.name] = splitMarkdown(document, GITHUB_BODY_LIMIT).map((text, i) => {
      const file = path.join(outdir, managerPartFile(manager.name, i + 1));
      fs.writeFileSync(file, text);
      return file;
    });
  }
  return { markdown, json, parts };
}

/** What a failed run leaves: the failure, in place of an earlier report that would read as this one's. */
export function writeDriftFailure(outdir: string, message: string): void {
  fs.mkdirSync(outdir, { recursive: true });
  fs.rmSync(path.join(outdir, DRIFT_MANAGERS_FOLDER), { recursive: true, force: true });
  const json = {
    version: DRIFT_JSON_VERSION,
    drift: false,
    exitCode: EXIT_ERROR,
    error: message,
    managers: [],
  };
  fs.writeFileSync(path.join(outdir, DRIFT_JSON_FILE), `${JSON.stringify(json, null, 2)}\n`);
  fs.writeFileSync(
    path.join(outdir, DRIFT_MARKDOWN_FILE),
    `${DRIFT_MARKER}\n## Network Threat Protection drift\n\n> [!CAUTION]\n> **ksv drift failed**: nothing is known of this run.\n\n\`\`\`\n${message.replace(/```/g, "'''")}\n\`\`\`\n`,
  );
}
