import * as fs from "fs";
import * as path from "path";
import type { Tokens } from "marked";
import { driftCommand } from "../../app/commands/drift-command";
import { managerPartFile, writeDrift } from "../../app/write-drift";
import { formatCount, GITHUB_BODY_LIMIT, partIndexOf, partMarker } from "../../lib/text";
import {
  FINDINGS_SHOWN,
  judgeFindings,
  managerMarker,
  renderDriftJson,
  type DriftReport,
  type ManagerDrift,
  type VerifyFinding,
} from "../../lib/verify";
import { UserError } from "../../lib/user-error";
import { markdownTokens } from "../support/markdown";
import { tempDir } from "../support/workspace";

/*
 * A manager's drift document (the body of its issue) in issue-sized parts: every finding with
 * since when it is seen, each part a complete markdown document under GitHub's limit that starts
 * with the manager's marker and says which part it is; the job summary (drift.md) stays short.
 */

const TODAY = "2026-11-30";

/** 20,000 hosts in 313 clusters of up to 64, none with its SVM. */
const hosts = Array.from({ length: 20_000 }, (_, h) => ({
  cluster: `prod-cl${String(Math.floor(h / 64)).padStart(3, "0")}`,
  host: `esx-${String(h).padStart(5, "0")}.dc01.corp.example.com`,
}));
const missing: VerifyFinding[] = hosts.map(({ cluster, host }) => ({
  id: "svm-missing",
  role: "service-deployment",
  address: `terraform_data.deployment["${cluster}"]`,
  cluster,
  host,
  field: null,
  group: null,
  expected: null,
  found: null,
}));
/** The last 48 clusters (3,040 hosts) are acknowledged (drift.ignore). */
const acknowledged = new Set(hosts.slice(265 * 64).map((h) => h.cluster));
/** Every other host was already missing its SVM a week ago. */
const seen = new Map(
  missing
    .filter((_, i) => i % 2 === 0)
    .map((f) => [`dc1-nsxv|svm-missing|${f.address}|${f.host}|`, "2026-11-23"]),
);

function manager(name: string, findings: VerifyFinding[]): ManagerDrift {
  return {
    name,
    kind: "nsx-v",
    address: `${name}.corp.example.com`,
    status: "checked",
    reason: null,
    skipped: null,
    checked: 314,
    pendingChanges: 0,
    findings: judgeFindings(findings, {
      manager: name,
      ignores: [...acknowledged].map((cluster) => ({
        manager: "dc1-nsxv",
        cluster,
        reason: "decommissioning, CHG-2071",
        until: "2026-12-31",
      })),
      seen,
      today: TODAY,
    }),
  };
}

const report: DriftReport = {
  date: TODAY,
  expired: [],
  managers: [manager("dc1-nsxv", missing), manager("dc2-nsxt", missing.slice(0, 3))],
};
const outdir = tempDir("drift-parts");
const written = writeDrift(outdir, report);
const files = written.parts["dc1-nsxv"];
const parts = files.map((file) => fs.readFileSync(file, "utf8"));
const marker = managerMarker("dc1-nsxv");
const counted = report.managers[0].findings.filter((f) => f.ignored === null);
const ignored = report.managers[0].findings.length - counted.length;

