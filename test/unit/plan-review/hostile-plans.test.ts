import * as fs from "fs";
import * as path from "path";
import { renderMarkdown } from "../../../lib/plan-review";
import { runPlanReviewInProcess } from "../../support/plan-review-cli";
import { reviewOf, stackPlan } from "../../support/plan-review-fixtures";
import { tempDir } from "../../support/workspace";

/*
 * Plans as a hostile or careless party could hand them over: what is not a file, what never ends,
 * values made to inject markup into the comment, policies nested to exhaust the stack, a gap of a
 * million clusters. The review must end, say one line, and keep the comment a comment.
 */

const dir = tempDir("hostile-plans");

test("a device (/dev/zero) is refused before it is read: one line, exit 1", async () => {
  const run = await runPlanReviewInProcess(["/dev/zero"]);
  expect(run.code).toBe(1);
  expect(run.stderr).toBe(
    "ksv-plan-review: /dev/zero: is not a regular file (a device or a pipe?); give the plan JSON file, or - for standard input\n",
  );
});

test("a file larger than any plan of these stacks is refused without reading it", async () => {
  const huge = path.join(dir, "huge.json");
  fs.writeFileSync(huge, "");
  fs.truncateSync(huge, 300 * 1024 * 1024); // sparse: nothing is written
  const run = await runPlanReviewInProcess([huge]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain("is larger than 256 MiB, which no plan of these stacks is");
});

test("terraform_version is a value like any other: in a code span, no heading, image or link", () => {
  const hostile =
    "1.11.4</sub>\n\n# Approved by security <img src=x onerror=alert(1)> [click](javascript:alert(1))";
  const plan = { ...stackPlan(), terraform_version: hostile };
  const markdown = renderMarkdown(reviewOf(plan));
  expect(markdown).not.toMatch(/^# Approved/m);
  // The whole value is one code span (on one line): GitHub shows it as text, tags and links too.
  const footer = markdown.split("\n").find((line) => line.startsWith("<sub>"))!;
  expect(footer).toContain(
    "(Terraform `1.11.4</sub> # Approved by security <img src=x onerror=alert(1)> [click](javascript:alert(1))`)",
  );
});

test("a policy nested 5,000 levels: no crash, the policy reads as unreadable", () => {
  const plan = stackPlan({ policyAfter: { networkAttack: "placeholder" } }) as unknown as {
    resource_changes: Array<{ change: { after: { triggers_replace: Record<string, string> } } }>;
  };
  // Built as text: JSON.stringify itself recurses, and would overflow before the review does.
  const deep = `{"networkAttack":${"[".repeat(5000)}1${"]".repeat(5000)}}`;
  const policy = plan.resource_changes.find((rc) => rc.change.after?.triggers_replace?.policy);
  policy!.change.after.triggers_replace.policy = deep;
  const review = reviewOf(plan as never);
  expect(review.managers[0].policy?.diff?.unreadable).toBe(true);
});

test("a gap of many clusters names the first twenty; the JSON has them all", () => {
  const clusters = Object.fromEntries(
    Array.from({ length: 100 }, (_, i) => [`c${String(i).padStart(3, "0")}`, [`esx-${i}.dc9`]]),
  );
  const review = reviewOf(stackPlan({ clusters, modeAfter: "monitoring" }));
  const line = renderMarkdown(review)
    .split("\n")
    .find((l) => l.startsWith("> Clusters:"))!;
  expect(line).toContain("`c019`: 1 (replaced) and 80 more.");
  expect(line).not.toContain("`c020`");
  expect(review.managers[0].protectionGap?.clusters).toHaveLength(100);
});
