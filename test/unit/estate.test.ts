import * as fs from "fs";
import * as path from "path";
import { loadEstate, parseEstate } from "../../app/load-estate";
import { EstateError } from "../../lib/estate/estate-error";
import { estateJsonSchema } from "../../lib/estate/json-schema";
import { estateOf, nsxtManager, nsxvManager } from "../support/estates";
import { DEFAULT_POLICY } from "../support/plan-review-fixtures";

const root = path.join(__dirname, "..", "..");

/** The problems an estate is refused for, one line each. */
function problemsOf(text: string, source = "estate.yaml"): string[] {
  try {
    parseEstate(text, source);
  } catch (error) {
    if (error instanceof EstateError)
      return error.message
        .split("\n")
        .slice(1)
        .map((l) => l.trim());
    throw error;
  }
  throw new Error("expected the estate to be rejected");
}

/** The KSV-EXCLUSION-SHADOWED warnings of a valid estate, as `path: message`. */
function shadowWarnings(estate: object): string[] {
  return parseEstate(JSON.stringify(estate), "estate.json")
    .warnings.filter((w) => w.ruleId === "KSV-EXCLUSION-SHADOWED")
    .map((w) => `${w.estatePath}: ${w.message}`);
}

/** The same, without their place in the file. */
function messagesOf(text: string): string[] {
  return problemsOf(text).map((line) => line.replace(/ \(line \d+, column \d+\)$/, ""));
}

describe("the example estate", () => {
  const loaded = loadEstate(path.join(root, "stacks", "example-estate.yaml"));

  test("is valid, with defaults applied", () => {
    expect(loaded.estate.managers.map((m) => [m.name, m.kind, m.trafficMode])).toEqual([
      ["dc1-nsxv", "nsx-v", "standard"],
      ["dc2-nsxt", "nsx-t", "standard"],
    ]);
    expect(loaded.estate.ksc.port).toBe(13000);
    // dc2-nsxt sets one action; every other setting is the default.
    expect(loaded.estate.managers[1].policy).toEqual({
      ...DEFAULT_POLICY,
      networkAttack: { enabled: true, action: "terminate" },
    });
  });

  test("points editors at the JSON Schema", () => {
    const text = fs.readFileSync(path.join(root, "stacks", "example-estate.yaml"), "utf8");
    expect(text.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=../schema/estate.schema.json",
    );
  });
});

describe("JSON Schema", () => {
  test("schema/estate.schema.json is generated from the current zod schema (npm run schema)", () => {
    const committed = JSON.parse(
      fs.readFileSync(path.join(root, "schema", "estate.schema.json"), "utf8"),
    );
    expect(committed).toEqual(estateJsonSchema());
  });

  test("forbids unknown keys and knows the defaults", () => {
    const schema = estateJsonSchema() as {
      additionalProperties: boolean;
      properties: Record<string, { default?: unknown }>;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.resourceType.default).toBe("null_resource");
  });
});

