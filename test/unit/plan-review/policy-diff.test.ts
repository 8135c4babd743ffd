import { POLICY_FIELDS } from "../../../lib/contract";
import { threatPolicySchema } from "../../../lib/estate/schema";
import { diffPolicies, flattenPolicy } from "../../../lib/plan-review/policy-diff";
import { DEFAULT_POLICY } from "../../support/plan-review-fixtures";

const policy = (changes: Record<string, unknown> = {}) =>
  JSON.stringify({ ...DEFAULT_POLICY, ...changes });

describe("threat policy, field by field", () => {
  test("flattening: nested settings by path, lists of values as one value, exclusions by index", () => {
    const flat = flattenPolicy({
      ...DEFAULT_POLICY,
      exclusions: [{ source: "10.0.5.0/24", vlan: "none", rule: "do-not-scan" }],
    });
    expect(Object.fromEntries(flat)).toEqual({
      "networkAttack.action": "terminate-and-block",
      "networkActivity.monitor": "true",
      "networkActivity.categories": "[adware]",
      "networkActivity.action": "terminate-and-block",
      "networkActivity.ignoredRules": "[]",
      "webAddresses.enabled": "true",
      "webAddresses.action": "block",
      "webAddresses.categories": "[malicious, phishing, advertising]",
      "webAddresses.trustedAddresses": "[]",
      "exclusions[0].source": "10.0.5.0/24",
      "exclusions[0].vlan": "none",
      "exclusions[0].rule": "do-not-scan",
      blockMinutes: "60",
    });
  });

  test("every setting of the estate's policy is one the review may print (lib/contract)", () => {
    const full = threatPolicySchema.parse({
      networkActivity: { ignoredRules: ["1:2:3"] },
      webAddresses: { trustedAddresses: ["*.example.com"] },
      exclusions: [{ source: "10.0.0.0/8", rule: "default" }],
    });
    const empty = threatPolicySchema.parse({});
    for (const value of [full, empty]) {
      const fields = [...flattenPolicy(value).keys()].map((f) => f.replace(/\[\d+\]/g, "[]"));
      expect(fields.filter((f) => !(POLICY_FIELDS as readonly string[]).includes(f))).toEqual([]);
    }
  });

  test("only the settings that change", () => {
    const after = policy({
      webAddresses: { ...DEFAULT_POLICY.webAddresses, action: "ignore", categories: ["malicious"] },
      networkAttack: { action: "ignore" },
      blockMinutes: 30,
    });
    expect(diffPolicies(policy(), after)).toEqual({
      changes: [
        { field: "networkAttack.action", before: "terminate-and-block", after: "ignore" },
        { field: "webAddresses.action", before: "block", after: "ignore" },
        {
          field: "webAddresses.categories",
          before: "[malicious, phishing, advertising]",
          after: "[malicious]",
        },
        { field: "blockMinutes", before: "60", after: "30" },
      ],
      withheldFieldCount: 0,
      unreadable: false,
    });
  });

  test("an exclusion added at the end", () => {
    const after = policy({ exclusions: [{ source: "fd00::/64", vlan: 12, rule: "do-not-block" }] });
    expect(diffPolicies(policy(), after).changes).toEqual([
      { field: "exclusions", before: "[]", after: null },
      { field: "exclusions[0].source", before: null, after: "fd00::/64" },
      { field: "exclusions[0].vlan", before: null, after: "12" },
      { field: "exclusions[0].rule", before: null, after: "do-not-block" },
    ]);
  });

  test("the same settings in another key order are no change", () => {
    const reordered = JSON.stringify({
      blockMinutes: 60,
      exclusions: [],
      webAddresses: {
        trustedAddresses: [],
        categories: ["malicious", "phishing", "advertising"],
        action: "block",
        enabled: true,
      },
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
