import * as fs from "fs";
import * as path from "path";
import { parseEstate } from "../../app/load-estate";
import { INVENTORY_HOOK, InventoryProject, type Inventory } from "../support/inventory";
import { tempDir, type CommandResult } from "../support/workspace";
import { baseEnv, BIN as NSXT_HOOK, startSimulator } from "../hooks/hook-process";
import type { SimulatorClient } from "../simulator/simulator-client";

/*
 * ksv discover, run as a user runs it (bin/ksv.js), with the example inventory hook reading "what
 * vCenter has" from the inventory file's `fabric` (or, without one, its deployments). It reads
 * only: no terraform. What it writes is checked byte for byte against the file before it.
 */

const HOOK = `node ${JSON.stringify(INVENTORY_HOOK)}`;

/** A hand-written estate: comments, odd quoting, flow and block lists. */
const ESTATE_YAML = `# yaml-language-server: $schema=../schema/estate.schema.json
version: 1 # the only version
resourceType: terraform_data
ksc: { address: ksc.example.local }
hooks:
  inventory: '${HOOK}'
managers:
  # the NSX-V site
  - name: dc1-nsxv
    kind: nsx-v
    address: nsx.dc1.example.local
    svmImageUrl: https://repo.example.local/ksv/ntp-svm.ovf
    clusters:
      - name: prod-a # the big one
        datastore: ds-prod-a
        network: pg-svm-mgmt
        hosts:
          - esx-a1.dc1.local # rack 1
          - 'esx-a2.dc1.local' # rack 2
          # rack 3 follows
          - "esx-a3.dc1.local"
      - name: prod-b
        datastore: ds-prod-b
        network: pg-svm-mgmt
        hosts: [esx-b1.dc1.local, esx-b2.dc1.local] # flow
  - name: dc2-nsxt # NSX-T
    kind: nsx-t
    address: nsx.dc2.example.local
    svmImageUrl: https://repo.example.local/ksv/ntp-svm.ovf
    clusters:
      - { name: east, datastore: ds-east, network: pg-east, hosts: [esx-e1.dc2.local] }
`;

type Fabric = NonNullable<Inventory["managers"][string]["fabric"]>["clusters"];

/** A project with the estate and "what vCenter has" for each manager. */
function project(
  prefix: string,
  fabrics: Record<string, Fabric>,
  estate = ESTATE_YAML,
  file = "estate.yaml",
) {
  const dir = tempDir(`discover-${prefix}`);
  const inventory = new InventoryProject(dir);
  const managers = Object.fromEntries(
    Object.entries(fabrics).map(([name, clusters]) => [name, { fabric: { clusters } }]),
  );
  fs.writeFileSync(inventory.inventory, JSON.stringify({ managers }));
  const estateFile = path.join(dir, file);
  fs.writeFileSync(estateFile, estate);
  const ksv = (args: string[], env: Record<string, string> = {}) =>
    inventory.ksv(["discover", ...args], { KSV_ESTATE: file, ...env });
  const text = () => fs.readFileSync(estateFile, "utf8");
  return { dir, inventory, estateFile, ksv, text };
}

const DC1_FABRIC: Fabric = [
  // esx-a2 is gone, esx-a4 appeared
  { name: "prod-a", hosts: ["esx-a1.dc1.local", "esx-a3.dc1.local", "esx-a4.dc1.local"] },
  // prod-b is not reported
  {
    name: "prod-c",
    hosts: ["esx-c1.dc1.local", "esx-c2.dc1.local"],
    datastore: "ds-prod-c",
    network: "pg-svm-mgmt",
  },
  { name: "lab", hosts: ["esx-l1.dc1.local"] },
];

