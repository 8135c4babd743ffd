import * as fs from "fs";
import * as path from "path";
import { runPlanReview, runPlanReviewInProcess } from "../../support/plan-review-cli";
import { planOf, stackChanges, stackPlan } from "../../support/plan-review-fixtures";
import { tempDir, type CommandResult } from "../../support/workspace";

/*
 * Bad input: exit 1, one line on stderr naming the input, no stack trace, no review on stdout.
 * Most cases run the CLI's code in this process; a few run the real bin/ksv-plan-review.js
 * (started together in beforeAll: each pays ts-node's start-up).
 */

const dir = tempDir("plan-review-input");
const file = (name: string, content: string) => {
  const target = path.join(dir, name);
  fs.writeFileSync(target, content);
  return target;
};

const inputs = {
  missing: path.join(dir, "missing.json"),
  folder: dir,
  notJson: file("not-json.json", "Plan: 3 to add, 0 to change, 0 to destroy.\n"),
  empty: file("empty.json", ""),
  notAPlan: file("not-a-plan.json", JSON.stringify({ hello: "world" })),
  config: file("cdk.tf.json", JSON.stringify({ terraform: {}, resource: { terraform_data: {} } })),
  state: file("state.json", JSON.stringify({ format_version: "1.0", values: {} })),
  formatTwo: file("format-two.json", JSON.stringify({ ...planOf([]), format_version: "2.0" })),
  noVersion: file("no-version.json", JSON.stringify({ ...planOf([]), format_version: undefined })),
  badChanges: file("bad-changes.json", JSON.stringify({ ...planOf([]), resource_changes: [{}] })),
  unknownAction: file(
    "unknown-action.json",
    JSON.stringify(
      planOf(
        stackChanges().map((rc) => ({
          ...rc,
          change: { ...(rc.change as object), actions: ["fly"] },
        })),
      ),
    ),
  ),
  valid: file("valid.json", JSON.stringify(stackPlan())),
  sameManager: file("valid-again.json", JSON.stringify(stackPlan())),
};

const inProcess: Record<string, readonly string[]> = {
  missing: [inputs.missing],
  folder: [inputs.folder],
  notJson: [inputs.notJson],
  empty: [inputs.empty],
  notAPlan: [inputs.notAPlan],
  config: [inputs.config],
  state: [inputs.state],
  formatTwo: [inputs.formatTwo],
  noVersion: [inputs.noVersion],
  badChanges: [inputs.badChanges],
  unknownAction: [inputs.unknownAction],
  validThenBad: [inputs.valid, inputs.notJson],
  oneManagerTwice: [inputs.valid, inputs.sameManager],
  noArguments: [],
  twoStdins: ["-", "-"],
  badFormat: ["--format", "html", inputs.valid],
  unknownOption: ["--frmat", "json", inputs.valid],
};

const results: Record<string, CommandResult> = {};
beforeAll(async () => {
  const child = {
    childMissing: runPlanReview([inputs.missing]),
    childFormatTwo: runPlanReview([inputs.formatTwo]),
    stdinNotJson: runPlanReview(["-"], { stdin: "{ not json" }),
  };
  for (const [name, args] of Object.entries(inProcess)) {
    results[name] = await runPlanReviewInProcess(args);
  }
  for (const [name, run] of Object.entries(child)) results[name] = await run;
});

/** The one line of the error, after checking it is an error run of the right form. */
function errorLine(name: string): string {
  const result = results[name];
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 1, stdout: "" });
  const lines = result.stderr.split("\n").filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^ksv-plan-review: /);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return lines[0];
}

describe("bad input: exit 1 with one line naming the input", () => {
  test.each([
    ["missing", inputs.missing, "file not found"],
    ["folder", inputs.folder, "is a folder"],
    ["notJson", inputs.notJson, "is not JSON"],
    ["empty", inputs.empty, "is empty"],
    ["notAPlan", inputs.notAPlan, "is not a Terraform plan"],
    ["config", inputs.config, "is a Terraform configuration"],
    ["state", inputs.state, "is Terraform state"],
    ["formatTwo", inputs.formatTwo, "format_version 2.0 is not supported"],
    ["noVersion", inputs.noVersion, "is not a Terraform plan (no format_version)"],
    ["badChanges", inputs.badChanges, "resource_changes[0] has no address or type"],
    ["unknownAction", inputs.unknownAction, 'has change actions ["fly"]'],
  ])("%s", (name, source, message) => {
    const line = errorLine(name);
    expect(line).toContain(`${source}: `);
    expect(line).toContain(message);
  });

  test("the error never quotes the content (a plan may hold secrets)", () => {
    expect(errorLine("notJson")).not.toContain("Plan: 3 to add");
  });

  test("a bad file fails the run even after a good one, and no review is printed", () => {
    expect(errorLine("validThenBad")).toContain(`${inputs.notJson}: is not JSON`);
  });

  test("two plans of one manager: refused, naming both files (its hosts would count twice)", () => {
    expect(errorLine("oneManagerTwice")).toBe(
      `ksv-plan-review: ${inputs.sameManager}: manager "dc9-nsxv" is also in ${inputs.valid}; give one plan per stack (reviewing both would count its hosts twice)`,
    );
  });

  test("standard input is named <stdin>", () => {
    expect(errorLine("stdinNotJson")).toBe(
      "ksv-plan-review: <stdin>: is not JSON; expected the output of `terraform show -json <planfile>`",
    );
  });

  test("the real command says the same", () => {
    expect(errorLine("childMissing")).toBe(errorLine("missing"));
    expect(errorLine("childFormatTwo")).toBe(errorLine("formatTwo"));
  });

  test("usage errors", () => {
    expect(errorLine("twoStdins")).toContain("standard input (-) can be given once only");
    expect(errorLine("noArguments")).toContain("no plan given");
    expect(errorLine("badFormat")).toContain('--format must be markdown or json, not "html"');
    expect(errorLine("unknownOption")).toContain("Unknown option '--frmat'");
  });
});
