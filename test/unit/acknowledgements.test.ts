import { TerraformStack, Testing } from "cdktf";
import { PassThrough } from "stream";
import { parseEstate, printWarnings, type LoadedEstate } from "../../app/load-estate";
import { NetworkThreatProtection } from "../../lib/constructs/network-threat-protection";
import { RULE_LEVELS } from "../../lib/contract";
import { EstateError } from "../../lib/estate/estate-error";
import { PROTECTION_RULES } from "../../lib/rules/all-rules";
import { NsxtProtectionStack } from "../../stacks/nsxt-protection-stack";
import { addEstateStacks } from "../../stacks/estate-stacks";
import { estateOf, nsxtManager, nsxvManager, synthEstate, validEstate } from "../support/estates";

/*
 * A site acknowledges a warning it has decided about: the finding is then shown as acknowledged,
 * with the reason, at synth (the loader's lines, the aspect's annotations) and carried into the
 * stack's plan (the acknowledged_warnings output). Errors cannot be acknowledged.
 */

const KSN_REASON = "Global KSN is enabled in Kaspersky Security Center (SEC-1234)";

// nsxtManager's policy is the default one: advertising is on, KSV-WEB-KSN warns.
const twoManagers = (acknowledge: object[]) =>
  estateOf(
    [
      nsxvManager("dc1-nsxv", { policy: { webAddresses: { categories: ["malicious"] } } }),
      nsxtManager("dc2-nsxt"),
    ],
    { acknowledge },
  );

function load(estate: object): LoadedEstate {
  return parseEstate(JSON.stringify(estate, null, 2), "estate.json");
}

function printed(loaded: LoadedEstate): string[] {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
  printWarnings(loaded, stream);
  return text.split("\n").filter(Boolean);
}

function problemsOf(estate: object): string[] {
  try {
    load(estate);
  } catch (error) {
    if (error instanceof EstateError) return error.message.split("\n").slice(1);
    throw error;
  }
  throw new Error("expected the estate to be refused");
}

/** The annotations the aspects leave on a stack at its synth, by level. */
function annotations(stack: TerraformStack): { info: string[]; warn: string[] } {
  Testing.synth(stack);
  const of = (level: string) =>
    stack.node
      .findAll()
      .flatMap((c) => c.node.metadata)
      .filter((m) => m.type === `@cdktf/${level}`)
      .map((m) => String(m.data));
  return { info: of("info"), warn: of("warn") };
}

test("lib/contract names exactly the rules lib/rules implements, each at its level", () => {
  expect(Object.fromEntries(PROTECTION_RULES.map((r) => [r.id, r.level]))).toEqual(RULE_LEVELS);
});

