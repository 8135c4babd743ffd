import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { REVIEW_MARKER } from "../../../lib/plan-review/render-markdown";
import { repoRoot } from "../../support/workspace";

/* The CI job that runs the plan review on pull requests: the parts that make it work. */

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

const workflowFile = path.join(repoRoot, ".github", "workflows", "plan-review.yml");
const workflow = parse(fs.readFileSync(workflowFile, "utf8"), { strict: true }) as {
  on: { pull_request: { types: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, { "runs-on": string; steps: Step[] }>;
};
const steps = Object.values(workflow.jobs)[0].steps;
const stepUsing = (action: string) => steps.find((s) => s.uses?.startsWith(`${action}@`));
const indexOf = (step: Step | undefined) => steps.indexOf(step as Step);

describe(".github/workflows/plan-review.yml", () => {
  test("runs on pull requests, again when labels change", () => {
    expect(workflow.on.pull_request.types).toEqual(
      expect.arrayContaining(["opened", "synchronize", "labeled", "unlabeled"]),
    );
    expect(workflow.permissions).toMatchObject({ "pull-requests": "write" });
  });

  test("sets up Node 20 and Terraform, installs with npm ci, then reviews", () => {
    expect(stepUsing("actions/checkout")).toBeDefined();
    expect(stepUsing("actions/setup-node")?.with?.["node-version"]).toBe(20);
    expect(stepUsing("hashicorp/setup-terraform")).toBeDefined();
    const install = steps.find((s) => /^npm ci\b/.test(s.run ?? ""));
    const review = steps.find((s) => s.id === "review");
    expect(review?.run).toContain("npm run --silent plan-review");
    expect(indexOf(stepUsing("actions/setup-node"))).toBeLessThan(indexOf(install));
    expect(indexOf(stepUsing("hashicorp/setup-terraform"))).toBeLessThan(indexOf(review));
    expect(indexOf(install)).toBeLessThan(indexOf(review));
  });

  test("the review step records its exit code and fails only on errors itself", () => {
    const run = steps.find((s) => s.id === "review")?.run ?? "";
    expect(run).toContain('echo "exit_code=$code" >> "$GITHUB_OUTPUT"');
    expect(run).toMatch(/-ne 0 \] && \[ "\$code" -ne 2 \]; then exit "\$code"/);
  });

  test("updates the one comment that carries the review marker", () => {
    const comment = stepUsing("actions/github-script");
    const script = String(comment?.with?.script);
    expect(script).toContain(`"${REVIEW_MARKER}"`);
    expect(script).toContain("updateComment");
    expect(script).toContain("createComment");
    expect(script).toContain("cdktf.out/plan-review.md");
    expect(comment?.if).toContain("always()");
  });

  test("fails on exit code 2 unless the PR carries the allow-disruptive label", () => {
    const gate = steps[steps.length - 1];
    expect(gate.if).toContain("steps.review.outputs.exit_code == '2'");
    expect(gate.if).toContain(
      "!contains(github.event.pull_request.labels.*.name, 'allow-disruptive')",
    );
    expect(gate.run).toMatch(/exit 1/);
  });
});
