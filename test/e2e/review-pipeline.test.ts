import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { changedStacks } from "../../app/changed-stacks";
import { PROJECT_ROOT } from "../../app/project-root";
import { estateOf, nsxtManager, nsxvManager, RICH_INTROSPECTION } from "../support/estates";
import { PostgresServer } from "../support/postgres";
import { PLAN_REVIEW_BIN } from "../support/plan-review-cli";
import { runNode, runScript, tempDir, type CommandResult } from "../support/workspace";

/*
 * The review pipeline of a pull request, on a git repository of its own with the team state in a
 * real PostgreSQL and the real terraform: only the stacks changed since the base are planned
 * (--changed-since, ksv managers), two matrix jobs' reviews merge into the single runner's review,
 * and ksv apply applies reviewed plans and nothing else.
 */

const KSV_BIN = path.join(PROJECT_ROOT, "bin", "ksv.js");
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "test",
  GIT_AUTHOR_EMAIL: "test@example.local",
  GIT_COMMITTER_NAME: "test",
  GIT_COMMITTER_EMAIL: "test@example.local",
};

/** Web categories that need no Global KSN: the estates load without warnings. */
const policy = { webAddresses: { categories: ["malicious", "phishing"] } };
const base = estateOf(
  [
    nsxvManager("dc1-nsxv", { introspection: RICH_INTROSPECTION, policy }),
    nsxtManager("dc2-nsxt", { policy }),
    nsxvManager("dc3-nsxv", { policy }),
  ],
  { backend: { type: "pg", schemaName: "ksv" } },
);
/** The pull request: dc1 to monitoring with another policy, dc4 new; dc2 and dc3 untouched. */
const changed = {
  ...base,
  managers: [
    {
      ...base.managers[0],
      trafficMode: "monitoring",
      policy: {
        networkAttack: { action: "ignore" },
        networkActivity: { action: "ignore" },
        webAddresses: { action: "ignore", categories: ["malicious", "phishing"] },
      },
    },
    base.managers[1],
    base.managers[2],
    nsxtManager("dc4-nsxt", { policy }),
  ],
};

