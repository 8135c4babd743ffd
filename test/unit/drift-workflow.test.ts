import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { writeDrift } from "../../app/write-drift";
import {
  judgeFindings,
  type DriftReport,
  type ManagerDrift,
  type VerifyFinding,
} from "../../lib/verify";
import {
  ACTIONS_BOT,
  FakeGitHub,
  runGithubScript,
  type Issue,
  type User,
} from "../support/fake-github";
import { repoRoot, tempDir } from "../support/workspace";

/*
 * The nightly drift workflow (.github/workflows/drift.yml): how its jobs are wired (a matrix over
 * the estate's managers, a report job that merges), and its scripts run here: the shell steps in
 * bash with a stand-in npx, the github-script steps against an in-memory GitHub that records every
 * call (test/support/fake-github).
 */

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  name?: string;
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  outputs?: Record<string, string>;
  strategy?: { "fail-fast"?: boolean; matrix?: Record<string, unknown> };
  env?: Record<string, string>;
  steps: Step[];
}

const workflowText = fs.readFileSync(
  path.join(repoRoot, ".github", "workflows", "drift.yml"),
  "utf8",
);
const workflow = parse(workflowText, { strict: true }) as {
  on: { schedule: Array<{ cron: string }>; workflow_dispatch: unknown };
  permissions: Record<string, string>;
  concurrency: Record<string, unknown>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
};
const { managers: managersJob, drift: driftJob, report: reportJob } = workflow.jobs;

function stepOf(job: Job, predicate: (step: Step) => boolean, what: string): Step {
  const found = job.steps.find(predicate);
  if (!found) throw new Error(`no step ${what}`);
  return found;
}
const named = (name: string) => (step: Step) => step.name === name;
const using = (action: string) => (step: Step) => step.uses?.startsWith(`${action}@`) === true;

const listStep = stepOf(managersJob, (s) => s.id === "list", "list");
const previousStep = stepOf(driftJob, (s) => s.id === "previous", "previous");
const fetchStep = stepOf(driftJob, using("actions/download-artifact"), "download");
const compareStep = stepOf(driftJob, named("Compare NSX and KSC with the estate"), "compare");
const seenStep = stepOf(driftJob, named("Keep what the next run compares with"), "seen");
const keepStep = stepOf(driftJob, using("actions/upload-artifact"), "upload");
const mergeStep = stepOf(reportJob, (s) => s.id === "merge", "merge");
const issuesStep = stepOf(reportJob, (s) => s.id === "issues", "issues");
const failStep = reportJob.steps[reportJob.steps.length - 1];

