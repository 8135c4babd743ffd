import * as fs from "fs";
import * as path from "path";
import { parseEstate } from "../../app/load-estate";
import { EstateError } from "../../lib/estate/estate-error";
import { formatPath } from "../../lib/estate/messages";
import {
  estateOf,
  nsxvManager,
  resources,
  validEstate,
  type EstateInput,
} from "../support/estates";
import { Scenario } from "../support/scenario";

/*
 * Estate values that look like shell or Terraform templates. Where a field has a grammar, they
 * are refused before anything is written. Where a freer string is allowed (vSphere names with
 * spaces and ( ) # @ +, an image URL with & and ; in its query), it reaches a hook only as an
 * environment variable: a real terraform apply shows it arrives as written and runs nothing.
 */

const marker = "/tmp/ksv-injection-pwned";

/** Shell and template syntax, each of which would run `touch <marker>` if a shell read it. */
const PAYLOADS = [
  `esx-a1; touch ${marker}`,
  `$(touch ${marker})`,
  `\`touch ${marker}\``,
  `esx-a1\ntouch ${marker}`,
  `esx-a1 && touch ${marker}`,
  `esx-a1 | touch ${marker}`,
  `esx-a1 > ${marker}`,
  '${file("/etc/passwd")}',
  "%{ if true }x%{ endif }",
];

type Placement = (estate: EstateInput, payload: string) => void;

/** Every field with a grammar, and where a payload goes in it. */
const FIELDS: Record<string, Placement> = {
  "managers[0].name": (e, p) => (e.managers[0].name = p),
  "managers[0].address": (e, p) => (e.managers[0].address = p),
  "ksc.address": (e, p) => (e.ksc = { address: p }),
  "managers[0].clusters[0].hosts[0]": (e, p) => (e.managers[0].clusters[0].hosts[0] = p),
  "managers[0].clusters[0].name": (e, p) => (e.managers[0].clusters[0].name = p),
  "managers[0].clusters[0].datastore": (e, p) => (e.managers[0].clusters[0].datastore = p),
  "managers[0].clusters[0].network": (e, p) => (e.managers[0].clusters[0].network = p),
  "managers[0].svmImageUrl": (e, p) =>
    (e.managers[0].svmImageUrl = `https://repo.example.local/ksv/${p}.ovf`),
  "managers[0].clusters[0].ipPool": (e, p) => (e.managers[0].clusters[0].ipPool = p),
  "managers[0].policy.exclusions[0].source": (e, p) =>
    (e.managers[0].policy = { exclusions: [{ source: p, rule: "do-not-scan" }] }),
  "managers[0].policy.webAddresses.trustedAddresses[0]": (e, p) =>
    (e.managers[0].policy = { webAddresses: { trustedAddresses: [p] } }),
  "managers[0].policy.networkActivity.ignoredRules[0]": (e, p) =>
    (e.managers[0].policy = { networkActivity: { ignoredRules: [p] } }),
  "backend.schemaName": (e, p) => (e.backend = { type: "pg", schemaName: p }),
};

function problemsAt(estate: EstateInput): string[] {
  try {
    parseEstate(JSON.stringify(estate), "estate.json");
  } catch (error) {
    if (error instanceof EstateError) return error.problems.map((p) => formatPath(p.path));
    throw error;
  }
  return [];
}

describe("shell and template syntax in fields with a grammar is refused", () => {
  const cases = Object.keys(FIELDS).flatMap((field) =>
    PAYLOADS.map((payload) => [field, payload] as const),
  );

  test.each(cases)("%s = %j", (field, payload) => {
    const estate = estateOf([nsxvManager("dc1-nsxv")]);
    FIELDS[field](estate, payload);
    expect(problemsAt(estate)).toContain(field);
  });

  test("the same fields accept ordinary values: the refusals are about the payloads", () => {
    const estate = estateOf([nsxvManager("dc1-nsxv")]);
    const ordinary = (field: string) =>
      field.endsWith("source")
        ? "10.0.0.0/8"
        : field.includes("ignoredRules")
          ? "1:2:3"
          : "ordinary1";
    for (const [field, place] of Object.entries(FIELDS)) place(estate, ordinary(field));
    expect(problemsAt(estate)).toEqual([]);
  });
});

