import { parseEstate } from "../../app/load-estate";
import { EstateError } from "../../lib/estate";
import { estateOf, nsxvManager } from "../support/estates";

/*
 * Values that are legal but almost certainly a mistake are warned about, with their path and line;
 * two entries that are one thing written twice are refused. Tried as a careless operator would.
 */

function problems(estate: object): string[] {
  try {
    parseEstate(JSON.stringify(estate, null, 2), "estate.json");
  } catch (error) {
    if (error instanceof EstateError)
      return error.problems.map((p) => `${p.path.join(".")}: ${p.message}`);
    throw error;
  }
  return [];
}

function warnings(estate: object) {
  return parseEstate(JSON.stringify(estate, null, 2), "estate.json").warnings.map((w) => ({
    rule: w.ruleId,
    at: w.estatePath,
    line: w.line,
  }));
}

const cluster = (name: string, host: string) => ({
  name,
  datastore: "d",
  network: "n",
  hosts: [host],
});

test.each([
  ["in another case", "PROD-A"],
  ["with a Cyrillic а", "prod-\u0430"],
])("two clusters whose names read as one (%s) are refused", (_case, name) => {
  const estate = estateOf([
    nsxvManager("dc1", { clusters: [cluster("prod-a", "esx1"), cluster(name, "esx2")] }),
  ]);
  expect(problems(estate)).toEqual([
    `managers.0.clusters.1.name: ${JSON.stringify(name)} is the name of managers[0].clusters[0] ("prod-a") written another way (case or look-alike letters); cluster names must be unique, and these read as one`,
  ]);
});

test("a detection rule written with a leading zero is the same rule: refused", () => {
  const estate = estateOf([
    nsxvManager("dc1", {
      policy: { networkActivity: { ignoredRules: ["3:1027:2", "03:1027:2"] } },
    }),
  ]);
  expect(problems(estate)).toEqual([
    'managers.0.policy.networkActivity.ignoredRules.1: "03:1027:2" is "3:1027:2" (at [0]) written another way; keep one',
  ]);
});

test("an IPv4-mapped IPv6 source is its IPv4 address: the later exclusion is shadowed", () => {
  const estate = estateOf([
    nsxvManager("dc1", {
      policy: {
        exclusions: [
          { source: "10.0.0.1", rule: "do-not-scan" },
          { source: "::ffff:a00:1", rule: "default" },
        ],
      },
    }),
  ]);
  expect(warnings(estate)).toContainEqual({
    rule: "KSV-EXCLUSION-SHADOWED",
    at: "managers[0].policy.exclusions[1]",
    line: expect.any(Number),
  });
});

test.each(["0.0.0.0/0", "::/0", "::ffff:0:0/96"])(
  "an exclusion of %s that does not scan is a warning, with its line",
  (source) => {
    const estate = estateOf([
      nsxvManager("dc1", { policy: { exclusions: [{ source, rule: "do-not-scan" }] } }),
    ]);
    expect(warnings(estate)).toContainEqual({
      rule: "KSV-EXCLUSION-EVERYTHING",
      at: "managers[0].policy.exclusions[0].source",
      line: expect.any(Number),
    });
  },
);

test.each(["*", "**", "http://*", "https://*/*"])(
  "a trusted web address %s trusting everything is a warning",
  (address) => {
    const estate = estateOf([
      nsxvManager("dc1", { policy: { webAddresses: { trustedAddresses: [address] } } }),
    ]);
    expect(warnings(estate).map((w) => w.rule)).toContain("KSV-WEB-TRUST-EVERYTHING");
  },
);

test("a narrow exclusion and a real trusted address warn about nothing of this kind", () => {
  const estate = estateOf([
    nsxvManager("dc1", {
      policy: {
        webAddresses: { trustedAddresses: ["*.example.com"] },
        exclusions: [{ source: "10.0.5.0/24", rule: "do-not-scan" }],
      },
    }),
  ]);
  const rules = warnings(estate).map((w) => w.rule);
  expect(rules).not.toContain("KSV-WEB-TRUST-EVERYTHING");
  expect(rules).not.toContain("KSV-EXCLUSION-EVERYTHING");
});
