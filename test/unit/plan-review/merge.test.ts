import * as fs from "fs";
import * as path from "path";
import {
  analyzePlans,
  renderJson,
  renderMarkdown,
  reviewFromJson,
  validatePlanDocument,
  type PlanReview,
} from "../../../lib/plan-review";
import { runPlanReviewInProcess } from "../../support/plan-review-cli";
import { stackPlan, type PlanFixture } from "../../support/plan-review-fixtures";
import { tempDir } from "../../support/workspace";

/*
 * Reviews made apart and merged (ksv-plan-review --merge) are the review of all their plans: the
 * JSON review carries every fact the markdown shows.
 */

const PLANS: Record<string, PlanFixture> = {
  modeChange: stackPlan({
    manager: "dc1-nsxv",
    modeBefore: "standard",
    modeAfter: "monitoring",
    hosts: Array.from({ length: 40 }, (_, i) => `esx-${i}.dc1`),
  }),
  policy: stackPlan({
    manager: "dc2-nsxt",
    kind: "nsx-t",
    policyAfter: { networkAttack: { enabled: true, action: "ignore" } },
  }),
  unreadablePolicy: stackPlan({ manager: "dc3-nsxv", policyBefore: "{", policyAfter: "[]" }),
  hostAdded: stackPlan({
    manager: "dc4-nsxv",
    clusters: { "prod-a": ["esx-1.dc4"] },
    clustersAfter: { "prod-a": ["esx-1.dc4", "esx-2.dc4"] },
  }),
  deleted: stackPlan({ manager: "dc5-nsxt", kind: "nsx-t", actions: ["delete"] }),
  unchanged: stackPlan({ manager: "dc6-nsxv" }),
};

function reviewOfPlans(names: readonly string[]): PlanReview {
  return analyzePlans(
    names.map((name) => ({
      source: `cdktf.out/plans/${name}.json`,
      plan: validatePlanDocument(JSON.parse(JSON.stringify(PLANS[name])), name),
    })),
  );
}

/** The review as a CI job keeps it: plan-review.json. */
function writeJson(dir: string, name: string, review: PlanReview): string {
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, renderJson(review));
  return file;
}

describe("a JSON review read back", () => {
  test.each(Object.keys(PLANS))("%s: renders the same markdown and JSON", (name) => {
    const review = reviewOfPlans([name]);
    for (const allowDisruptive of [false, true]) {
      const json = renderJson(review, { allowDisruptive });
      const back = reviewFromJson(JSON.parse(json), "review.json");
      expect(renderMarkdown(back, { allowDisruptive })).toBe(
        renderMarkdown(review, { allowDisruptive }),
      );
      expect(renderJson(back, { allowDisruptive })).toBe(json);
    }
  });
});

describe("ksv-plan-review --merge", () => {
  const dir = tempDir("merge");
  const all = Object.keys(PLANS);
  const single = reviewOfPlans(all);
  const jobs = [all.slice(0, 2), all.slice(2, 3), all.slice(3)].map((names, i) =>
    writeJson(dir, `job-${i}`, reviewOfPlans(names)),
  );

  test("of three jobs' reviews is the single review of their plans: markdown, JSON, exit code", async () => {
    const markdown = await runPlanReviewInProcess(["--merge", ...jobs]);
    expect(markdown.stderr).toBe("");
    expect(markdown.stdout).toBe(renderMarkdown(single));
    expect(markdown.code).toBe(2);
    const json = await runPlanReviewInProcess(["--merge", "--format", "json", ...jobs]);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(renderJson(single)));
    expect(json.code).toBe(2);
    const allowed = await runPlanReviewInProcess(["--merge", "--allow-disruptive", ...jobs]);
    expect([allowed.code, allowed.stdout]).toEqual([
      0,
      renderMarkdown(single, { allowDisruptive: true }),
    ]);
  });

  test("--out writes the review's files as npm run plan-review does", async () => {
    const out = path.join(dir, "out");
    await runPlanReviewInProcess(["--merge", "--out", out, ...jobs]);
    expect(fs.readFileSync(path.join(out, "plan-review.md"), "utf8")).toBe(renderMarkdown(single));
    expect(fs.readFileSync(path.join(out, "plan-review.json"), "utf8")).toBe(renderJson(single));
  });

  test("a manager in two reviews is refused, naming both files", async () => {
    const again = writeJson(dir, "again", reviewOfPlans(["policy"]));
    const result = await runPlanReviewInProcess(["--merge", jobs[0], again]);
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: `ksv-plan-review: ${again}: manager "dc2-nsxt" is also in ${jobs[0]}; merge one review per stack (both would count its hosts twice)\n`,
    });
  });

  test("reviews of different changes (another ref, other unchanged stacks) are refused", async () => {
    const since = (ref: string, unchanged: string[], plan = "unchanged") =>
      writeJson(dir, `since-${ref.replace("/", "-")}-${unchanged.length}`, {
        ...reviewOfPlans([plan]),
        changedSince: { ref, unchanged, allChangedReason: null },
      });
    const a = since("origin/main", ["dc9"], "deleted");
    for (const other of [since("origin/dev", ["dc9"]), since("origin/main", [])]) {
      const result = await runPlanReviewInProcess(["--merge", a, other]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^ksv-plan-review: .*: merge the reviews of one run\n$/);
    }
  });

  test.each([
    ["not JSON", "{", "not JSON (give plan-review.json, or ksv-plan-review --format json output)"],
    ["a plan", JSON.stringify(PLANS.policy), "version undefined, expected 1"],
    [
      "an earlier release's review",
      JSON.stringify({
        ...JSON.parse(renderJson(reviewOfPlans(["policy"]))),
        managers: [
          {
            ...JSON.parse(renderJson(reviewOfPlans(["policy"]))).managers[0],
            hasReplacements: undefined,
          },
        ],
      }),
      "managers[0] has no hasReplacements (written by an earlier release: review the plans again)",
    ],
  ])("%s is refused in one line", async (_what, text, message) => {
    const file = path.join(dir, "bad.json");
    fs.writeFileSync(file, text);
    const result = await runPlanReviewInProcess(["--merge", file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  test("a missing review file and no file at all are refused", async () => {
    const missing = await runPlanReviewInProcess(["--merge", path.join(dir, "nope.json")]);
    expect(missing.stderr).toBe(`ksv-plan-review: ${path.join(dir, "nope.json")}: no such file\n`);
    const none = await runPlanReviewInProcess(["--merge"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("--merge: no review given");
  });
});