/** What discover must write: these lines changed, the cluster appended, every other byte as it was. */
const DISCOVERED_YAML = ESTATE_YAML.replace("          - 'esx-a2.dc1.local' # rack 2\n", "")
  .replace(
    `          - "esx-a3.dc1.local"\n`,
    `          - "esx-a3.dc1.local"\n          - "esx-a4.dc1.local"\n`,
  )
  .replace(
    "# flow\n",
    "# flow\n      - name: prod-c\n        datastore: ds-prod-c\n        network: pg-svm-mgmt\n        hosts: [esx-c1.dc1.local, esx-c2.dc1.local]\n",
  );

function expectNothingWritten(run: CommandResult, before: string, after: string) {
  expect(run.code).toBe(1);
  expect(run.stdout).toBe("");
  expect(run.stderr).not.toContain("unexpected error");
  expect(run.stderr).not.toMatch(/^ {4}at /m);
  expect(after).toBe(before);
}

describe("ksv discover on a commented YAML estate", () => {
  const site = project("yaml", { "dc1-nsxv": DC1_FABRIC });
  fs.chmodSync(site.estateFile, 0o640);

  test("--check writes nothing, exits 2 and says the difference", async () => {
    const run = await site.ksv(["dc1-nsxv", "--check"]);
    expect(run.stderr).not.toContain("error");
    expect(run.code).toBe(2);
    expect(site.text()).toBe(ESTATE_YAML);
    expect(run.stdout).toContain(
      "  - `prod-a`: 1 host added (`esx-a4.dc1.local`), 1 host removed (`esx-a2.dc1.local`)",
    );
    expect(run.stdout).toContain(
      "  - `prod-c`: cluster added, 2 hosts (`esx-c1.dc1.local` and `esx-c2.dc1.local`), datastore `ds-prod-c`, network `pg-svm-mgmt`",
    );
    expect(run.stdout).toContain(
      "  - `prod-b`: left as it is: the inventory hook does not report it",
    );
    expect(run.stdout).toContain(
      "  - `lab`: not added: the inventory hook gives no datastore and network for it (1 host: `esx-l1.dc1.local`)",
    );
    expect(run.stdout).toContain(
      "would change (1 host added, 1 host removed, 1 cluster added); nothing was written (--check)",
    );
  });

  test("writes the hosts in place: every byte outside them as it was, the other manager untouched", async () => {
    const run = await site.ksv(["dc1-nsxv"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "`estate.yaml` written: 1 host added, 1 host removed, 1 cluster added.",
    );
    expect(site.text()).toBe(DISCOVERED_YAML);
    // Atomically replaced, with the file's permissions; no temporary file left.
    expect(fs.statSync(site.estateFile).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(site.dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const estate = parseEstate(site.text(), "estate.yaml").estate;
    expect(estate.managers[0].clusters.map((c) => [c.name, c.hosts])).toEqual([
      ["prod-a", ["esx-a1.dc1.local", "esx-a3.dc1.local", "esx-a4.dc1.local"]],
      ["prod-b", ["esx-b1.dc1.local", "esx-b2.dc1.local"]],
      ["prod-c", ["esx-c1.dc1.local", "esx-c2.dc1.local"]],
    ]);
  });

  test("afterwards --check exits 0 and still names what a person must look at", async () => {
    const run = await site.ksv(["dc1-nsxv", "--check", "--format", "json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      version: 1,
      check: true,
      changed: false,
      written: false,
      exitCode: 0,
    });
    expect(
      report.managers[0].named.map((n: { cluster: string; reason: string }) => [
        n.cluster,
        n.reason,
      ]),
    ).toEqual([
      ["prod-b", "not-reported"],
      ["lab", "no-placement"],
    ]);
    expect(site.text()).toBe(DISCOVERED_YAML);
  });
});

describe("what stops ksv discover: exit 1, nothing written", () => {
  test("a host another manager lists: both managers and clusters named", async () => {
    const site = project("cross", {
      "dc1-nsxv": [
        {
          name: "prod-a",
          hosts: ["esx-a1.dc1.local", "esx-a2.dc1.local", "esx-a3.dc1.local", "ESX-E1.dc2.local"],
        },
      ],
    });
    for (const args of [["dc1-nsxv"], ["dc1-nsxv", "--check"]]) {
      const run = await site.ksv(args);
      expectNothingWritten(run, ESTATE_YAML, site.text());
      expect(run.stderr).toContain(
        "host ESX-E1.dc2.local is reported by the inventory hook of manager dc1-nsxv (cluster prod-a) and listed by manager dc2-nsxt (cluster east)",
      );
    }
  });

  test("a failing hook: one message naming the manager, with its stderr", async () => {
    const site = project("failing", {});
    fs.writeFileSync(site.inventory.inventory, "{ not json");
    const run = await site.ksv(["--all"]);
    expectNothingWritten(run, ESTATE_YAML, site.text());
    expect(run.stderr).toMatch(
      /^ksv discover: nothing was written: inventory hook of manager dc1-nsxv exited with 2; it said:\ninventory-hook: .* is not an inventory/m,
    );
    expect(run.stderr).toContain("inventory hook of manager dc2-nsxt exited with 2");
  });

  test("an answer that does not fit: the manager and what is wrong", async () => {
    const estate = ESTATE_YAML.replace(
      `'${HOOK}'`,
      `'echo "{\\"clusters\\": [{\\"name\\": \\"prod-a\\", \\"hosts\\": \\"esx-a1\\"}]}"'`,
    );
    const site = project("bad-answer", {}, estate);
    const run = await site.ksv(["dc1-nsxv"]);
    expectNothingWritten(run, estate, site.text());
    expect(run.stderr).toContain(
      "inventory hook of manager dc1-nsxv printed an object that does not fit (clusters[0].hosts: Invalid input: expected array, received string)",
    );
  });

  test("a result that would not load as an estate (a host name the schema refuses), with its line", async () => {
    const site = project("invalid", {
      "dc1-nsxv": [{ name: "prod-a", hosts: ["esx-a1.dc1.local", "esx-a9;reboot"] }],
    });
    const run = await site.ksv(["dc1-nsxv"]);
    expectNothingWritten(run, ESTATE_YAML, site.text());
    expect(run.stderr).toContain("nothing was written: the estate would not load after discovery:");
    expect(run.stderr).toMatch(
      /managers\[0\]\.clusters\[0\]\.hosts\[1\]: "esx-a9;reboot" is not a valid host name or IPv4 address \(line \d+/,
    );
  });

  test("a manager the estate does not have, and no inventory hook: said, with what to do", async () => {
    const site = project("unknown", {});
    const unknown = await site.ksv(["dc9"]);
    expectNothingWritten(unknown, ESTATE_YAML, site.text());
    // After the estate's own warnings (its rules), one line.
    expect(unknown.stderr.split("\n").filter((l) => !l.startsWith("warning: "))).toEqual([
      'ksv discover: "dc9" is not a manager of the estate (dc1-nsxv, dc2-nsxt)',
      "",
    ]);
    const none = project("no-hook", {}, ESTATE_YAML.replace(/hooks:\n.*\n/, ""));
    const run = await none.ksv(["dc1-nsxv"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("ksv discover: the estate has no hooks.inventory");
  });
});

describe("the command line", () => {
  test("a hook that hangs ends at --hook-timeout; a bad option is one line", async () => {
    const estate = ESTATE_YAML.replace(`'${HOOK}'`, "'sleep 30'");
    const site = project("timeout", {}, estate);
    const hung = await site.ksv(["dc1-nsxv", "--hook-timeout", "1"]);
    expectNothingWritten(hung, estate, site.text());
    expect(hung.stderr).toContain(
      "ksv discover: nothing was written: inventory hook of manager dc1-nsxv did not finish within 1 s",
    );
    const bad = await site.ksv(["dc1-nsxv", "--hook-timeout", "0"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'ksv discover: --hook-timeout must be a whole number of seconds from 1 to 86400 (a day), not "0"\n',
    );
  });
});

describe("a JSON estate", () => {
  const estate = {
    version: 1,
    resourceType: "terraform_data",
    ksc: { address: "ksc.example.local" },
    hooks: { inventory: HOOK },
    managers: [
      {
        name: "dc2-nsxt",
        kind: "nsx-t",
        address: "nsx.dc2.example.local",
        svmImageUrl: "https://repo.example.local/ksv/ntp-svm.ovf",
        clusters: [
          {
            name: "east",
            datastore: "ds-east",
            network: "pg",
            ipPool: "pool-e",
            hosts: ["esx-e1.dc2.local", "esx-e2.dc2.local"],
          },
        ],
      },
    ],
  };

  test("stays the JSON it was, as JSON.stringify writes it (its byte order mark too), with the change", async () => {
    // With the byte order mark some Windows editors write: it stays.
    const text = `\uFEFF${JSON.stringify(estate, null, 4)}\n`;
    const site = project("json", {}, text, "estate.json");
    // No fabric: the example hook reports the deployed clusters, with their datastore, network and IP pool.
    site.inventory.edit((inventory) => {
      inventory.managers["dc2-nsxt"] = {
        deployments: {
          east: {
            datastore: "ds-east",
            network: "pg",
            ipPool: "pool-e",
            hosts: ["esx-e2.dc2.local", "esx-e3.dc2.local"],
          },
          west: {
            datastore: "ds-west",
            network: "pg",
            ipPool: "pool-w",
            hosts: ["esx-w1.dc2.local"],
          },
        },
      };
    });
    const run = await site.ksv(["dc2-nsxt"]);
    expect(run.stderr).not.toContain("error");
    expect(run.code).toBe(0);
    const expected = structuredClone(estate);
    expected.managers[0].clusters[0].hosts = ["esx-e2.dc2.local", "esx-e3.dc2.local"];
    expected.managers[0].clusters.push({
      name: "west",
      datastore: "ds-west",
      network: "pg",
      ipPool: "pool-w",
      hosts: ["esx-w1.dc2.local"],
    });
    expect(site.text()).toBe(`\uFEFF${JSON.stringify(expected, null, 4)}\n`);
  });
});

describe("the NSX-T reference hook (ksv-nsxt-hook) against the NSX-T simulator", () => {
  let sim: SimulatorClient;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.close());

  // NSX's fabric (test/hooks/hook-process.ts): "blue" under vc1 (esx1, esx2) and vc2 (esx3),
  // "green" under vc1 (esx4); no deployment yet, so no datastore or network is known.
  const estate = `version: 1
resourceType: terraform_data
ksc: { address: ksc.example.local }
hooks: { inventory: 'node ${JSON.stringify(NSXT_HOOK)}' }
managers:
  - name: dc2-nsxt
    kind: nsx-t
    address: nsxt.dc2.example.test
    svmImageUrl: https://ksv.example.test/svm-6.2.ovf
    clusters:
      - name: blue
        computeManager: vc1 # two vCenters have a "blue"
        datastore: ds-blue
        network: pg-svm
        hosts:
          - esx1.example.test
          - esx-retired.example.test
`;

  test("the cluster its compute manager names gets NSX's hosts; the others are named", async () => {
    const site = project("nsxt", {}, estate);
    const run = await site.ksv(["dc2-nsxt"], baseEnv(sim));
    expect(run.stderr).not.toContain("error");
    expect(run.code).toBe(0);
    expect(site.text()).toBe(estate.replace("esx-retired.example.test", "esx2.example.test"));
    expect(run.stdout).toContain(
      "  - `blue`: 1 host added (`esx2.example.test`), 1 host removed (`esx-retired.example.test`)",
    );
    expect(run.stdout).toContain(
      "  - `blue` (compute manager `vc2`): not added: the estate has a cluster `blue` of this name already",
    );
    expect(run.stdout).toContain(
      "  - `green`: not added: the inventory hook gives no datastore and network for it (1 host: `esx4.example.test`)",
    );
  });
});
