import * as fs from "fs";
import * as path from "path";
import { renderJson, renderMarkdown, type PlanReviewJson } from "../../lib/plan-review";
import { estateOf, nsxtManager } from "../support/estates";
import { reviewOf } from "../support/plan-review-fixtures";
import { changesOf, Scenario, type PlanJson } from "../support/scenario";

/*
 * An acknowledged warning on real plans: added to a deployed stack, then withdrawn. Terraform
 * plans the stack's acknowledged_warnings output alone, and the review lists it.
 */

const REASON = "Global KSN is enabled in Kaspersky Security Center (SEC-1234)";

function reviewOfPlan(scenario: Scenario, name: string, plan: PlanJson) {
  const file = path.join(scenario.dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify({ ...plan, hasChanges: undefined, planFile: undefined }));
  return reviewOf(file);
}

describe("an acknowledged warning, added to a deployed stack", () => {
  const scenario = new Scenario("plan-review-acknowledged");
  // The default web categories include advertising: KSV-WEB-KSN warns about dc2-nsxt.
  const estate = (acknowledge: object[]) => estateOf([nsxtManager("dc2-nsxt")], { acknowledge });
  let added: PlanJson;
  let withdrawn: PlanJson;

  beforeAll(() => {
    scenario.synth(estate([]));
    scenario.apply("dc2-nsxt");
    scenario.synth(estate([{ rule: "KSV-WEB-KSN", reason: REASON }]));
    added = scenario.apply("dc2-nsxt");
    scenario.synth(estate([]));
    withdrawn = scenario.plan("dc2-nsxt");
  });

  test("changes no resource: Terraform plans the output alone", () => {
    expect(changesOf(added)).toEqual({});
    expect(added.output_changes?.acknowledged_warnings).toMatchObject({
      actions: ["create"],
      after: { "KSV-WEB-KSN": REASON },
    });
  });

  test("the review lists it, new in this plan, in the markdown and the JSON; withdrawn, it says so", () => {
    const review = reviewOfPlan(scenario, "added", added);
    expect(review.managers.map((m) => m.hasChanges)).toEqual([false]);
    expect(renderMarkdown(review)).toContain(`- \`KSV-WEB-KSN\`: \`${REASON}\` (new in this plan)`);
    const json = JSON.parse(renderJson(review)) as PlanReviewJson;
    expect(json.managers[0].acknowledgedWarnings).toEqual([
      { rule: "KSV-WEB-KSN", reason: REASON, change: "added" },
    ]);
    const back = reviewOfPlan(scenario, "withdrawn", withdrawn);
    expect(back.managers[0].acknowledgedWarnings).toEqual([
      { rule: "KSV-WEB-KSN", reason: REASON, change: "removed" },
    ]);
  });
});
