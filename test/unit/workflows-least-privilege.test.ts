import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { repoRoot } from "../support/workspace";

/*
 * The review, apply and drift workflows give each job and step no more than it needs: actions
 * pinned to commits, secrets only in the steps that use them, credentials not left in the checkout,
 * and an apply that applies the reviewed plans or refuses. (The drift workflow's wiring and scripts:
 * drift-workflow.test.ts.)
 */

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  env?: Record<string, string>;
  environment?: string;
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const FILES = ["plan-review.yml", "apply.yml", "drift.yml"];
const text = (file: string) =>
  fs.readFileSync(path.join(repoRoot, ".github", "workflows", file), "utf8");
const workflows = Object.fromEntries(
  FILES.map((file) => [file, parse(text(file), { strict: true }) as Workflow]),
);
const steps = (file: string) => Object.values(workflows[file].jobs).flatMap((job) => job.steps);

/** The release each action is pinned at (its commit, read from the action's repository tags). */
const RELEASES: Record<string, string> = {
  "actions/checkout": "v4",
  "actions/setup-node": "v4",
  "hashicorp/setup-terraform": "v3",
  "actions/github-script": "v7",
  "actions/upload-artifact": "v4",
  "actions/download-artifact": "v4",
};

describe.each(FILES)("%s", (file) => {
  test("every action is pinned to a commit, its release in a comment", () => {
    const uses = [...text(file).matchAll(/^\s*(?:- )?uses: (\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [, reference, comment] of uses) {
      const [action, pin] = reference.split("@");
      expect([action, pin]).toEqual([action, expect.stringMatching(/^[0-9a-f]{40}$/)]);
      expect([action, comment.trim()]).toEqual([
        action,
        expect.stringMatching(new RegExp(`^# ${RELEASES[action]}\\.\\d+\\.\\d+$`)),
      ]);
    }
  });

  test("one action, one commit, in every workflow", () => {
    const pins = new Map<string, Set<string>>();
    for (const workflowFile of FILES) {
      for (const [, reference] of text(workflowFile).matchAll(/uses: (\S+)/g)) {
        const [action, pin] = reference.split("@");
        pins.set(action, (pins.get(action) ?? new Set()).add(pin));
      }
    }
    for (const [action, commits] of pins) expect([action, commits.size]).toEqual([action, 1]);
  });

  test("no permission by default; secrets only in the environment of the steps that use them", () => {
    const workflow = workflows[file];
    expect(workflow.permissions).toEqual({});
    expect(workflow.on).not.toHaveProperty("pull_request_target");
    expect(JSON.stringify(workflow.env ?? {})).not.toContain("secrets.");
    for (const [name, job] of Object.entries(workflow.jobs)) {
      expect([name, job.permissions]).toEqual([name, expect.any(Object)]);
      expect([name, JSON.stringify(job.env ?? {})]).not.toEqual([
        name,
        expect.stringContaining("secrets."),
      ]);
      for (const step of job.steps) {
        const { env, ...rest } = step;
        // Anywhere else (a run script, an action's inputs), a secret would reach more than it needs.
        expect([name, step.name, JSON.stringify(rest)]).not.toEqual([
          name,
          step.name,
          expect.stringContaining("secrets."),
        ]);
        if (/\bnpm ci\b/.test(step.run ?? "")) expect(env).toBeUndefined();
        if (JSON.stringify(env ?? {}).includes("secrets.")) {
          expect(step.run).toMatch(/npm run --silent plan-review|npx ksv apply|npx ksv drift /);
        }
      }
    }
  });

  test("checkouts leave no credentials behind for the code they check out", () => {
    for (const step of steps(file).filter((s) => s.uses?.startsWith("actions/checkout@"))) {
      expect(step.with?.["persist-credentials"]).toBe(false);
    }
  });

  test("event values reach scripts through the environment, never spliced into them", () => {
    for (const step of steps(file)) expect(step.run ?? "").not.toMatch(/\$\{\{/);
  });
});

describe("apply.yml", () => {
  const workflow = workflows["apply.yml"];
  const { reviewed, apply } = workflow.jobs as { reviewed: Job; apply: Job };
  const script = String(reviewed.steps.find((s) => s.id === "find")?.with?.script);

  test("runs after a merge to main, one at a time, in an environment with required reviewers", () => {
    expect(workflow.on).toEqual({ push: { branches: ["main"] } });
    expect(apply.environment).toBe("ksv-apply");
    expect(apply.needs).toBe("reviewed");
    expect(apply.permissions).toEqual({ actions: "read", contents: "read" });
  });

  test("finds the merged pull request and the last plan-review run of its head, and refuses anything else", () => {
    expect(script).toContain("listPullRequestsAssociatedWithCommit");
    expect(script).toContain("p.merge_commit_sha === sha");
    expect(script).toContain('workflow_id: "plan-review.yml"');
    expect(script).toContain("head_sha: pull.head.sha");
    expect(script).toContain('last.conclusion !== "success"');
    expect(script.match(/core\.setFailed/g)).toHaveLength(2);
  });

  test("applies the plans of that run with ksv apply, and never plans", () => {
    const download = apply.steps.find((s) => s.uses?.startsWith("actions/download-artifact@"));
    expect(download?.with).toMatchObject({
      pattern: "plans-*",
      "merge-multiple": true,
      path: "cdktf.out/plans",
      "run-id": "${{ needs.reviewed.outputs.run-id }}",
    });
    const runs = apply.steps.map((s) => s.run ?? "").join("\n");
    expect(runs).toContain('npx ksv apply "${managers[@]}"');
    expect(runs).not.toMatch(/plan-review|terraform (plan|apply)|cdktf (deploy|apply)/);
    expect(apply.if).toBe("${{ needs.reviewed.outputs.managers != '[]' }}");
  });
});
