import {
  analyzePlans,
  renderJson,
  renderMarkdown,
  validatePlanDocument,
} from "../../../lib/plan-review";
import { planOf, stackChanges } from "../../support/plan-review-fixtures";

/*
 * The review is linear in the plan's size. 50,000 SVMs replaced take a fraction of a second to
 * analyze and render; anything quadratic would take minutes and fail here.
 */
test("50,000 SVMs replaced: analyzed and rendered in well under 2 seconds", () => {
  const hosts = Array.from({ length: 50_000 }, (_, i) => `esx-${i}.dc9.local`);
  const plan = planOf(stackChanges({ modeBefore: "standard", modeAfter: "monitoring", hosts }));
  const started = process.hrtime.bigint();
  const review = analyzePlans([
    { source: "big.json", plan: validatePlanDocument(plan, "big.json") },
  ]);
  const markdown = renderMarkdown(review);
  const json = renderJson(review);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  expect(review.managers[0].protectionGap?.hostCount).toBe(50_000);
  expect(markdown).toContain("**Protection gap: 50,000 hosts**");
  expect(markdown).toContain("and 49,995 more");
  expect(JSON.parse(json).managers[0].protectionGap.hosts).toHaveLength(50_000);
  expect(seconds).toBeLessThan(2);
});