describe("estate files", () => {
  test("JSON works as well as YAML", () => {
    const loaded = parseEstate(JSON.stringify(estateOf([nsxvManager()])), "estate.json");
    expect(loaded.estate.managers[0].clusters[0].hosts).toEqual([
      "esx-a1.dc1-nsxv.local",
      "esx-a2.dc1-nsxv.local",
    ]);
  });

  test("every problem is reported at once, each with its path and line", () => {
    const text = [
      "version: 1",
      "ksc: { address: ksc.example.local, port: 70000 }",
      "managers:",
      "  - name: dc1",
      "    kind: nsx-v",
      "    address: nsx.example.local",
      "    svmImageUrl: ftp://repo/ntp.ovf",
      "    clusters:",
      "      - name: c1",
      "        datastore: ds1",
      "        network: net1",
      "        hosts: [esx-1, 'esx-2; touch /tmp/x', esx-1]",
      "    polcy: {}",
    ].join("\n");
    expect(problemsOf(text)).toEqual([
      "ksc.port: must be at most 65535, got 70000 (line 2, column 42)",
      "managers[0].svmImageUrl: must be an http:// or https:// URL, not ftp:// (line 7, column 18)",
      'managers[0].clusters[0].hosts[1]: "esx-2; touch /tmp/x" is not a valid host name or IPv4 address (line 12, column 24)',
      'managers[0].clusters[0].hosts[2]: host "esx-1" is already listed at managers[0].clusters[0].hosts[0]; each host gets one SVM, so list it once in the whole estate (line 12, column 47)',
      'managers[0].polcy: unknown key "polcy"; did you mean "policy"? (allowed here: name, kind, trafficMode, address, lockTrafficMode, svmImageUrl, clusters, introspection, policy) (line 13, column 5)',
    ]);
  });

  test("a host may be listed once in the whole estate, whatever its case", () => {
    const a = nsxvManager("dc1");
    const b = nsxvManager("dc2");
    b.clusters[0].hosts = ["ESX-A1.DC1.LOCAL"];
    expect(problemsOf(JSON.stringify(estateOf([a, b])))).toEqual([
      'managers[1].clusters[0].hosts[0]: host "ESX-A1.DC1.LOCAL" is already listed at managers[0].clusters[0].hosts[0]; each host gets one SVM, so list it once in the whole estate (line 1, column 614)',
    ]);
  });

  test("manager names are unique", () => {
    const problems = problemsOf(
      JSON.stringify(estateOf([nsxvManager("dc1"), { ...nsxvManager("dc2"), name: "dc1" }])),
    );
    expect(
      problems.some((p) =>
        p.startsWith('managers[1].name: "dc1" is already the name of managers[0]'),
      ),
    ).toBe(true);
  });

  test("NSX-T with monitoring names the manager and the way to only report", () => {
    const problems = problemsOf(
      JSON.stringify(estateOf([nsxtManager("dc2-nsxt", { trafficMode: "monitoring" })])),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^managers\[0\]\.trafficMode: manager dc2-nsxt is an NSX-T Manager, where Network Threat Protection always runs in Standard mode; monitoring is not possible\. To only report threats, set the ignore action in policy\.networkAttack\.action/,
    );
  });

  test("one block time, only with a terminate-and-block action", () => {
    const manager = nsxvManager("dc1", {
      policy: {
        networkAttack: { action: "terminate" },
        networkActivity: { action: "ignore" },
        blockMinutes: 30,
      },
    });
    expect(messagesOf(JSON.stringify(estateOf([manager])))).toEqual([
      "managers[0].policy.blockMinutes: only applies when networkAttack.action or networkActivity.action is terminate-and-block; remove it or change an action",
    ]);
    const blocking = nsxvManager("dc1", {
      policy: { networkAttack: { action: "ignore" }, blockMinutes: 30 },
    });
    const [parsed] = parseEstate(JSON.stringify(estateOf([blocking])), "e.json").estate.managers;
    expect("blockMinutes" in parsed.policy && parsed.policy.blockMinutes).toBe(30);
  });

  test("removed fields say what replaced them", () => {
    const manager = nsxvManager("dc1", {
      policy: {
        networkAttack: { blockMinutes: 30 },
        networkActivity: { action: "block" },
        exclusions: [{ cidr: "10.0.5.0/24", direction: "inbound", rule: "do-not-scan" }],
      },
    });
    const estate = estateOf([manager], { hooks: { deploySvm: "x", removeSvm: "y" } });
    expect(messagesOf(JSON.stringify(estate))).toEqual([
      'managers[0].policy.networkAttack.blockMinutes: "blockMinutes" was removed: set policy.blockMinutes instead: one block time for network attacks and suspicious network activity (KSV help 60068)',
      'managers[0].policy.networkActivity.action: "block" is now "terminate-and-block" (terminate the connection and block traffic from the source for policy.blockMinutes), as in Kaspersky Security Center; or "terminate", "ignore"',
      'managers[0].policy.exclusions[0].cidr: "cidr" was removed: use source (an IP address or subnet, e.g. 10.0.5.0/24)',
      'managers[0].policy.exclusions[0].direction: "direction" was removed: Kaspersky Security Center exclusions have no direction; remove it, and exclude inbound or outbound traffic in the NSX policy instead (KSV help 67238, 66794)',
      'hooks.deploySvm: "deploySvm" was removed: use deploySvms: NSX deploys SVMs per vSphere cluster, so the hook runs once per cluster, with KSV_CLUSTER, KSV_DATASTORE, KSV_NETWORK, KSV_IP_POOL and KSV_HOSTS (comma-separated) instead of KSV_HOST',
      'hooks.removeSvm: "removeSvm" was removed: use removeSvms: it runs once per cluster, with KSV_CLUSTER, KSV_DATASTORE, KSV_NETWORK and KSV_IP_POOL; removing a cluster\'s service deployment removes all its SVMs (KSV help 127447)',
    ]);
  });

  test("exclusions: a source address or subnet, a VLAN qualifier, a rule; a subnet gets the network it probably meant", () => {
    const manager = nsxvManager("dc1", {
      policy: {
        exclusions: [
          { source: "10.0.5.1/24", rule: "do-not-scan" },
          { source: "10.0.6.7", vlan: 4095, rule: "do-not-scan" },
          { source: "fd00::1", vlan: 0, rule: "default" },
          { source: "10.0.7.0/24", vlan: "tagged", rule: "skip" },
        ],
      },
    });
    expect(messagesOf(JSON.stringify(estateOf([manager])))).toEqual([
      'managers[0].policy.exclusions[0].source: "10.0.5.1/24" has host bits set; did you mean 10.0.5.0/24?',
      'managers[0].policy.exclusions[1].vlan: VLAN 4095 means any tag: write "any"',
      'managers[0].policy.exclusions[2].vlan: traffic without a VLAN tag is "none"',
      'managers[0].policy.exclusions[3].vlan: must be "none" (traffic without a VLAN tag), a VLAN ID from 1 to 4094, or "any" (traffic with any tag: the product\'s vlan 4095); got the text "tagged"',
      'managers[0].policy.exclusions[3].rule: must be one of default, do-not-scan, do-not-block; got the text "skip"',
    ]);
  });

  test("sources are compared as addresses: one spelling or another is the same scope", () => {
    const manager = nsxvManager("dc1", {
      policy: {
        exclusions: [
          { source: "10.0.5.7", rule: "do-not-scan" },
          { source: "10.0.5.7/32", rule: "default" },
          { source: "fd00::1", vlan: 7, rule: "do-not-scan" },
          { source: "FD00:0::1", vlan: 7, rule: "default" },
        ],
      },
    });
    // Allowed by the product (KSV help 67238: the higher one applies): a warning, not an error.
    expect(shadowWarnings(estateOf([manager]))).toEqual([
      "managers[0].policy.exclusions[1]: manager dc1: never applies: shadowed by exclusions[0] (10.0.5.7, vlan none), which has the same scope and comes first",
      "managers[0].policy.exclusions[3]: manager dc1: never applies: shadowed by exclusions[2] (fd00::1, vlan 7), which has the same scope and comes first",
    ]);
  });

  test("a zone index or a quoted VLAN ID is refused, saying why", () => {
    const manager = nsxvManager("dc1", {
      policy: {
        exclusions: [
          { source: "fe80::1%eth0", rule: "default" },
          { source: "10.0.6.0/24", vlan: "12", rule: "default" },
        ],
      },
    });
    expect(messagesOf(JSON.stringify(estateOf([manager])))).toEqual([
      'managers[0].policy.exclusions[0].source: "fe80::1%eth0" is not an IP address or a subnet (e.g. 10.0.5.7, 10.0.5.0/24, fd00::/64)',
      "managers[0].policy.exclusions[1].vlan: the VLAN ID is text here; write 12 without quotes",
    ]);
  });

  test("a trusted address with shell syntax in its path is refused; a duplicate says where the first is", () => {
    const manager = nsxvManager("dc1", {
      policy: {
        webAddresses: {
          trustedAddresses: ["https://x.example.com/a';reboot;'", "*.example.com", "*.example.com"],
        },
      },
    });
    expect(messagesOf(JSON.stringify(estateOf([manager])))).toEqual([
      `managers[0].policy.webAddresses.trustedAddresses[0]: "https://x.example.com/a';reboot;'" is not a web address or mask (e.g. https://intranet.example.local/ or *.example.com/*)`,
      'managers[0].policy.webAddresses.trustedAddresses[2]: "*.example.com" is listed twice (first at [1]); keep one',
    ]);
  });

  test("an exclusion whose scope an earlier one has never applies", () => {
    const manager = nsxvManager("dc1", {
      policy: {
        exclusions: [
          { source: "10.0.5.0/24", rule: "do-not-scan" },
          { source: "10.0.5.0/24", vlan: 12, rule: "do-not-block" },
          { source: "10.0.5.0/24", vlan: "none", rule: "default" },
        ],
      },
    });
    expect(shadowWarnings(estateOf([manager]))).toEqual([
      "managers[0].policy.exclusions[2]: manager dc1: never applies: shadowed by exclusions[0] (10.0.5.0/24, vlan none), which has the same scope and comes first",
    ]);
  });

  test("warnings name the manager and do not stop the synth", () => {
    const loaded = parseEstate(
      JSON.stringify(estateOf([nsxvManager("dc1-nsxv", { trafficMode: "monitoring" })])),
      "estate.json",
    );
    expect(loaded.warnings.map((w) => [w.ruleId, w.estatePath])).toEqual([
      ["KSV-MONITORING-NO-ACTION", "managers[0].policy"],
      ["KSV-WEB-KSN", "managers[0].policy.webAddresses.categories"],
    ]);
    expect(loaded.warnings[0].message).toContain("dc1-nsxv");
  });

  test("version 2 is refused", () => {
    expect(problemsOf(JSON.stringify({ ...estateOf([nsxvManager()]), version: 2 }))[0]).toMatch(
      /^version: must be 1, got 2 /,
    );
  });

  test("YAML syntax errors say where", () => {
    expect(problemsOf("version: 1\nmanagers: [\n")[0]).toMatch(
      /^\(file\): not valid YAML or JSON: .*\(line \d+, column \d+\)$/,
    );
  });

  test("a pg schema shared by several managers is refused", () => {
    const estate = estateOf([nsxvManager("dc1"), nsxvManager("dc2")], {
      backend: { type: "pg", schemaPer: "estate" },
    });
    expect(problemsOf(JSON.stringify(estate))[0]).toMatch(
      /^backend\.schemaPer: "estate" keeps every stack's state in one schema/,
    );
  });
});