describe("the jobs", () => {
  test("run every morning and by hand, one run at a time, with no permission by default", () => {
    expect(workflow.on.schedule[0].cron).toMatch(/^\S+ \S+ \* \* \*$/);
    expect(workflow.on).toHaveProperty("workflow_dispatch");
    expect(workflow.concurrency).toEqual({ group: "drift", "cancel-in-progress": false });
    expect(workflow.permissions).toEqual({});
    // The scaffold's substitution (app/site-scaffold.ts) makes it the site's estate.yaml.
    expect(workflow.env.KSV_ESTATE).toBe("${{ vars.KSV_ESTATE || 'stacks/example-estate.yaml' }}");
  });

  test("managers: the estate's managers, as the matrix's JSON", () => {
    expect(managersJob.outputs).toEqual({ managers: "${{ steps.list.outputs.managers }}" });
    expect(listStep.run).toContain("managers=$(npx ksv managers --json)");
    expect(listStep.run).toContain('echo "managers=$managers" >> "$GITHUB_OUTPUT"');
    expect(listStep.run).not.toContain("--changed-since");
  });

  test("drift: a job per manager of that list, none stopping the others", () => {
    expect(driftJob.needs).toBe("managers");
    expect(driftJob.strategy?.matrix).toEqual({
      manager: "${{ fromJSON(needs.managers.outputs.managers) }}",
    });
    expect(driftJob.strategy?.["fail-fast"]).toBe(false);
    expect(driftJob.if).toBe("${{ needs.managers.outputs.managers != '[]' }}");
    expect(driftJob.name).toBe("Drift ${{ matrix.manager.name }}");
    for (const step of [previousStep, compareStep, seenStep]) {
      expect(step.env?.MANAGER).toBe("${{ matrix.manager.name }}");
    }
  });

  test("drift: fetches the manager's last report from the run that kept it, and keeps its own", () => {
    expect(fetchStep.if).toBe("${{ steps.previous.outputs.run-id != '' }}");
    expect(fetchStep.with).toEqual({
      name: "${{ steps.previous.outputs.artifact }}",
      path: "previous-drift",
      "run-id": "${{ steps.previous.outputs.run-id }}",
      "github-token": "${{ github.token }}",
    });
    const order = [previousStep, fetchStep, compareStep, seenStep, keepStep].map((s) =>
      driftJob.steps.indexOf(s),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // Also when the manager could not be checked: the report job reads why.
    expect(seenStep.if).toBe("${{ !cancelled() }}");
    expect(keepStep.if).toBe("${{ !cancelled() }}");
    expect(keepStep.with?.name).toBe("drift-${{ matrix.manager.name }}");
    expect(String(keepStep.with?.path).trim().split("\n")).toEqual([
      "cdktf.out/drift.json",
      "cdktf.out/drift.md",
      "cdktf.out/drift/",
      "cdktf.out/seen.json",
    ]);
  });

  test("report: after every drift job, also when one failed, unless cancelled", () => {
    expect(reportJob.needs).toEqual(["managers", "drift"]);
    expect(reportJob.if).toBe(
      "${{ !cancelled() && needs.managers.result == 'success' && needs.managers.outputs.managers != '[]' }}",
    );
    expect(stepOf(reportJob, using("actions/download-artifact"), "download").with).toEqual({
      pattern: "drift-*",
      path: "reports",
    });
    for (const step of [mergeStep, issuesStep]) {
      expect(step.env?.MANAGERS).toBe("${{ needs.managers.outputs.managers }}");
    }
    expect(issuesStep.env?.DRIFT_OUT).toBe("cdktf.out");
  });

  test("report: the run fails when a manager could not be checked, after the issues are kept", () => {
    expect(failStep.if).toBe(
      "${{ steps.merge.outputs.exit_code != '0' && steps.merge.outputs.exit_code != '2' }}",
    );
    expect(failStep.run).toMatch(/exit 1\s*$/);
    expect(reportJob.steps.indexOf(issuesStep)).toBeLessThan(reportJob.steps.indexOf(failStep));
  });

  test("each job has its own permissions; only the report job writes issues", () => {
    expect(managersJob.permissions).toEqual({ contents: "read" });
    expect(driftJob.permissions).toEqual({ actions: "read", contents: "read" });
    expect(reportJob.permissions).toEqual({ contents: "read", issues: "write" });
  });

  test("the secrets reach the step that runs ksv drift, and no other", () => {
    expect(compareStep.env).toEqual({
      MANAGER: "${{ matrix.manager.name }}",
      PG_CONN_STR: "${{ secrets.KSV_PG_CONN_STR }}",
      NSX_USERNAME: "${{ secrets.NSX_USERNAME }}",
      NSX_PASSWORD: "${{ secrets.NSX_PASSWORD }}",
      KSC_TOKEN: "${{ secrets.KSC_TOKEN }}",
    });
    const { env, ...rest } = compareStep;
    expect(env).toBeDefined();
    expect(JSON.stringify(rest)).not.toContain("secrets.");
    const elsewhere = Object.values(workflow.jobs)
      .flatMap((job) => [{ ...job, steps: [] }, ...job.steps])
      .filter((item) => item !== compareStep);
    for (const item of elsewhere) expect(JSON.stringify(item)).not.toContain("secrets.");
    expect(workflowText.match(/secrets\./g)).toHaveLength(4);
  });
});

/* The shell steps, run by bash as GitHub runs them (bash --noprofile --norc -eo pipefail). */

// The steps call jq, as GitHub's runners have it; .ci/run installs it where it is missing.
if (spawnSync("jq", ["--version"]).status !== 0) {
  throw new Error("jq is not on the PATH: the workflows' steps use it; install jq (.ci/run does)");
}

interface StepRun {
  readonly code: number | null;
  readonly stderr: string;
  readonly output: Record<string, string>;
  readonly summary: string;
  /** Every `npx` command line, one a line. */
  readonly npx: string[];
}

/**
 * Runs a step's `run:` in `cwd`. `npx` is a stand-in: with FAKE_EXIT it only records its
 * arguments and exits so; otherwise it runs this checkout's ksv.
 */
function runStep(run: string, cwd: string, env: Record<string, string> = {}): StepRun {
  const dir = tempDir("step");
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin);
  fs.writeFileSync(
    path.join(bin, "npx"),
    `#!/bin/sh\nprintf '%s\\n' "$*" >> "${dir}/npx.log"\nif [ -n "$FAKE_EXIT" ]; then exit "$FAKE_EXIT"; fi\n[ "$1" = ksv ] && shift\nexec node "${path.join(repoRoot, "bin", "ksv.js")}" "$@"\n`,
    { mode: 0o755 },
  );
  const script = path.join(dir, "step.sh");
  fs.writeFileSync(script, run);
  const output = path.join(dir, "output");
  const summary = path.join(dir, "summary");
  const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
    cwd,
    encoding: "utf8",
    env: {
      PATH: `${bin}:${process.env.PATH}`,
      HOME: process.env.HOME,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      ...env,
    },
  });
  const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "");
  return {
    code: result.status,
    stderr: result.stderr,
    output: Object.fromEntries(
      read(output)
        .split("\n")
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    ),
    summary: read(summary),
    npx: read(path.join(dir, "npx.log")).split("\n").filter(Boolean),
  };
}

