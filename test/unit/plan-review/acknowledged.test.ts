import { renderJson, renderMarkdown, type PlanReviewJson } from "../../../lib/plan-review";
import { planOf, reviewOf, stackChanges, stackOutputs } from "../../support/plan-review-fixtures";

/*
 * The review lists what the site acknowledged and why, from each stack's acknowledged_warnings
 * output: in the markdown a short section of the manager, in the JSON a field of each manager.
 */

const KSN = "Global KSN is enabled in Kaspersky Security Center (SEC-1234)";

function acknowledgedOutput(
  before: Record<string, string> | null,
  after: Record<string, string> | null,
) {
  const actions = before === null ? ["create"] : after === null ? ["delete"] : ["update"];
  return {
    acknowledged_warnings: {
      actions: JSON.stringify(before) === JSON.stringify(after) ? ["no-op"] : actions,
      before,
      after,
      after_unknown: false,
      before_sensitive: false,
      after_sensitive: false,
    },
  };
}

const planWith = (output: object, manager = "dc9-nsxv") =>
  planOf(stackChanges({ manager }), { ...stackOutputs(), ...output });

function jsonOf(...plans: Parameters<typeof reviewOf>): PlanReviewJson {
  return JSON.parse(renderJson(reviewOf(...plans))) as PlanReviewJson;
}

test("a new acknowledgement, one whose reason changed, one unchanged and one withdrawn", () => {
  const plan = planWith(
    acknowledgedOutput(
      {
        "KSV-GROUP-UNUSED": "groups staged",
        "KSV-NO-REDIRECTION": "pilot",
        "KSV-NSXT-IPV4-ONLY": "no IPv6 here",
      },
      { "KSV-WEB-KSN": KSN, "KSV-GROUP-UNUSED": "groups staged", "KSV-NO-REDIRECTION": "rollout" },
    ),
  );
  expect(jsonOf(plan).managers[0].acknowledgedWarnings).toEqual([
    { rule: "KSV-GROUP-UNUSED", reason: "groups staged", change: "unchanged" },
    { rule: "KSV-NO-REDIRECTION", reason: "rollout", change: "changed" },
    { rule: "KSV-NSXT-IPV4-ONLY", reason: "no IPv6 here", change: "removed" },
    { rule: "KSV-WEB-KSN", reason: KSN, change: "added" },
  ]);
  // Nothing else changes: the manager reads "No changes", and its acknowledgements are there.
  const markdown = renderMarkdown(reviewOf(plan));
  expect(markdown).toContain(
    [
      "**Acknowledged warnings** (the site accepts them; the synth reports them as acknowledged):",
      "",
      "- `KSV-GROUP-UNUSED`: `groups staged`",
      "- `KSV-NO-REDIRECTION`: `rollout` (reason changed in this plan)",
      "- `KSV-NSXT-IPV4-ONLY`: `no IPv6 here` (no longer acknowledged: the warning is reported again)",
      `- \`KSV-WEB-KSN\`: \`${KSN}\` (new in this plan)`,
      "",
      "No changes (",
    ].join("\n"),
  );
});

test("a stack of the previous release, without the output: none, and no section", () => {
  const plan = planOf(stackChanges(), stackOutputs());
  expect(jsonOf(plan).managers[0].acknowledgedWarnings).toEqual([]);
  expect(renderMarkdown(reviewOf(plan))).not.toContain("Acknowledged");
});

test("each manager shows its own stack's acknowledgements", () => {
  const json = jsonOf(
    planWith(acknowledgedOutput(null, { "KSV-WEB-KSN": KSN }), "dc1-nsxt"),
    planWith({}, "dc2-nsxt"),
  );
  expect(json.managers.map((m) => [m.name, m.acknowledgedWarnings.length])).toEqual([
    ["dc1-nsxt", 1],
    ["dc2-nsxt", 0],
  ]);
});

test("a reason from a hand-edited plan cannot inject markup; a whole reason is shown", () => {
  const long = `${"word ".repeat(59)}end`;
  const markdown = renderMarkdown(
    reviewOf(
      planWith(
        acknowledgedOutput(null, {
          "KSV-WEB-KSN": "ok`\n## owned <img>",
          "KSV-GROUP-UNUSED": long,
        }),
      ),
    ),
  );
  expect(markdown).toContain("- `KSV-WEB-KSN`: ``ok` ## owned <img>`` (new in this plan)");
  expect(markdown).not.toMatch(/^## owned/m);
  expect(markdown).toContain(`\`${long}\``);
});

test("values Terraform marks sensitive are not read", () => {
  const output = acknowledgedOutput(null, { "KSV-WEB-KSN": KSN });
  const plan = planWith({
    acknowledged_warnings: { ...output.acknowledged_warnings, after_sensitive: true },
  });
  expect(jsonOf(plan).managers[0].acknowledgedWarnings).toEqual([]);
});
