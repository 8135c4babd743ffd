import * as fs from "fs";
import * as path from "path";
import { reviewOf } from "../support/plan-review-fixtures";
import { estateOf, nsxtManager, nsxvManager, type EstateInput } from "../support/estates";
import { describeWithNullProvider } from "../support/providers";
import { changesOf, Scenario } from "../support/scenario";
import { LIFECYCLE_HOOKS } from "../../lib/contract";

/*
 * Changing resourceType changes every resource address. null_resource → terraform_data is a
 * move Terraform (1.9 or later) makes itself from the stacks' moved blocks, re-running no hook;
 * terraform_data → null_resource is not, and the plan review says so.
 *
 * What runs here: terraform_data stacks carry the moved blocks, which Terraform accepts and
 * which change nothing for a stack that never was null_resource. The move itself needs a
 * null_resource state, which needs hashicorp/null; where it cannot be installed (machines
 * without network), that case says so and is skipped (describeWithNullProvider).
 */

const LOGGING = Object.fromEntries(
  LIFECYCLE_HOOKS.map((hook) => [hook, `printf '%s\\n' "$KSV_HOOK" >> "$HOOK_LOG"`]),
);

const estate = (resourceType: string): EstateInput =>
  estateOf([nsxvManager("dc1-nsxv"), nsxtManager("dc2-nsxt")], { resourceType, hooks: LOGGING });

describe("terraform_data stacks declare the move from null_resource", () => {
  const scenario = new Scenario("moved");

  test("one moved block per resource, and Terraform 1.9 or later", () => {
    scenario.synth(estate("terraform_data"));
    const stack = JSON.parse(
      fs.readFileSync(path.join(scenario.stackDir("dc2-nsxt"), "cdk.tf.json"), "utf8"),
    );
    expect(stack.moved).toEqual(
      [
        "service_identity",
        "service",
        "service_segment",
        "deployment",
        "svm_image",
        "nsx_objects",
        "threat_policy",
      ].map((name) => ({
        from: `null_resource.${name}`,
        to: `terraform_data.${name}`,
      })),
    );
    expect(stack.terraform.required_version).toBe(">= 1.9");
  });

  test("which change nothing for a stack that never was null_resource", () => {
    scenario.apply("dc1-nsxv");
    expect(scenario.takeHookLog().length).toBeGreaterThan(0);
    const plan = scenario.plan("dc1-nsxv");
    expect(plan.hasChanges).toBe(false);
    expect(changesOf(plan)).toEqual({});
  });
});

describeWithNullProvider("null_resource → terraform_data (needs hashicorp/null)", () => {
  const scenario = new Scenario("switch");

  test("moves every resource, replaces none, runs no hook", () => {
    scenario.synth(estate("null_resource"));
    scenario.apply("dc1-nsxv");
    scenario.takeHookLog();
    scenario.synth(estate("terraform_data"));
    const plan = scenario.apply("dc1-nsxv");
    expect(changesOf(plan)).toEqual({});
    expect(scenario.takeHookLog()).toEqual([]);
    const file = path.join(scenario.dir, "switch.json");
    fs.writeFileSync(file, JSON.stringify(plan));
    expect(reviewOf(file).disruptive).toBe(false);
  });
});