const TODAY = "2026-11-30";

function missingSvms(name: string, count: number): VerifyFinding[] {
  return Array.from({ length: count }, (_, h) => ({
    id: "svm-missing",
    role: "service-deployment",
    address: `terraform_data.deployment["prod-${Math.floor(h / 64)}"]`,
    cluster: `prod-${Math.floor(h / 64)}`,
    host: `esx-${String(h).padStart(5, "0")}.${name}.corp.example.com`,
    field: null,
    group: null,
    expected: null,
    found: null,
  }));
}

function managerDrift(
  name: string,
  status: ManagerDrift["status"],
  findings: VerifyFinding[] = [],
): ManagerDrift {
  const reason = {
    checked: null,
    "not-checked": "no state: nothing is deployed from this stack yet (cdktf deploy, or ksv adopt)",
    failed: "the verify hook exited with code 3",
  }[status];
  return {
    name,
    kind: name.endsWith("nsxv") ? "nsx-v" : "nsx-t",
    address: `${name}.corp.example.com`,
    status,
    reason,
    skipped: status === "not-checked" ? reason : null,
    checked: status === "checked" ? 12 : 0,
    pendingChanges: 0,
    findings: judgeFindings(findings, {
      manager: name,
      ignores: [],
      seen: new Map(),
      today: TODAY,
    }),
  };
}

function reportOf(...managers: ManagerDrift[]): DriftReport {
  return { date: TODAY, expired: [], managers };
}

describe("drift job: the step that runs ksv drift", () => {
  const run = String(compareStep.run);

  test("without an earlier report: every finding new; exit 2 (drift) is not the job's failure", () => {
    const cwd = tempDir("compare");
    const result = runStep(run, cwd, { MANAGER: "dc1-nsxv", FAKE_EXIT: "2" });
    expect(result.npx).toEqual(["ksv drift dc1-nsxv --format json"]);
    expect(result.code).toBe(0);
  });

  test("with the manager's last report: --seen it (the single job's drift.json before the matrix)", () => {
    const cwd = tempDir("compare");
    fs.mkdirSync(path.join(cwd, "previous-drift"));
    fs.writeFileSync(path.join(cwd, "previous-drift", "drift.json"), "{}");
    expect(runStep(run, cwd, { MANAGER: "dc1-nsxv", FAKE_EXIT: "0" }).npx).toEqual([
      "ksv drift dc1-nsxv --format json --seen previous-drift/drift.json",
    ]);
    fs.writeFileSync(path.join(cwd, "previous-drift", "seen.json"), "{}");
    expect(runStep(run, cwd, { MANAGER: "dc1-nsxv", FAKE_EXIT: "0" }).npx).toEqual([
      "ksv drift dc1-nsxv --format json --seen previous-drift/seen.json",
    ]);
  });

  test("exit 1 (the manager could not be checked) fails the job", () => {
    const result = runStep(run, tempDir("compare"), { MANAGER: "dc1-nsxv", FAKE_EXIT: "1" });
    expect(result.code).toBe(1);
  });
});