describe("review only what changed, merge the matrix, apply what was reviewed", () => {
  const repo = tempDir("review-pipeline");
  const jobs = [
    path.join(repo, "..", `${path.basename(repo)}-job1`),
    path.join(repo, "..", `${path.basename(repo)}-job2`),
  ];
  let pg: PostgresServer;
  let env: Record<string, string>;
  const runs: Record<string, CommandResult> = {};
  const read = (dir: string, file: string) =>
    fs.readFileSync(path.join(dir, "cdktf.out", file), "utf8");

  const git = (cwd: string, ...args: string[]) =>
    execFileSync("git", args, {
      cwd,
      env: GIT_ENV,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  const commit = (message: string, files: Record<string, string>) => {
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(repo, file), text);
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", message);
  };
  const planReview = (cwd: string, args: string[]) =>
    runScript("scripts/plan-and-review.ts", args, { cwd, env });
  const ksv = (cwd: string, args: string[]) => runNode([KSV_BIN, ...args], { cwd, env });
  const stateRows = (stack: string) =>
    Number(pg.sql("terraform", `SELECT count(*) FROM ksv_${stack.replace(/-/g, "_")}.states`));

  beforeAll(async () => {
    pg = await PostgresServer.start();
    env = { KSV_ESTATE: "estate.json", PG_CONN_STR: pg.connectionString };
    git(repo, "init", "-q", "-b", "main");
    commit("no estate yet", { "README.md": "sites\n", ".gitignore": "cdktf.out/\n" });
    commit("an estate that does not load", { "estate.json": '{ "version": 2 }\n' });
    commit("the estate", { "estate.json": JSON.stringify(base, null, 2) });
    // Every stack reviewed and applied from scratch: the team state the pull request starts from.
    runs.initialReview = await planReview(repo, []);
    runs.initialApply = await ksv(repo, ["apply"]);
    commit("dc1 to monitoring, dc4 added", { "estate.json": JSON.stringify(changed, null, 2) });

    runs.single = await planReview(repo, ["--changed-since", "HEAD~1", "--format", "json"]);
    for (const job of jobs) git(path.dirname(job), "clone", "-q", repo, job);
    [runs.job1, runs.job2] = await Promise.all(
      [
        [jobs[0], "dc1-nsxv"],
        [jobs[1], "dc4-nsxt"],
      ].map(([job, manager]) =>
        planReview(job, ["--changed-since", "HEAD~1", "--manager", manager, "--format", "json"]),
      ),
    );
    const reviews = jobs.map((job) => path.join(job, "cdktf.out", "plan-review.json"));
    [runs.merged, runs.mergedJson] = await Promise.all([
      runNode([PLAN_REVIEW_BIN, "--merge", "--out", path.join(repo, "merged"), ...reviews], {
        cwd: repo,
      }),
      runNode([PLAN_REVIEW_BIN, "--merge", "--format", "json", ...reviews], { cwd: repo }),
    ]);
    [runs.managers, runs.managersChanged, runs.managersBadRef] = await Promise.all([
      ksv(repo, ["managers", "--json"]),
      ksv(repo, ["managers", "--json", "--changed-since", "HEAD~1"]),
      ksv(repo, ["managers", "--changed-since", "no-such-branch"]),
    ]);
  });

  afterAll(() => {
    pg?.stop();
    for (const job of jobs) fs.rmSync(job, { recursive: true, force: true });
  });

  test("the initial review planned every stack, and ksv apply applied its plans", () => {
    expect(runs.initialReview).toMatchObject({
      code: 0,
      stderr: expect.stringMatching(/^(plan-review: dc\d-nsx[tv] planned \(changes, .*\n){3}$/),
    });
    expect(runs.initialApply).toMatchObject({
      code: 0,
      stderr: expect.not.stringContaining("Error"),
    });
    expect(runs.initialApply.stdout.trim().split("\n")).toEqual(
      ["dc1-nsxv", "dc2-nsxt", "dc3-nsxv"].map((s) => `ksv apply: ${s}: the reviewed plan applied`),
    );
    for (const stack of ["dc1-nsxv", "dc2-nsxt", "dc3-nsxv"]) expect(stateRows(stack)).toBe(1);
  });

  test("--changed-since plans only the changed stacks (a new one included), listing the others", () => {
    expect(runs.single.stderr).toContain(
      "plan-review: unchanged since HEAD~1, not planned: dc2-nsxt, dc3-nsxv",
    );
    expect(runs.single.code).toBe(2);
    const json = JSON.parse(runs.single.stdout);
    expect(json.inputs.map((i: { source: string }) => i.source)).toEqual([
      "cdktf.out/plans/dc1-nsxv.json",
      "cdktf.out/plans/dc4-nsxt.json",
    ]);
    expect(json.changedSince).toEqual({
      ref: "HEAD~1",
      unchanged: ["dc2-nsxt", "dc3-nsxv"],
      allChangedReason: null,
    });
    expect(
      json.managers.map((m: { name: string; trafficMode: unknown }) => [m.name, m.trafficMode]),
    ).toEqual([
      ["dc1-nsxv", { before: "standard", after: "monitoring", changed: true }],
      ["dc4-nsxt", { before: null, after: "standard", changed: false }],
    ]);
    expect(read(repo, "plan-review.md")).toContain(
      "**Unchanged since `HEAD~1`** (not planned: the same synthesized configuration): `dc2-nsxt`, `dc3-nsxv`.",
    );
    expect(fs.readdirSync(path.join(repo, "cdktf.out", "plans")).sort()).toEqual(
      ["dc1-nsxv", "dc4-nsxt"].flatMap((s) => [`${s}.json`, `${s}.reviewed.json`, `${s}.tfplan`]),
    );
  });

  test("the estate at a ref where it did not exist or load counts every stack as changed", () => {
    const estateFile = path.join(repo, "estate.json");
    const all = ["dc1-nsxv", "dc2-nsxt", "dc3-nsxv", "dc4-nsxt"];
    expect(changedStacks({ estateFile, ref: "HEAD~2" })).toMatchObject({
      changed: all,
      unchanged: [],
      allChangedReason: "estate-invalid",
    });
    expect(changedStacks({ estateFile, ref: "HEAD~3" })).toMatchObject({
      changed: all,
      allChangedReason: "estate-missing",
    });
    expect(changedStacks({ estateFile, ref: "HEAD" })).toMatchObject({
      changed: [],
      unchanged: all,
    });
  });

  test("ksv managers lists every manager, or those changed since a ref, for a matrix", () => {
    expect(runs.managers).toMatchObject({ code: 0 });
    expect(JSON.parse(runs.managers.stdout)).toEqual([
      { name: "dc1-nsxv", kind: "nsx-v" },
      { name: "dc2-nsxt", kind: "nsx-t" },
      { name: "dc3-nsxv", kind: "nsx-v" },
      { name: "dc4-nsxt", kind: "nsx-t" },
    ]);
    expect(runs.managersChanged.stdout).toBe(
      '[{"name":"dc1-nsxv","kind":"nsx-v"},{"name":"dc4-nsxt","kind":"nsx-t"}]\n',
    );
    expect(runs.managersChanged.stderr).toBe(
      "ksv managers: unchanged since HEAD~1: dc2-nsxt, dc3-nsxv\n",
    );
    expect(runs.managersBadRef.code).toBe(1);
    expect(runs.managersBadRef.stderr).toMatch(
      /^ksv managers: "no-such-branch" is not a commit of the git repository .*\n$/,
    );
  });

  test("two matrix jobs' reviews merge into the single runner's review, byte for byte", () => {
    expect([runs.job1.code, runs.job2.code]).toEqual([2, 0]);
    expect(runs.merged.stderr).toBe("");
    expect(runs.merged.code).toBe(runs.single.code);
    const single = read(repo, "plan-review.md");
    expect(single).toContain("```mermaid");
    expect(single).toContain("**Protection gap: 3 hosts**");
    expect(runs.merged.stdout).toBe(single);
    expect(fs.readFileSync(path.join(repo, "merged", "plan-review.md"), "utf8")).toBe(single);
    expect(JSON.parse(runs.mergedJson.stdout)).toEqual(JSON.parse(runs.single.stdout));
    expect(runs.mergedJson.code).toBe(2);
  });

  test("ksv apply refuses a stack without a reviewed plan, applying nothing", async () => {
    const result = await ksv(repo, ["apply", "dc2-nsxt", "dc4-nsxt"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `ksv apply: nothing applied: stack dc2-nsxt has no reviewed plan (cdktf.out/plans/dc2-nsxt.tfplan with dc2-nsxt.reviewed.json)\n`,
    );
    expect(stateRows("dc4-nsxt")).toBe(0);
  });

  test("ksv apply refuses a stack whose configuration changed since the review", async () => {
    const estateFile = path.join(repo, "estate.json");
    const reviewed = fs.readFileSync(estateFile, "utf8");
    const edited = {
      ...changed,
      managers: [
        ...changed.managers.slice(0, 3),
        nsxtManager("dc4-nsxt", { address: "10.4.0.1", policy }),
      ],
    };
    fs.writeFileSync(estateFile, JSON.stringify(edited));
    try {
      const result = await ksv(repo, ["apply", "dc4-nsxt"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        "ksv apply: nothing applied: stack dc4-nsxt changed since the review (the estate or the code synthesizes another configuration than the one planned); review it again\n",
      );
    } finally {
      fs.writeFileSync(estateFile, reviewed);
    }
    expect(stateRows("dc4-nsxt")).toBe(0);
  });

  test("a reviewed plan applies; another review of the same state is then stale, and nothing of it applies", async () => {
    // Job 1 applies its reviewed plan of dc1: the traffic-mode change.
    const applied = await ksv(jobs[0], ["apply", "dc1-nsxv"]);
    expect(applied).toMatchObject({
      code: 0,
      stdout: "ksv apply: dc1-nsxv: the reviewed plan applied\n",
    });
    // The single runner's review of dc1 was made against the state before.
    const stale = await ksv(repo, ["apply"]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(
      /^ksv apply: nothing applied: stack dc1-nsxv: the reviewed plan is stale: its state changed after the review \(serial \d+ planned, \d+ now\); review it again\n$/,
    );
    // dc4 comes after dc1 and had a good plan: it was not applied either.
    expect(stateRows("dc4-nsxt")).toBe(0);
  });

  // Last: it commits on top of what the tests above compare with.
  test("a change of the acknowledgements alone counts for the stacks whose warnings it silences", () => {
    const estateFile = path.join(repo, "estate.json");
    // dc2's web categories need Global KSN: KSV-WEB-KSN warns there, and nowhere else.
    const warning = {
      ...base,
      managers: [base.managers[0], nsxtManager("dc2-nsxt"), base.managers[2]],
    };
    commit("dc2 with the product's web categories", {
      "estate.json": JSON.stringify(warning, null, 2),
    });
    commit("Global KSN is on at dc2", {
      "estate.json": JSON.stringify(
        {
          ...warning,
          acknowledge: [{ rule: "KSV-WEB-KSN", manager: "dc2-nsxt", reason: "Global KSN is on" }],
        },
        null,
        2,
      ),
    });
    expect(changedStacks({ estateFile, ref: "HEAD~1" })).toMatchObject({
      changed: ["dc2-nsxt"],
      unchanged: ["dc1-nsxv", "dc3-nsxv"],
      allChangedReason: null,
    });
  });
});
