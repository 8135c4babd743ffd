import {
  analyzePlans,
  renderJson,
  renderMarkdown,
  validatePlanDocument,
} from "../../../lib/plan-review";
import { stackPlan } from "../../support/plan-review-fixtures";

/*
 * A very large plan is reviewed whole: every host counted and listed in the JSON, the markdown
 * naming a few. (How fast, npm run bench measures.)
 */
test("50,000 SVMs replaced: every host in the gap, five named in the comment", () => {
  const hosts = Array.from({ length: 50_000 }, (_, i) => `esx-${i}.dc9.local`);
  const plan = stackPlan({ modeBefore: "standard", modeAfter: "monitoring", hosts });
  const review = analyzePlans([
    { source: "big.json", plan: validatePlanDocument(plan, "big.json") },
  ]);
  const markdown = renderMarkdown(review);
  const json = renderJson(review);
  expect(review.managers[0].protectionGap?.hostCount).toBe(50_000);
  expect(markdown).toContain("**Protection gap: 50,000 hosts**");
  expect(markdown).toContain("and 49,995 more");
  expect(JSON.parse(json).managers[0].protectionGap.hosts).toHaveLength(50_000);
});