describe("a manager with 20,000 hosts missing their SVMs", () => {
  test("its document is written in parts each under the limit", () => {
    expect([counted.length, ignored]).toEqual([16_960, 3_040]);
    expect(parts.join("").length).toBeGreaterThan(20 * GITHUB_BODY_LIMIT);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
  });

  test("as drift/<manager>.md, drift/<manager>.2.md, …; a short document in one file", () => {
    expect(files.map((file) => path.relative(outdir, file))).toEqual(
      parts.map((_, i) => path.join("drift", i === 0 ? "dc1-nsxv.md" : `dc1-nsxv.${i + 1}.md`)),
    );
    expect(files.map((file) => path.relative(outdir, file))).toEqual(
      parts.map((_, i) => managerPartFile("dc1-nsxv", i + 1)),
    );
    expect(written.parts["dc2-nsxt"].map((file) => path.relative(outdir, file))).toEqual([
      path.join("drift", "dc2-nsxt.md"),
    ]);
  });

  test("the first part starts with the manager's marker, the others with partMarker; each says which part it is", () => {
    expect(parts[0].split("\n")[0]).toBe("<!-- ksv-drift:dc1-nsxv -->");
    parts.forEach((part, i) => {
      const [first, title] = part.split("\n");
      expect(first).toBe(partMarker(marker, i + 1));
      expect(partIndexOf(part, marker)).toBe(i + 1);
      expect(partIndexOf(part, managerMarker("dc1"))).toBeUndefined();
      expect(title).toBe(
        `## Network Threat Protection drift: \`dc1-nsxv\` (part ${i + 1} of ${parts.length})`,
      );
    });
    expect(parts[1].split("\n")[0]).toBe("<!-- ksv-drift:dc1-nsxv part 2 -->");
  });

  test("each part is complete markdown: its details blocks close in it, no code span is cut", () => {
    parts.forEach((part, i) => {
      const tokens = markdownTokens(part);
      const html = tokens
        .filter((t): t is Tokens.HTML => t.type === "html")
        .map((t) => t.raw)
        .join("");
      // The first part has the first 50 findings; the others a details block each.
      if (i > 0) expect((html.match(/<details>/g) ?? []).length).toBeGreaterThan(0);
      expect((html.match(/<details>/g) ?? []).length).toBe(
        (html.match(/<\/details>/g) ?? []).length,
      );
      expect(tokens.filter((t) => t.type === "code")).toEqual([]);
      const text = tokens.filter((t) => t.type === "text" && !("tokens" in t && t.tokens));
      for (const token of text) expect((token as Tokens.Text).text).not.toContain("`");
    });
  });

  test("every finding is in exactly one part, in order, with since when it is seen", () => {
    const lines = parts.flatMap((part) => part.split("\n").filter((l) => l.startsWith("- Host ")));
    const findingLines = lines.filter((line) => line.includes("(since "));
    expect(findingLines).toEqual(
      counted.map(
        (f) =>
          `- Host \`${f.host}\` of cluster \`${f.cluster}\` has no running SVM. (since ${f.since})`,
      ),
    );
    expect(findingLines.filter((l) => l.endsWith("(since 2026-11-23)")).length).toBe(
      Math.ceil(counted.length / 2),
    );
    // The acknowledged ones too, with their reason: the issue has everything the JSON has.
    expect(lines.filter((l) => l.includes("ignored until 2026-12-31"))).toHaveLength(ignored);
  });

  test("the findings after the first 50 are in details blocks that say which they are, a part each", () => {
    expect(parts[0]).toContain("**16,960 differences** from the estate:");
    const summaries = parts.flatMap((part) =>
      [...part.matchAll(/<summary>Differences ([\d,]+) to ([\d,]+) of 16,960<\/summary>/g)].map(
        (match) => [Number(match[1].replace(/,/g, "")), Number(match[2].replace(/,/g, ""))],
      ),
    );
    expect(summaries[0][0]).toBe(FINDINGS_SHOWN + 1);
    summaries.slice(1).forEach(([first], i) => expect(first).toBe(summaries[i][1] + 1));
    expect(summaries.at(-1)![1]).toBe(16_960);
    // Blocks that fill a part: not many more parts than the characters need.
    const characters = parts.reduce((sum, part) => sum + part.length, 0);
    expect(parts.length).toBeLessThanOrEqual(
      Math.ceil(characters / (GITHUB_BODY_LIMIT - 2_000)) + 2,
    );
    expect(parts.at(-1)).toMatch(
      /<summary>Known differences ignored \(drift\.ignore\), [\d,]+ to 3,040 of 3,040<\/summary>/,
    );
  });

  test("the job summary (drift.md) shows at most 50 findings and 50 acknowledged ones per manager", () => {
    const summary = fs.readFileSync(path.join(outdir, "drift.md"), "utf8");
    expect(summary.length).toBeLessThan(40_000);
    expect(summary).toContain(
      `- and ${formatCount(counted.length - FINDINGS_SHOWN)} more (see the manager's issue or drift.json)`,
    );
    expect(summary).toContain(`- and ${formatCount(ignored - FINDINGS_SHOWN)} more\n`);
    expect(summary.split("\n").filter((l) => l.includes("(since "))).toHaveLength(
      FINDINGS_SHOWN + 3,
    );
  });

  test("a shorter report leaves no part of the longer one behind", () => {
    const again = tempDir("drift-parts-again");
    writeDrift(again, report);
    expect(fs.readdirSync(path.join(again, "drift")).length).toBe(parts.length + 1);
    writeDrift(again, { ...report, managers: [manager("dc1-nsxv", missing.slice(0, 10))] });
    expect(fs.readdirSync(path.join(again, "drift"))).toEqual(["dc1-nsxv.md"]);
  });
});

