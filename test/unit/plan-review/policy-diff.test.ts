import { diffPolicies, flattenPolicy } from "../../../lib/plan-review/policy-diff";
import { DEFAULT_POLICY } from "../../support/plan-review-fixtures";

const policy = (changes: Record<string, unknown> = {}) =>
  JSON.stringify({ ...DEFAULT_POLICY, ...changes });

describe("threat policy, field by field", () => {
  test("flattening: nested settings by path, category lists as one value, exclusions by index", () => {
    const flat = flattenPolicy({
      ...DEFAULT_POLICY,
      exclusions: [{ cidr: "10.0.5.0/24", direction: "both" }],
    });
    expect(Object.fromEntries(flat)).toEqual({
      "networkAttack.action": "terminate-and-block",
      "networkAttack.blockMinutes": "60",
      "networkActivity.monitor": "true",
      "networkActivity.categories": "[adware]",
      "networkActivity.action": "block",
      "webAddresses.enabled": "true",
      "webAddresses.action": "block",
      "webAddresses.categories": "[malicious, phishing]",
      "exclusions[0].cidr": "10.0.5.0/24",
      "exclusions[0].direction": "both",
    });
  });

  test("only the settings that change", () => {
    const after = policy({
      webAddresses: { enabled: true, action: "ignore", categories: ["malicious"] },
      networkAttack: { action: "ignore" },
    });
    expect(diffPolicies(policy(), after)).toEqual({
      changes: [
        { field: "networkAttack.action", before: "terminate-and-block", after: "ignore" },
        { field: "networkAttack.blockMinutes", before: "60", after: null },
        { field: "webAddresses.action", before: "block", after: "ignore" },
        { field: "webAddresses.categories", before: "[malicious, phishing]", after: "[malicious]" },
      ],
      withheldFieldCount: 0,
      unreadable: false,
    });
  });

  test("an exclusion added at the end", () => {
    const after = policy({ exclusions: [{ cidr: "fd00::/64", direction: "inbound" }] });
    expect(diffPolicies(policy(), after).changes).toEqual([
      { field: "exclusions[0].cidr", before: null, after: "fd00::/64" },
      { field: "exclusions[0].direction", before: null, after: "inbound" },
    ]);
  });

  test("the same settings in another key order are no change", () => {
    const reordered = JSON.stringify({
      exclusions: [],
      webAddresses: { categories: ["malicious", "phishing"], action: "block", enabled: true },
      networkActivity: DEFAULT_POLICY.networkActivity,
      networkAttack: DEFAULT_POLICY.networkAttack,
    });
    expect(diffPolicies(policy(), reordered).changes).toEqual([]);
  });

  test("fields outside the policy schema are counted, their values withheld", () => {
    const after = policy({ apiToken: "tok-123", webAddresses: { ...DEFAULT_POLICY.webAddresses } });
    const diff = diffPolicies(policy(), after);
    expect(diff.changes).toEqual([]);
    expect(diff.withheldFieldCount).toBe(1);
    expect(JSON.stringify(diff)).not.toContain("tok-123");
  });

  test("a policy that is not a JSON object cannot be compared", () => {
    expect(diffPolicies(policy(), "not json").unreadable).toBe(true);
    expect(diffPolicies("[1,2]", policy()).unreadable).toBe(true);
  });
});