describe("in the estate", () => {
  test("an acknowledged warning is printed as acknowledged, with the reason, instead of the warning", () => {
    const without = load(twoManagers([]));
    expect(printed(without)).toEqual([
      expect.stringMatching(
        /^warning: managers\[1\]\.policy\.webAddresses\.categories: .*KSV-WEB-KSN/,
      ),
    ]);
    const loaded = load(twoManagers([{ rule: "KSV-WEB-KSN", reason: KSN_REASON }]));
    expect(loaded.warnings).toEqual([]);
    expect(printed(loaded)).toEqual([
      `acknowledged: managers[1].policy.webAddresses.categories: KSV-WEB-KSN (reason: ${KSN_REASON})`,
    ]);
  });

  test("one naming a manager covers that manager only; the manager's own wins over one for every manager", () => {
    const estate = estateOf([nsxtManager("dc1-nsxt"), nsxtManager("dc2-nsxt")], {
      acknowledge: [
        { rule: "KSV-WEB-KSN", manager: "dc2-nsxt", reason: "dc2 has Global KSN" },
        { rule: "KSV-WEB-KSN", reason: "every site has Global KSN" },
      ],
    });
    expect(printed(load(estate))).toEqual([
      "acknowledged: managers[0].policy.webAddresses.categories: KSV-WEB-KSN (reason: every site has Global KSN)",
      "acknowledged: managers[1].policy.webAddresses.categories: KSV-WEB-KSN (reason: dc2 has Global KSN)",
    ]);
    const onlyDc2 = estateOf([nsxtManager("dc1-nsxt"), nsxtManager("dc2-nsxt")], {
      acknowledge: [{ rule: "KSV-WEB-KSN", manager: "dc2-nsxt", reason: "dc2 has Global KSN" }],
    });
    expect(printed(load(onlyDc2)).map((line) => line.split(":")[0])).toEqual([
      "warning",
      "acknowledged",
    ]);
  });

  test("an acknowledgement that silences nothing is a warning (stale)", () => {
    const loaded = load(
      twoManagers([
        { rule: "KSV-WEB-KSN", reason: KSN_REASON },
        { rule: "KSV-GROUP-UNUSED", reason: "groups are staged" },
        { rule: "KSV-WEB-KSN", manager: "dc1-nsxv", reason: "no advertising at dc1" },
      ]),
    );
    expect(printed(loaded).slice(1)).toEqual([
      "warning: acknowledge[1]: the acknowledgement of KSV-GROUP-UNUSED silences nothing: the rule finds nothing in any manager; remove it (line 71, column 5)",
      "warning: acknowledge[2]: the acknowledgement of KSV-WEB-KSN silences nothing: the rule finds nothing in manager dc1-nsxv; remove it (line 75, column 5)",
    ]);
  });

  test("an error rule, an unknown rule, an unknown manager, a reason with template syntax, twice one rule: each refused with its place", () => {
    const problems = problemsOf(
      twoManagers([
        { rule: "KSV-NSXT-STANDARD-ONLY", reason: "we know" },
        { rule: "KSV-WEB-KNS", reason: "typo" },
        { rule: "KSV-WEB-KSN", manager: "dc2-nsx", reason: "typo" },
        { rule: "KSV-WEB-KSN", reason: '${file("/etc/passwd")}' },
        { rule: "KSV-GROUP-UNUSED", reason: "" },
        { rule: "KSV-GROUP-UNUSED", reason: "again" },
        { rule: "KSV-NO-REDIRECTION" },
      ]),
    ).map((line) => line.trim().replace(/ \(line \d+, column \d+\)$/, ""));
    expect(problems).toEqual([
      "acknowledge[0].rule: KSV-NSXT-STANDARD-ONLY is an error, not a warning: it stops the synth because the deployment cannot work as written, so it cannot be acknowledged; change the estate so that it passes",
      'acknowledge[1].rule: must be one of KSV-MONITORING-NO-ACTION, KSV-WEB-KSN, KSV-NSXT-IPV4-ONLY, KSV-EXCLUSION-SHADOWED, KSV-NO-REDIRECTION, KSV-GROUP-UNUSED, KSV-EXCLUSION-EVERYTHING, KSV-WEB-TRUST-EVERYTHING; got the text "KSV-WEB-KNS"; did you mean "KSV-WEB-KSN"?',
      'acknowledge[2].manager: no manager "dc2-nsx" in this estate; did you mean "dc2-nsxt"? (managers: dc1-nsxv, dc2-nsxt); leave manager out to acknowledge the warning for every manager',
      `acknowledge[3].reason: "\${file(\\"/etc/passwd\\")}" is not a valid reason: one line of letters, digits, spaces and . , ; : ! ? ' " ( ) / & % # @ + = * -, starting with a letter or digit, at most 300 characters`,
      "acknowledge[4].reason: must not be empty: say why the site accepts the warning",
      'acknowledge[5].rule: "KSV-GROUP-UNUSED" is already acknowledged for every manager at acknowledge[4]; keep one',
      "acknowledge[6].reason: is required: say why the site accepts the warning",
    ]);
  });

  test("errors of the rules stay errors, acknowledged or not", () => {
    const estate = estateOf([nsxtManager("dc2-nsxt", { trafficMode: "monitoring" })], {
      acknowledge: [{ rule: "KSV-WEB-KSN", reason: KSN_REASON }],
    });
    expect(problemsOf(estate)[0]).toMatch(/managers\[0\]\.trafficMode: .*KSV-NSXT-STANDARD-ONLY/);
  });
});