describe("free-form values reach hooks as environment variables only (terraform apply)", () => {
  // Allowed by the grammars, and each one shell syntax if it were pasted into a command:
  // ( ) is a subshell, # a comment, & a background job, ; the next command.
  const cluster = {
    name: "prod (a) #1 @dc+x",
    datastore: "ds (1) #x",
    network: "pg @mgmt + 1",
    ipPool: "pool (1) #x",
  };
  const url = "https://repo.example.local/ksv/ntp-svm.ovf?a=1&b=2;touch;(id)#frag";
  const hosts = ["esx-a1.dc1.example.local", "10.0.0.12"];
  const templateText = "${HOME} %{ if true }x%{ endif } $${x}";

  const hooks = {
    register: `printf 'register url=%s\\n' "$KSV_SVM_IMAGE_URL" >> "$HOOK_LOG"`,
    unregister: `printf 'unregister url=%s\\n' "$KSV_SVM_IMAGE_URL" >> "$HOOK_LOG"`,
    deploySvms: `printf 'deploy %s|%s|%s|%s|%s\\n' "$KSV_HOSTS" "$KSV_CLUSTER" "$KSV_DATASTORE" "$KSV_NETWORK" "$KSV_IP_POOL" >> "$HOOK_LOG"`,
    removeSvms: `printf 'remove %s|%s\\n' "$KSV_CLUSTER" "$KSV_IP_POOL" >> "$HOOK_LOG"`,
    // Template syntax in a command reaches the shell as written: single-quoted, it is printed;
    // unquoted, the shell (not Terraform) expands it.
    applyPolicy: `printf 'literal %s\\n' '${templateText}' >> "$HOOK_LOG"; printf 'shell %s\\n' "\${KSV_FROM_ENV:-unset}" >> "$HOOK_LOG"`,
  };

  const estate = estateOf(
    [
      nsxvManager("dc1-nsxv", {
        svmImageUrl: url,
        clusters: [{ ...cluster, hosts }],
      }),
    ],
    { hooks },
  );
  const scenario = new Scenario("injection", { env: { KSV_FROM_ENV: "expanded-by-sh" } });
  let applyLog: string[];
  let destroyLog: string[];

  beforeAll(() => {
    scenario.synth(estate);
    scenario.apply("dc1-nsxv");
    applyLog = scenario.takeHookLog();
    scenario.apply("dc1-nsxv", { destroy: true });
    destroyLog = scenario.takeHookLog();
  });

  test("the synthesized commands are the hook texts, with no estate value pasted in", () => {
    const stack = JSON.parse(
      fs.readFileSync(path.join(scenario.stackDir("dc1-nsxv"), "cdk.tf.json"), "utf8"),
    );
    const commands = Object.values(resources(stack)).flatMap((r) =>
      (r.provisioner ?? []).map((p) => p["local-exec"].command),
    );
    expect(commands.length).toBeGreaterThanOrEqual(5);
    for (const command of commands) {
      for (const value of [url, ...Object.values(cluster), ...hosts]) {
        expect(command).not.toContain(value);
      }
    }
    // Terraform template syntax in a hook is escaped for Terraform, to reach the shell as written.
    expect(commands).toContain(
      `printf 'literal %s\\n' '$\${HOME} %%{ if true }x%%{ endif } $$\${x}' >> "$HOOK_LOG"; printf 'shell %s\\n' "$\${KSV_FROM_ENV:-unset}" >> "$HOOK_LOG"`,
    );
    expect(validEstate(estate).managers[0].clusters[0].name).toBe(cluster.name);
  });

  // Pasted into the command, the URL would be cut at "&", ";touch;(id)" would run touch and id,
  // and "#" would comment out the redirection to the log; the names' "(" would be a syntax error.
  // Each line below is the value exactly as written.
  test("each value arrives as written, and nothing in it runs", () => {
    expect(applyLog.sort()).toEqual(
      [
        `register url=${url}`,
        `deploy ${[...hosts].sort().join(",")}|${cluster.name}|${cluster.datastore}|${cluster.network}|${cluster.ipPool}`,
        `literal ${templateText}`,
        "shell expanded-by-sh",
      ].sort(),
    );
  });

  test("destroy-time hooks read the same values from the state", () => {
    expect(destroyLog.sort()).toEqual(
      [`unregister url=${url}`, `remove ${cluster.name}|${cluster.ipPool}`].sort(),
    );
  });
});
