import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { DRIFT_MARKER } from "../../lib/verify";
import { repoRoot } from "../support/workspace";

/* The scheduled job that runs ksv drift against the team state: the parts that make it work. */

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}

const workflow = parse(
  fs.readFileSync(path.join(repoRoot, ".github", "workflows", "drift.yml"), "utf8"),
  { strict: true },
) as {
  on: { schedule: Array<{ cron: string }>; workflow_dispatch: unknown };
  permissions: Record<string, string>;
  jobs: Record<string, { env: Record<string, string>; steps: Step[] }>;
};
const job = Object.values(workflow.jobs)[0];
const steps = job.steps;
const drift = steps.find((s) => s.id === "drift");
const issue = steps.find((s) => s.uses?.startsWith("actions/github-script@"));

describe(".github/workflows/drift.yml", () => {
  test("runs on a schedule and by hand, against the team state", () => {
    expect(workflow.on.schedule[0].cron).toMatch(/^\S+ \S+ \* \* \*$/);
    expect(workflow.on).toHaveProperty("workflow_dispatch");
    expect(job.env.PG_CONN_STR).toBe("${{ secrets.KSV_PG_CONN_STR }}");
    expect(workflow.permissions).toEqual({ contents: "read", issues: "write" });
  });

  test("runs ksv drift once, keeps its exit code, fails only on errors, fills the job summary", () => {
    expect(drift?.run).toContain("npx ksv drift");
    expect(drift?.run).toContain('echo "exit_code=$code" >> "$GITHUB_OUTPUT"');
    expect(drift?.run).toMatch(/-ne 0 \] && \[ "\$code" -ne 2 \]; then exit "\$code"/);
    expect(drift?.run).toContain('cat cdktf.out/drift.md >> "$GITHUB_STEP_SUMMARY"');
    const install = steps.findIndex((s) => /^npm ci\b/.test(s.run ?? ""));
    expect(install).toBeGreaterThan(-1);
    expect(install).toBeLessThan(steps.indexOf(drift!));
  });

  test("keeps one issue by the report's marker: opened or updated on drift, closed without", () => {
    const script = String(issue?.with?.script);
    expect(script).toContain(`"${DRIFT_MARKER}"`);
    expect(script).toContain("issues.create");
    expect(script).toContain('state: "closed"');
    expect(issue?.env?.EXIT_CODE).toBe("${{ steps.drift.outputs.exit_code }}");
    expect(script).toContain('process.env.EXIT_CODE === "2"');
  });
});