describe("drift job: what the next run compares with (seen.json)", () => {
  const run = String(seenStep.run);
  const setUp = (today: ManagerDrift | "no report", previous?: "seen.json" | "drift.json") => {
    const cwd = tempDir("seen");
    if (today !== "no report") writeDrift(path.join(cwd, "cdktf.out"), reportOf(today));
    if (previous) {
      fs.mkdirSync(path.join(cwd, "previous-drift"));
      fs.writeFileSync(path.join(cwd, "previous-drift", previous), `{"from":"${previous}"}`);
    }
    const result = runStep(run, cwd, { MANAGER: "dc1-nsxv" });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const seen = path.join(cwd, "cdktf.out", "seen.json");
    return fs.existsSync(seen) ? fs.readFileSync(seen, "utf8") : undefined;
  };

  test("this run's report when it checked the manager, or found nothing deployed", () => {
    const checked = setUp(managerDrift("dc1-nsxv", "checked", missingSvms("dc1", 2)), "seen.json");
    expect(JSON.parse(checked!).managers[0].findings).toHaveLength(2);
    const notChecked = setUp(managerDrift("dc1-nsxv", "not-checked"), "seen.json");
    expect(JSON.parse(notChecked!).managers[0].status).toBe("not-checked");
  });

  test("the earlier one, carried on, when it could not be checked or ksv drift failed", () => {
    expect(setUp(managerDrift("dc1-nsxv", "failed"), "seen.json")).toBe('{"from":"seen.json"}');
    expect(setUp("no report", "seen.json")).toBe('{"from":"seen.json"}');
    expect(setUp("no report", "drift.json")).toBe('{"from":"drift.json"}');
    expect(setUp(managerDrift("dc1-nsxv", "failed"))).toBeUndefined();
  });
});

describe("report job: merging the reports (ksv drift --merge, run)", () => {
  const run = String(mergeStep.run);
  const MANAGERS = JSON.stringify(
    ["dc1-nsxv", "dc2-nsxt", "dc3-nsxv", "dc4-nsxt"].map((name) => ({ name, kind: "nsx-t" })),
  );
  const kept = (cwd: string, manager: ManagerDrift) => {
    const dir = path.join(cwd, "reports", `drift-${manager.name}`);
    writeDrift(dir, reportOf(manager));
  };

  test("in the managers' order; a job that left no report is named, and the run fails", () => {
    const cwd = tempDir("merge");
    kept(cwd, managerDrift("dc2-nsxt", "checked"));
    kept(cwd, managerDrift("dc1-nsxv", "checked", missingSvms("dc1", 3)));
    // dc3's ksv drift failed as a whole (what it left names no manager); dc4's job left nothing.
    fs.mkdirSync(path.join(cwd, "reports", "drift-dc3-nsxv"), { recursive: true });
    fs.writeFileSync(
      path.join(cwd, "reports", "drift-dc3-nsxv", "drift.json"),
      JSON.stringify({ version: 1, drift: false, exitCode: 1, error: "no estate", managers: [] }),
    );
    const result = runStep(run, cwd, { MANAGERS });
    expect(result.code).toBe(0);
    expect(result.npx).toEqual([
      "ksv drift --merge reports/drift-dc1-nsxv/drift.json reports/drift-dc2-nsxt/drift.json",
    ]);
    const merged = JSON.parse(fs.readFileSync(path.join(cwd, "cdktf.out", "drift.json"), "utf8"));
    expect(merged.managers.map((m: ManagerDrift) => m.name)).toEqual(["dc1-nsxv", "dc2-nsxt"]);
    expect(result.output).toEqual({ exit_code: "1" });
    expect(result.summary).toContain(
      fs.readFileSync(path.join(cwd, "cdktf.out", "drift.md"), "utf8"),
    );
    expect(result.summary).toContain(
      "> **No report** from the drift job of dc3-nsxv dc4-nsxt: see its log. Its issue is left as it is.",
    );
  });

  test("every manager reported: ksv drift's exit code (2: drift), the report as the summary", () => {
    const cwd = tempDir("merge");
    kept(cwd, managerDrift("dc1-nsxv", "checked", missingSvms("dc1", 3)));
    kept(cwd, managerDrift("dc2-nsxt", "checked"));
    const result = runStep(run, cwd, {
      MANAGERS: JSON.stringify([{ name: "dc1-nsxv" }, { name: "dc2-nsxt" }]),
    });
    expect(result.output).toEqual({ exit_code: "2" });
    expect(result.summary).toBe(fs.readFileSync(path.join(cwd, "cdktf.out", "drift.md"), "utf8"));
    expect(result.summary).not.toContain("No report");
  });

  test("a manager that could not be checked: exit 1", () => {
    const cwd = tempDir("merge");
    kept(cwd, managerDrift("dc1-nsxv", "failed"));
    kept(cwd, managerDrift("dc2-nsxt", "checked"));
    const result = runStep(run, cwd, {
      MANAGERS: JSON.stringify([{ name: "dc1-nsxv" }, { name: "dc2-nsxt" }]),
    });
    expect(result.output).toEqual({ exit_code: "1" });
    expect(result.summary).toContain("**Could not be checked**");
  });
});

