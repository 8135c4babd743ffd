import type { Machine } from "./machine";
import type { DiscardedRun } from "./measure";

/*
 * BENCHMARKS.md from data: every section is a title and blocks (paragraphs, tables, lists),
 * rendered alike, and every number is written by the formats below, so that the same figure
 * reads the same wherever it stands.
 */

export const n = (value: number) => Math.round(value).toLocaleString("en-US");
export const s = (seconds: number) => `${seconds.toFixed(2)} s`;
export const ms = (milliseconds: number) =>
  milliseconds < 10 ? `${milliseconds.toFixed(1)} ms` : `${n(milliseconds)} ms`;
export const mb = (megabytes: number | undefined) =>
  megabytes === undefined ? "n/a" : `${megabytes.toFixed(0)} MB`;
export const bytes = (count: number) => `${n(count)} (${(count / 1024 / 1024).toFixed(2)} MB)`;
export const x = (ratio: number) => `${ratio.toFixed(ratio < 10 ? 2 : 1)} ×`;
/** The seconds of every run, in order. */
export const runsOf = (runs: ReadonlyArray<number | { readonly seconds: number }>) =>
  runs.map((r) => (typeof r === "number" ? r : r.seconds).toFixed(2)).join(", ");
export const maybe = (value: number | undefined, format: (v: number) => string) =>
  value === undefined ? "n/a" : format(value);
export const maxOf = (values: ReadonlyArray<number | undefined>) => {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length > 0 ? Math.max(...known) : undefined;
};

/** The runs a section measured again, and why. */
export function discardedNote(list: readonly DiscardedRun[]): string {
  if (list.length === 0) {
    return "No run had to be measured again (other processes never took more than 1 s of CPU, or a tenth of the run's time, while it ran).";
  }
  const shown = list
    .map((d) => `${d.what} ${s(d.seconds)} (others ${s(d.otherCpuSeconds)} of CPU)`)
    .join("; ");
  return `Measured again because other processes took more than 1 s of CPU (or a tenth of the run's time) while they ran, and left out: ${list.length} run${list.length > 1 ? "s" : ""}: ${shown}.`;
}

export interface Table {
  /** The header row as it reads: cells separated by " | " (an empty cell is an empty string). */
  readonly header: string;
  readonly rows: ReadonlyArray<readonly string[]>;
}

/** A paragraph, a table, or a bulleted list (an item may hold a nested list of its own). */
export type Block = string | Table | readonly string[];

export interface Section {
  /** Numbered sections carry their number: the text refers to them by it. */
  readonly title: string;
  readonly blocks: readonly Block[];
}

export interface TargetCheck {
  /** The target's number in the issue ("The whole review pipeline at datacenter scale"). */
  readonly id: string;
  readonly target: string;
  /** The measured value, with what it was computed from. */
  readonly measured: string;
  readonly limit: string;
  /** undefined: not measured. */
  readonly pass?: boolean;
}

function renderTable({ header, rows }: Table): string {
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  const columns = header.split(" | ");
  return [line(columns), line(columns.map(() => "---")), ...rows.map(line)].join("\n");
}

function renderBlock(block: Block): string {
  if (typeof block === "string") return block;
  if ("header" in block) return renderTable(block);
  return block.map((item) => `- ${item}`).join("\n");
}

const renderSection = (section: Section) =>
  `## ${section.title}\n\n${section.blocks.map(renderBlock).join("\n\n")}\n`;

const verdict = (pass?: boolean) =>
  pass === undefined ? "NOT MEASURED" : pass ? "PASS" : "**FAIL**";

export interface Report {
  readonly machine: Machine;
  /** Wall time of the whole benchmark, seconds. */
  readonly totalSeconds: number;
  readonly targets: readonly TargetCheck[];
  /** What the targets table leaves unsaid. */
  readonly targetsNote: string;
  readonly sections: readonly Section[];
}

export function renderReport(report: Report): string {
  const m = report.machine;
  const machine = renderTable({
    header: "machine | ",
    rows: [
      ["CPU", `${m.cpu}, ${m.cores} cores`],
      ["CPU-bound work of all cores at once", `${x(m.throughput.factor)} one core's (section 2)`],
      ["RAM", `${m.ramGb.toFixed(1)} GB`],
      ["OS", m.os],
      ["Node.js", m.node],
      ["Terraform", m.terraform],
      ["cdktf / cdktf-cli", `${m.cdktf} / ${m.cdktfCli}`],
      ["TypeScript / ts-node", `${m.typescript} / ${m.tsNode}`],
      ["code", `commit ${m.commit}`],
      ["date", m.date],
      ["whole benchmark", s(report.totalSeconds)],
    ],
  });
  const targets: Section = {
    title: "Targets",
    blocks: [
      {
        header: " | target | measured | limit | result",
        rows: report.targets.map((t) => [t.id, t.target, t.measured, t.limit, verdict(t.pass)]),
      },
      report.targetsNote,
    ],
  };
  return `# Benchmarks

Written by \`npm run bench\` (\`bench/run.ts\`); run it again rather than editing this file.

${machine}

${[targets, ...report.sections].map(renderSection).join("\n")}`;
}