describe("in the stacks", () => {
  test("the manager whose warning is acknowledged carries rule → reason in its acknowledged_warnings output; the other has none", () => {
    const stacks = synthEstate(twoManagers([{ rule: "KSV-WEB-KSN", reason: KSN_REASON }]));
    expect(stacks["dc2-nsxt"].output?.acknowledged_warnings).toEqual({
      value: { "KSV-WEB-KSN": KSN_REASON },
      description: "Warnings of the protection rules the site acknowledged (rule id → reason)",
    });
    expect(Object.keys(stacks["dc1-nsxv"].output ?? {})).toEqual(["svm_hosts"]);
  });

  test("under the cdktf CLI the annotations say the same: acknowledged where it silences, stale where it applies", () => {
    const estate = validEstate(
      twoManagers([
        { rule: "KSV-WEB-KSN", reason: KSN_REASON },
        { rule: "KSV-GROUP-UNUSED", reason: "groups are staged" },
      ]),
    );
    const [dc1, dc2] = addEstateStacks(Testing.app(), estate);
    const stale =
      "the acknowledgement of KSV-GROUP-UNUSED silences nothing: the rule finds nothing in manager";
    // dc1 has no KSN warning: the estate-wide acknowledgement is not stale there, and not given.
    expect(annotations(dc1)).toEqual({ info: [], warn: [`${stale} dc1-nsxv; remove it`] });
    expect(annotations(dc2)).toEqual({
      info: [`acknowledged: policy.webAddresses.categories: KSV-WEB-KSN (reason: ${KSN_REASON})`],
      warn: [`${stale} dc2-nsxt; remove it`],
    });
  });

  test("a stack without acknowledgements has no such output: its plan changes no output", () => {
    const stacks = synthEstate(twoManagers([]));
    expect(Object.keys(stacks["dc2-nsxt"].output ?? {})).toEqual(["svm_hosts"]);
  });
});

describe("in the library: NetworkThreatProtection's acknowledge", () => {
  const props = {
    address: "nsx.example.local",
    svmImageUrl: "https://repo.example.local/ksv/ntp-svm.ovf",
    ksc: { address: "ksc.example.local" },
    clusters: [{ name: "c1", datastore: "ds1", network: "net1", hosts: ["esx1.example.local"] }],
    resourceType: "terraform_data" as const,
  };

  test("the aspect reports an acknowledged finding as info, with the reason, and no warning", () => {
    const stack = new NsxtProtectionStack(Testing.app(), "dc2-nsxt", {
      ...props,
      acknowledge: [{ rule: "KSV-WEB-KSN", reason: KSN_REASON }],
    });
    expect(annotations(stack)).toEqual({
      info: [`acknowledged: policy.webAddresses.categories: KSV-WEB-KSN (reason: ${KSN_REASON})`],
      warn: [],
    });
    expect(stack.protection.acknowledgements).toEqual([
      { rule: "KSV-WEB-KSN", reason: KSN_REASON },
    ]);
    const json = JSON.parse(Testing.synth(stack)) as { output: Record<string, { value: unknown }> };
    expect(json.output.acknowledged_warnings.value).toEqual({ "KSV-WEB-KSN": KSN_REASON });
  });

  test("one that silences nothing is a warning", () => {
    const stack = new NsxtProtectionStack(Testing.app(), "dc2-nsxt", {
      ...props,
      policy: { webAddresses: { categories: ["malicious"] } },
      acknowledge: [{ rule: "KSV-WEB-KSN", reason: KSN_REASON }],
    });
    expect(annotations(stack).warn).toEqual([
      "the acknowledgement of KSV-WEB-KSN silences nothing: the rule finds nothing in manager dc2-nsxt; remove it",
    ]);
    expect(JSON.parse(Testing.synth(stack)).output.acknowledged_warnings).toBeUndefined();
  });

  test("an error rule or a reason with shell syntax: refused in the constructor, naming the property", () => {
    const construct = (acknowledge: Array<{ rule: "KSV-WEB-KSN"; reason: string }>) => () =>
      new NetworkThreatProtection(new TerraformStack(Testing.app(), "site"), "p", {
        ...props,
        name: "dc1",
        kind: "nsx-t",
        acknowledge,
      });
    expect(
      construct([
        { rule: "KSV-NSXT-STANDARD-ONLY" as "KSV-WEB-KSN", reason: "we know" },
        { rule: "KSV-WEB-KSN", reason: "$(reboot)" },
      ]),
    ).toThrow(
      new RegExp(
        [
          "^site/p: invalid props:",
          "  acknowledge\\[0\\]\\.rule: KSV-NSXT-STANDARD-ONLY is an error, not a warning: .* cannot be acknowledged; .*",
          '  acknowledge\\[1\\]\\.reason: "\\$\\(reboot\\)" is not a valid reason: .*$',
        ].join("\n"),
      ),
    );
    expect(
      construct([
        { rule: "KSV-WEB-KSN", reason: "ok" },
        { rule: "KSV-WEB-KSN", reason: "again" },
      ]),
    ).toThrow(
      /^site\/p: invalid props:\n {2}acknowledge\[1\]\.rule: KSV-WEB-KSN is already acknowledged at \[0\]; keep one$/,
    );
  });
});