/* The github-script steps, run against an in-memory GitHub. */

describe("drift job: finding the manager's last report", () => {
  const script = String(previousStep.with?.script);
  const THIS_RUN = 900;
  const WORKFLOW = 7;
  const setUp = () => {
    const github = new FakeGitHub();
    const run = (id: number, more: Partial<FakeGitHub["runs"][number]> = {}) => ({
      id,
      workflow_id: WORKFLOW,
      event: "schedule",
      status: "completed",
      repository: { id: 1 },
      head_repository: { id: 1 },
      ...more,
    });
    github.runs = [
      run(THIS_RUN, { status: "in_progress" }),
      run(899),
      run(898, { event: "workflow_dispatch" }),
      run(897),
      // Runs that anyone opening a pull request could start: never trusted.
      run(896, { event: "pull_request" }),
      run(895, { event: "pull_request", head_repository: { id: 2 } }),
      run(894, { workflow_id: 8 }),
    ];
    const artifact = (name: string, runId: number, day: number, expired = false) => ({
      name,
      expired,
      created_at: `2026-11-${String(day).padStart(2, "0")}T05:30:00Z`,
      workflow_run: { id: runId },
    });
    return { github, artifact };
  };
  const find = (github: FakeGitHub) =>
    runGithubScript(script, { github, env: { MANAGER: "dc1-nsxv" }, runId: THIS_RUN });

  test("the newest one a scheduled or manual run of this workflow kept", async () => {
    const { github, artifact } = setUp();
    github.artifacts = [
      artifact("drift-dc1-nsxv", 897, 27),
      artifact("drift-dc1-nsxv", 898, 28),
      artifact("drift-dc1-nsxv", 899, 29, true),
      artifact("drift-dc2-nsxt", 899, 29),
      artifact("drift-dc1-nsxv", 896, 30),
      artifact("drift-dc1-nsxv", 895, 30),
      artifact("drift-dc1-nsxv", 894, 30),
      artifact("drift-dc1-nsxv", THIS_RUN, 30),
    ];
    const core = await find(github);
    expect(core.outputs).toEqual({ "run-id": "898", artifact: "drift-dc1-nsxv" });
    expect(github.calls[0]).toEqual({
      method: "actions.getWorkflowRun",
      params: { owner: "site", repo: "estate", run_id: THIS_RUN },
    });
    expect(github.writes()).toEqual([]);
  });

  test("before the matrix, the report all managers shared; none: no output", async () => {
    const { github, artifact } = setUp();
    github.artifacts = [artifact("drift", 897, 27), artifact("drift-dc1-nsxv", 896, 28)];
    expect((await find(github)).outputs).toEqual({ "run-id": "897", artifact: "drift" });
    github.artifacts = [artifact("drift-dc1-nsxv", 896, 28)];
    const core = await find(github);
    expect(core.outputs).toEqual({});
    expect(core.messages.join("\n")).toContain("no earlier report of this manager");
  });
});