describe("ksv drift --merge", () => {
  const previousOutdir = process.env.CDKTF_OUTDIR;
  let output: jest.SpyInstance;
  beforeEach(() => {
    output = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
  });
  afterEach(() => {
    output.mockRestore();
    if (previousOutdir === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = previousOutdir;
  });

  const jsonOf = (managers: ManagerDrift[]) => {
    const file = path.join(tempDir("drift-json"), "drift.json");
    fs.writeFileSync(file, renderDriftJson({ date: TODAY, expired: [], managers }));
    return file;
  };

  test("writes each manager's parts, as one run would", async () => {
    process.env.CDKTF_OUTDIR = tempDir("drift-merged");
    const code = await driftCommand.run({
      values: { merge: true, format: "markdown" },
      positionals: [
        jsonOf([report.managers[1]]),
        jsonOf([manager("dc1-nsxv", missing.slice(0, 10_000))]),
      ],
    });
    expect(code).toBe(2);
    const names = fs.readdirSync(path.join(process.env.CDKTF_OUTDIR, "drift"));
    expect(names).toEqual(expect.arrayContaining(["dc1-nsxv.md", "dc1-nsxv.2.md", "dc2-nsxt.md"]));
  });

  test("refuses what a failed run left (it names no manager): exit 1, the failure written", async () => {
    process.env.CDKTF_OUTDIR = tempDir("drift-merged-failed");
    const failed = path.join(tempDir("drift-failed"), "drift.json");
    fs.writeFileSync(
      failed,
      JSON.stringify({ version: 1, drift: false, exitCode: 1, error: "no estate", managers: [] }),
    );
    await expect(
      driftCommand.run({
        values: { merge: true, format: "markdown" },
        positionals: [jsonOf([]), failed],
      }),
    ).rejects.toThrow(`${failed}: is what a failed ksv drift left, not a report: no estate`);
    const json = JSON.parse(
      fs.readFileSync(path.join(process.env.CDKTF_OUTDIR, "drift.json"), "utf8"),
    );
    expect(json).toMatchObject({ exitCode: 1, managers: [] });
  });

  test("refuses a manager in two reports as the user's mistake, in one line", async () => {
    process.env.CDKTF_OUTDIR = tempDir("drift-merged-twice");
    const twice = driftCommand.run({
      values: { merge: true, format: "markdown" },
      positionals: [jsonOf([report.managers[1]]), jsonOf([report.managers[1]])],
    });
    await expect(twice).rejects.toBeInstanceOf(UserError);
    await expect(twice).rejects.toThrow(
      `manager ${report.managers[1].name} is in two drift reports: merge one report per manager`,
    );
  });
});
