import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { REVIEW_MARKER } from "../../../lib/plan-review/render-markdown";
import { partMarker } from "../../../lib/text";
import { repoRoot } from "../../support/workspace";

/* The CI workflow that reviews pull requests on a matrix of runners: the parts that make it work. */

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
  "runs-on": string;
  needs?: string | string[];
  if?: string;
  outputs?: Record<string, string>;
  permissions?: Record<string, string>;
  strategy?: { matrix: Record<string, unknown>; "fail-fast"?: boolean };
  steps: Step[];
}

const workflowFile = path.join(repoRoot, ".github", "workflows", "plan-review.yml");
const workflow = parse(fs.readFileSync(workflowFile, "utf8"), { strict: true }) as {
  on: { pull_request: { types: string[] } };
  permissions: Record<string, string>;
  jobs: { managers: Job; plan: Job; review: Job };
};
const { managers, plan, review } = workflow.jobs;
const stepUsing = (job: Job, action: string) =>
  job.steps.filter((s) => s.uses?.startsWith(`${action}@`));
const indexOf = (job: Job, step: Step | undefined) => job.steps.indexOf(step as Step);
const install = (job: Job) => job.steps.find((s) => /^npm ci\b/.test(s.run ?? ""));

describe(".github/workflows/plan-review.yml", () => {
  test("runs on pull requests, again when labels change; no permission unless a job asks", () => {
    expect(workflow.on.pull_request.types).toEqual(
      expect.arrayContaining(["opened", "synchronize", "labeled", "unlabeled"]),
    );
    expect(workflow.permissions).toEqual({});
    expect(managers.permissions).toEqual({ contents: "read" });
    expect(plan.permissions).toEqual({ contents: "read" });
    expect(review.permissions).toEqual({ contents: "read", "pull-requests": "write" });
  });

  test("the first job lists the managers changed since the base, on one output line", () => {
    const list = managers.steps.find((s) => s.id === "list");
    expect(list?.run).toContain('npx ksv managers --json --changed-since "origin/$BASE_REF"');
    expect(list?.env?.BASE_REF).toBe("${{ github.base_ref }}");
    expect(list?.run).toContain('echo "managers=$managers" >> "$GITHUB_OUTPUT"');
    expect(managers.outputs?.managers).toBe("${{ steps.list.outputs.managers }}");
    // The base's history, to synthesize its estate.
    expect(stepUsing(managers, "actions/checkout")[0].with?.["fetch-depth"]).toBe(0);
  });

  test("the matrix has a job per listed manager, and none when nothing changed", () => {
    expect(plan.needs).toBe("managers");
    expect(plan.strategy?.matrix.manager).toBe("${{ fromJSON(needs.managers.outputs.managers) }}");
    expect(plan.strategy?.["fail-fast"]).toBe(false);
    expect(plan.if).toBe("${{ needs.managers.outputs.managers != '[]' }}");
  });

  test("each matrix job plans its own manager with the team state and keeps its review and plans", () => {
    const step = plan.steps.find((s) => s.id === "review");
    expect(step?.run).toContain(
      'npm run --silent plan-review -- --changed-since "origin/$BASE_REF" --manager "$MANAGER" --format json',
    );
    expect(step?.env).toMatchObject({
      MANAGER: "${{ matrix.manager.name }}",
      PG_CONN_STR: "${{ secrets.KSV_PG_CONN_STR }}",
    });
    expect(step?.run).toMatch(/-ne 0 \] && \[ "\$code" -ne 2 \]; then exit "\$code"/);
    expect(stepUsing(plan, "hashicorp/setup-terraform")[0].with?.terraform_wrapper).toBe(false);
    expect(indexOf(plan, install(plan))).toBeLessThan(indexOf(plan, step));
    const uploads = stepUsing(plan, "actions/upload-artifact").map((s) => s.with);
    expect(uploads).toEqual([
      expect.objectContaining({
        name: "review-${{ matrix.manager.name }}",
        path: "cdktf.out/plan-review.json",
      }),
      expect.objectContaining({
        name: "plans-${{ matrix.manager.name }}",
        path: "cdktf.out/plans/",
      }),
    ]);
  });

  test("the review job needs the matrix, downloads its reviews and merges them in the managers' order", () => {
    expect(review.needs).toEqual(["managers", "plan"]);
    expect(review.if).toContain("!cancelled()");
    const [download] = stepUsing(review, "actions/download-artifact");
    expect(download.with).toMatchObject({ pattern: "review-*", path: "reviews" });
    const merge = review.steps.find((s) => s.id === "review");
    expect(merge?.env?.MANAGERS).toBe("${{ needs.managers.outputs.managers }}");
    expect(merge?.run).toContain("jq -r '.[].name'");
    expect(merge?.run).toContain('reviews+=("reviews/review-$name/plan-review.json")');
    expect(merge?.run).toContain('npx ksv-plan-review --merge --out cdktf.out "${reviews[@]}"');
    // Nothing changed: the review says so, planning nothing.
    expect(merge?.run).toContain('if [ "$MANAGERS" = "[]" ]; then');
    expect(merge?.run).toContain(
      'npm run --silent plan-review -- --changed-since "origin/$BASE_REF"',
    );
    expect(merge?.run).toContain('echo "exit_code=$code" >> "$GITHUB_OUTPUT"');
    expect(indexOf(review, download)).toBeLessThan(indexOf(review, merge));
  });

  test("keeps one comment per part, found by marker and author, updated in place, extra parts deleted", () => {
    const [comment] = stepUsing(review, "actions/github-script");
    const script = String(comment.with?.script);
    expect(script).toContain(`"${REVIEW_MARKER}"`);
    expect(script).toContain('const author = "github-actions[bot]"');
    expect(script).toContain('comment.user?.login !== author || comment.user?.type !== "Bot"');
    expect(script).toContain("`cdktf.out/plan-review.${part}.md`");
    for (const call of ["listComments", "updateComment", "createComment", "deleteComment"]) {
      expect(script).toContain(call);
    }
    expect(comment.if).toContain("always()");
    // The script's reading of a part's first line is the splitter's marker.
    const partOf = new Function(
      "body",
      `${/const partOf = [\s\S]*?\n {0,2}};/.exec(script)![0]}\nreturn partOf(body);`,
    ) as (body: string) => number | undefined;
    expect(partOf(`${REVIEW_MARKER}\n## x`)).toBe(1);
    expect(partOf(`${partMarker(REVIEW_MARKER, 3)}\n## x`)).toBe(3);
    expect(partOf(`x\n${REVIEW_MARKER}\n`)).toBeUndefined();
  });

  test("fails on exit code 2 unless the PR carries the allow-disruptive label", () => {
    const gate = review.steps[review.steps.length - 1];
    expect(gate.if).toContain("steps.review.outputs.exit_code == '2'");
    expect(gate.if).toContain(
      "!contains(github.event.pull_request.labels.*.name, 'allow-disruptive')",
    );
    expect(gate.run).toMatch(/exit 1/);
  });
});