describe("report job: one issue per manager", () => {
  const script = String(issuesStep.with?.script);
  const MALLORY: User = { login: "mallory", type: "User" };
  const OTHER_BOT: User = { login: "dependabot[bot]", type: "Bot" };
  const ESTATE = ["dc1-nsxv", "dc2-nsxt", "dc3-nsxv", "dc4-nsxt", "dc5-nsxt"];

  /** dc1 drifts (`dc1` findings), dc2 does not, dc3 failed, dc4 left no report, dc5 has no state. */
  function reportDir(dc1: number): { dir: string; parts: string[] } {
    const dir = tempDir("drift-out");
    const written = writeDrift(
      dir,
      reportOf(
        managerDrift("dc1-nsxv", "checked", missingSvms("dc1", dc1)),
        managerDrift("dc2-nsxt", "checked"),
        managerDrift("dc3-nsxv", "failed"),
        managerDrift("dc5-nsxt", "not-checked"),
      ),
    );
    return { dir, parts: written.parts["dc1-nsxv"].map((file) => fs.readFileSync(file, "utf8")) };
  }
  const threeParts = reportDir(1_000);
  const twoParts = reportDir(700);

  const keep = (github: FakeGitHub, dir: string, managers = ESTATE) =>
    runGithubScript(script, {
      github,
      env: {
        MANAGERS: JSON.stringify(managers.map((name) => ({ name, kind: "nsx-t" }))),
        DRIFT_OUT: dir,
      },
    });
  const openIssues = (github: FakeGitHub) => github.issues.filter((i) => i.state === "open");
  const callsOn = (github: FakeGitHub, issue: Issue) =>
    github.calls.filter(
      (c) =>
        c.params.issue_number === issue.number ||
        github.commentsOf(issue.number).some((comment) => comment.id === c.params.comment_id),
    );
  const ourIssue = (
    github: FakeGitHub,
    manager: string,
    body = `<!-- ksv-drift:${manager} -->\nold\n`,
  ) =>
    github.addIssue({
      title: `Network Threat Protection drift: ${manager}`,
      body,
      user: ACTIONS_BOT,
    });

  test("preconditions: dc1's report in 3 parts, then in 2", () => {
    expect([threeParts.parts.length, twoParts.parts.length]).toEqual([3, 2]);
  });

  test("opens an issue for a manager that drifts, its further parts as comments; and for one with nothing deployed", async () => {
    const github = new FakeGitHub();
    const core = await keep(github, threeParts.dir);
    expect(openIssues(github).map((i) => i.title)).toEqual([
      "Network Threat Protection drift: dc1-nsxv",
      "Network Threat Protection drift: dc5-nsxt",
    ]);
    const [dc1, dc5] = openIssues(github);
    expect(dc1.body).toBe(threeParts.parts[0]);
    expect(github.commentsOf(dc1.number).map((c) => c.body)).toEqual(threeParts.parts.slice(1));
    expect(github.commentsOf(dc1.number).map((c) => c.body.split("\n")[0])).toEqual([
      "<!-- ksv-drift:dc1-nsxv part 2 -->",
      "<!-- ksv-drift:dc1-nsxv part 3 -->",
    ]);
    expect(dc5.body.split("\n")[0]).toBe("<!-- ksv-drift:dc5-nsxt -->");
    expect(dc5.body).toContain("Not checked: no state");
    expect(github.commentsOf(dc5.number)).toEqual([]);
    // A new issue has no comments to look for.
    expect(github.calls.filter((c) => c.method === "issues.listComments")).toEqual([]);
    expect(core.messages).toContain(
      "warning: could not be checked, issues left as they were: dc3-nsxv, dc4-nsxt",
    );
  });

  test("updates the issue in place: 3 parts become 2, the third part's comment deleted", async () => {
    const github = new FakeGitHub();
    await keep(github, threeParts.dir);
    const [dc1] = openIssues(github);
    const [part2, part3] = github.commentsOf(dc1.number);
    const someone = github.addComment(dc1.number, "On it, CHG-3001.", MALLORY);
    const planted = github.addComment(
      dc1.number,
      "<!-- ksv-drift:dc1-nsxv part 3 -->\nx\n",
      MALLORY,
    );
    github.calls.length = 0;

    await keep(github, twoParts.dir);
    expect(dc1.number).toBe(openIssues(github)[0].number);
    expect(github.issue(dc1.number).body).toBe(twoParts.parts[0]);
    expect(github.commentsOf(dc1.number)).toEqual([
      { ...part2, body: twoParts.parts[1] },
      someone,
      planted,
    ]);
    expect(github.writes().map((c) => c.method)).toEqual([
      "issues.update",
      "issues.updateComment",
      "issues.deleteComment",
    ]);
    expect(github.writes()[2].params.comment_id).toBe(part3.id);
  });

  test("leaves an issue whose report did not change as it is: no write at all", async () => {
    const github = new FakeGitHub();
    await keep(github, threeParts.dir);
    github.calls.length = 0;
    await keep(github, threeParts.dir);
    expect(github.writes()).toEqual([]);
  });

  test("closes the issue, with a comment, when the manager is checked and has no drift", async () => {
    const github = new FakeGitHub();
    const dc2 = ourIssue(github, "dc2-nsxt");
    github.addComment(dc2.number, "<!-- ksv-drift:dc2-nsxt part 2 -->\nold\n");
    await keep(github, threeParts.dir);
    expect(github.issue(dc2.number)).toMatchObject({ state: "closed", state_reason: "completed" });
    expect(github.commentsOf(dc2.number).at(-1)?.body).toMatch(
      /^No drift on 2026-11-30 \(\[the run\]\(https:\/\/github\.example\.com\/site\/estate\/actions\/runs\/1\)\)/,
    );
    expect(callsOn(github, dc2).map((c) => c.method)).toEqual([
      "issues.createComment",
      "issues.update",
    ]);
  });

  test("never touches the issue of a manager that could not be checked, or whose job left no report", async () => {
    const github = new FakeGitHub();
    const dc3 = ourIssue(github, "dc3-nsxv");
    const dc4 = ourIssue(github, "dc4-nsxt");
    github.addComment(dc3.number, "<!-- ksv-drift:dc3-nsxv part 2 -->\nold\n");
    const theirs = () => ({
      issues: github.issues.filter((i) => i.number === dc3.number || i.number === dc4.number),
      comments: github.comments.filter((c) => c.issue_number === dc3.number),
    });
    const before = structuredClone(theirs());
    await keep(github, twoParts.dir);
    expect(callsOn(github, dc3)).toEqual([]);
    expect(callsOn(github, dc4)).toEqual([]);
    expect(theirs()).toEqual(before);
  });

  test("nothing merged (every job failed): no issue is touched", async () => {
    const github = new FakeGitHub();
    ourIssue(github, "dc1-nsxv");
    ourIssue(github, "dc2-nsxt");
    const core = await keep(github, tempDir("nothing-merged"));
    expect(github.writes()).toEqual([]);
    expect(core.messages.at(-1)).toBe(
      `warning: could not be checked, issues left as they were: ${ESTATE.join(", ")}`,
    );
  });

  test("an issue or pull request someone else wrote with the marker is never taken for the manager's", async () => {
    const github = new FakeGitHub();
    const planted = [
      github.addIssue({ title: "x", body: "<!-- ksv-drift:dc1-nsxv -->\nmine\n", user: MALLORY }),
      github.addIssue({ title: "x", body: "<!-- ksv-drift:dc1-nsxv -->\nmine\n", user: OTHER_BOT }),
      github.addIssue({
        title: "x",
        body: "<!-- ksv-drift:dc1-nsxv -->\nmine\n",
        user: ACTIONS_BOT,
        pull_request: {},
      }),
      // dc2 has no drift: a planted issue is not closed either.
      github.addIssue({ title: "x", body: "<!-- ksv-drift:dc2-nsxt -->\nmine\n", user: MALLORY }),
    ];
    const before = structuredClone(planted);
    await keep(github, threeParts.dir);
    for (const issue of planted) expect(callsOn(github, issue)).toEqual([]);
    expect(planted).toEqual(before);
    const dc1 = github.calls.filter((c) => c.method === "issues.create");
    expect(dc1.map((c) => c.params.title)).toContain("Network Threat Protection drift: dc1-nsxv");
  });

  test("a second issue of one manager (an interrupted run) is closed as a duplicate; a manager no longer in the estate has its issue closed", async () => {
    const github = new FakeGitHub();
    const first = ourIssue(github, "dc1-nsxv");
    const second = ourIssue(github, "dc1-nsxv");
    const gone = ourIssue(github, "dc9-nsxt");
    await keep(github, twoParts.dir);
    expect(github.issue(first.number)).toMatchObject({ state: "open", body: twoParts.parts[0] });
    expect(github.issue(second.number)).toMatchObject({
      state: "closed",
      state_reason: "not_planned",
    });
    expect(github.commentsOf(second.number)[0].body).toBe(`Duplicate of #${first.number}.`);
    expect(github.issue(gone.number)).toMatchObject({
      state: "closed",
      state_reason: "not_planned",
    });
    expect(github.commentsOf(gone.number)[0].body).toMatch(
      /^`dc9-nsxt` is no longer in the estate/,
    );
  });
});
