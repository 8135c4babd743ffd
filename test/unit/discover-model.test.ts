import {
  discover,
  discoveryChanges,
  inventoryEnvironment,
  parseInventory,
  renderDiscoveryJson,
  renderDiscoveryMarkdown,
  type EstateManager,
  type Inventory,
} from "../../lib/discover";
import type { ClusterSpec } from "../../lib/estate";

/*
 * ksv discover's difference as data: a manager's clusters in the estate and what its inventory
 * hook reports → hosts added and removed, clusters added or named, and the conflicts that stop
 * it. No file and no hook here; test/e2e/discover.test.ts runs the command.
 */

const cluster = (name: string, hosts: string[], extra: Partial<ClusterSpec> = {}): ClusterSpec => ({
  name,
  datastore: `ds-${name}`,
  network: "pg-mgmt",
  hosts,
  ...extra,
});

const dc1: EstateManager = {
  name: "dc1",
  clusters: [
    cluster("prod-a", ["esx-a1", "ESX-A2", "esx-a3"]),
    cluster("prod-b", ["esx-b1"]),
    cluster("prod-c", ["esx-c1", "esx-c2"]),
  ],
};
const dc2: EstateManager = { name: "dc2", clusters: [cluster("east", ["esx-e1", "esx-e2"])] };

const run = (reports: Record<string, Inventory>, estate: EstateManager[] = [dc1, dc2]) =>
  discover(estate, new Map(Object.entries(reports)));

describe("hosts of the estate's clusters", () => {
  test("appeared: added after the kept ones, in the hook's order; gone: removed; case and a root's dot are one host", () => {
    const result = run({
      dc1: {
        clusters: [
          { name: "prod-a", hosts: ["esx-a9", "esx-a2.", "esx-a1", "esx-a8"] },
          { name: "prod-b", hosts: ["esx-b1"] },
          { name: "prod-c", hosts: ["esx-c2", "esx-c1"] },
        ],
      },
    });
    expect(result.problems).toEqual([]);
    expect(result.managers).toEqual([
      {
        manager: "dc1",
        changes: [
          {
            index: 0,
            cluster: "prod-a",
            added: ["esx-a9", "esx-a8"],
            removed: [{ host: "esx-a3", index: 2 }],
            hosts: ["esx-a1", "ESX-A2", "esx-a9", "esx-a8"],
          },
        ],
        added: [],
        named: [],
      },
    ]);
    expect(discoveryChanges(result)).toBe(true);
  });

  test("the same hosts in another order: no change", () => {
    const result = run({
      dc1: {
        clusters: dc1.clusters.map((c) => ({ name: c.name, hosts: [...c.hosts].reverse() })),
      },
    });
    expect(result.managers[0].changes).toEqual([]);
    expect(discoveryChanges(result)).toBe(false);
  });

  test("a cluster not reported, or whose hosts are all gone, is left as it is and named", () => {
    const result = run({
      dc1: {
        clusters: [
          { name: "prod-a", hosts: ["esx-a1", "ESX-A2", "esx-a3"] },
          { name: "prod-c", hosts: ["esx-x1"] },
        ],
      },
    });
    expect(result.managers[0].changes).toEqual([]);
    expect(result.managers[0].named).toEqual([
      { reason: "not-reported", cluster: "prod-b" },
      { reason: "all-hosts-gone", cluster: "prod-c", reported: ["esx-x1"] },
    ]);
    expect(discoveryChanges(result)).toBe(false);
  });
});

describe("clusters the estate lacks", () => {
  const dc1Reported = dc1.clusters.map((c) => ({ name: c.name, hosts: c.hosts }));

  test("added with the datastore, network, IP pool and compute manager the hook gives", () => {
    const result = run({
      dc1: {
        clusters: [
          ...dc1Reported,
          {
            name: "prod-d",
            hosts: ["esx-d1", "esx-d2"],
            datastore: "ds-d",
            network: "pg-d",
            ipPool: "pool-d",
            computeManager: undefined,
          },
          { name: "lab", hosts: ["esx-l1"], datastore: "ds-l", network: undefined },
          { name: "empty", hosts: [], datastore: "ds", network: "pg" },
        ],
      },
    });
    expect(result.managers[0].added).toEqual([
      {
        name: "prod-d",
        datastore: "ds-d",
        network: "pg-d",
        ipPool: "pool-d",
        hosts: ["esx-d1", "esx-d2"],
      },
    ]);
    expect(result.managers[0].named).toEqual([
      {
        reason: "no-placement",
        cluster: "lab",
        computeManager: undefined,
        hosts: ["esx-l1"],
        missing: ["network"],
      },
      { reason: "no-hosts", cluster: "empty", computeManager: undefined },
    ]);
  });

  test("a name two compute managers report, or one the estate has written another way, is not added", () => {
    const result = run({
      dc1: {
        clusters: [
          ...dc1Reported,
          { name: "PROD-B", hosts: ["esx-z1"], datastore: "d", network: "n" },
          { name: "twin", hosts: ["esx-t1"], datastore: "d", network: "n", computeManager: "vc1" },
          { name: "twin", hosts: ["esx-t2"], datastore: "d", network: "n", computeManager: "vc2" },
        ],
      },
    });
    expect(result.problems).toEqual([]);
    expect(result.managers[0].added).toEqual([]);
    expect(result.managers[0].named.map((n) => [n.reason, n.cluster])).toEqual([
      ["name-taken", "PROD-B"],
      ["reported-twice", "twin"],
    ]);
  });

  test("a compute manager tells two reported clusters of one name apart", () => {
    const estate: EstateManager = {
      name: "dc1",
      clusters: [cluster("twin", ["esx-t1"], { computeManager: "vc2" })],
    };
    const twins = {
      clusters: [
        { name: "twin", hosts: ["esx-t9"], computeManager: "vc1" },
        { name: "twin", hosts: ["esx-t1", "esx-t2"], computeManager: "vc2" },
      ],
    };
    const result = run({ dc1: twins }, [estate]);
    expect(result.managers[0].changes.map((c) => c.added)).toEqual([["esx-t2"]]);
    // vc1's cluster of that name cannot join the estate: the name is taken.
    expect(result.managers[0].named.map((n) => n.reason)).toEqual(["name-taken"]);
    // Without its compute manager, the estate's cluster is ambiguous: left as it is.
    const unnamed = { name: "dc1", clusters: [cluster("twin", ["esx-t1"])] };
    expect(run({ dc1: twins }, [unnamed]).managers[0].named[0]).toEqual({
      reason: "ambiguous",
      cluster: "twin",
      computeManagers: ["vc1", "vc2"],
    });
  });
});

describe("conflicts: nothing may be written", () => {
  const same = (m: EstateManager) => m.clusters.map((c) => ({ name: c.name, hosts: [...c.hosts] }));

  test("a host another manager's cluster lists names both managers and clusters", () => {
    const result = run({
      dc1: { clusters: [...same(dc1).slice(1), { name: "prod-a", hosts: ["esx-a1", "esx-e2"] }] },
    });
    expect(result.problems).toEqual([
      "host esx-e2 is reported by the inventory hook of manager dc1 (cluster prod-a) and listed by manager dc2 (cluster east); a host belongs to one manager: correct the estate, or discover both managers in one run if it moved",
    ]);
  });

  test("a host that moved between two managers discovered together is no conflict", () => {
    const result = run({
      dc1: { clusters: [...same(dc1).slice(1), { name: "prod-a", hosts: ["esx-a1", "esx-e2"] }] },
      dc2: { clusters: [{ name: "east", hosts: ["esx-e1"] }] },
    });
    expect(result.problems).toEqual([]);
    expect(
      result.managers.map((m) => m.changes.map((c) => [c.cluster, c.added, c.removed])),
    ).toEqual([
      [
        [
          "prod-a",
          ["esx-e2"],
          [
            { host: "ESX-A2", index: 1 },
            { host: "esx-a3", index: 2 },
          ],
        ],
      ],
      [["east", [], [{ host: "esx-e2", index: 1 }]]],
    ]);
  });

  test("a host the hook reports in two clusters, or twice in one; a cluster reported twice", () => {
    const result = run({
      dc1: {
        clusters: [
          { name: "prod-a", hosts: ["esx-a1", "esx-b1"] },
          { name: "prod-b", hosts: ["ESX-B1", "esx-b2", "esx-b2"] },
          { name: "prod-b", hosts: [] },
        ],
      },
    });
    expect(result.problems).toEqual([
      "the inventory hook of manager dc1 reports host ESX-B1 in clusters prod-a and prod-b; a host is in one cluster",
      "the inventory hook of manager dc1 reports host esx-b2 twice in cluster prod-b",
      "the inventory hook of manager dc1 reports cluster prod-b twice",
    ]);
  });

  test("a host added to one cluster that a cluster left as it is still lists", () => {
    const result = run({ dc1: { clusters: [{ name: "prod-a", hosts: ["esx-a1", "esx-b1"] }] } });
    expect(result.problems).toEqual([
      "manager dc1: host esx-b1 would be listed in clusters prod-a and prod-b: the inventory hook reports it in one, and the other is left as it is; correct the estate by hand",
    ]);
  });

  test("control characters from a hook are shown escaped", () => {
    const result = run({
      dc1: { clusters: [...same(dc1), { name: "x\u001b[2J", hosts: ["esx-e1"] }] },
    });
    expect(result.problems[0]).toContain("(cluster x\\x1B[2J)");
  });
});

describe("the hook's answer", () => {
  test("clusters with hosts; datastore, network, ipPool, computeManager optional; null is not known", () => {
    const answer = parseInventory(
      JSON.stringify({
        clusters: [
          { name: "a", hosts: ["h1"], datastore: "d", network: null, ipPool: "p" },
          { name: "b", hosts: [], computeManager: "vc1" },
        ],
      }),
    );
    expect(answer).toEqual({
      ok: true,
      value: {
        clusters: [
          {
            name: "a",
            hosts: ["h1"],
            datastore: "d",
            network: undefined,
            ipPool: "p",
            computeManager: undefined,
          },
          {
            name: "b",
            hosts: [],
            datastore: undefined,
            network: undefined,
            ipPool: undefined,
            computeManager: "vc1",
          },
        ],
      },
    });
  });

  test("unknown keys, wrong types and empty names are refused, saying where, never echoing the output", () => {
    const cases: Array<[string, string]> = [
      ["password=hunter2", "printed no JSON; it must print"],
      ["[1]", "printed JSON that is not an object"],
      [
        JSON.stringify({ clusters: [{ name: "a", hosts: ["h"], ipPol: "hunter2" }] }),
        'clusters[0]: Unrecognized key: "ipPol"',
      ],
      [
        JSON.stringify({ clusters: [{ name: "", hosts: "hunter2" }] }),
        "clusters[0].name: Too small",
      ],
      [
        JSON.stringify({ clusters: [{ name: "a", hosts: [""] }] }),
        "clusters[0].hosts[0]: Too small",
      ],
      [JSON.stringify({ clusters: {} }), "clusters: Invalid input: expected array"],
      [JSON.stringify({ clusters: [], hunter2: 1 }), 'Unrecognized key: "hunter2"'],
    ];
    for (const [stdout, says] of cases) {
      const answer = parseInventory(stdout);
      expect(answer.ok).toBe(false);
      if (answer.ok) continue;
      expect(answer.problem).toContain(says);
      if (!says.includes("hunter2")) expect(answer.problem).not.toContain("hunter2");
    }
  });

  test("the hook gets the manager's context, as every hook does", () => {
    expect(inventoryEnvironment({ name: "dc1", kind: "nsx-v", address: "nsx.dc1" })).toEqual({
      KSV_HOOK: "inventory",
      KSV_MANAGER: "dc1",
      KSV_MANAGER_KIND: "nsx-v",
      KSV_MANAGER_ADDRESS: "nsx.dc1",
    });
  });
});

describe("the report", () => {
  const result = run({
    dc1: {
      clusters: [
        { name: "prod-a", hosts: ["esx-a1", "ESX-A2", "esx-a4"] },
        { name: "prod-c", hosts: ["esx-c1", "esx-c2"] },
        { name: "new", hosts: ["esx-n1"], datastore: "ds-n", network: "pg-n" },
        { name: "lab", hosts: ["esx-l1"] },
      ],
    },
  });

  test("markdown: a line per change and per named cluster, and what happened to the file", () => {
    const markdown = renderDiscoveryMarkdown({
      estate: "estate.yaml",
      discovery: result,
      check: true,
      written: false,
      exitCode: 2,
    });
    expect(markdown.split("\n")).toEqual([
      "## ksv discover: `estate.yaml`",
      "",
      "- **dc1**",
      "  - `prod-a`: 1 host added (`esx-a4`), 1 host removed (`esx-a3`)",
      "  - `new`: cluster added, 1 host (`esx-n1`), datastore `ds-n`, network `pg-n`",
      "  - `prod-b`: left as it is: the inventory hook does not report it",
      "  - `lab`: not added: the inventory hook gives no datastore and network for it (1 host: `esx-l1`); add it by hand to protect it",
      "",
      "`estate.yaml` would change (1 host added, 1 host removed, 1 cluster added); nothing was written (--check). Run `ksv discover dc1` to write it.",
      "",
    ]);
  });

  test("JSON: the same facts, with each named cluster's message", () => {
    const json = JSON.parse(
      renderDiscoveryJson({
        estate: "e.json",
        discovery: result,
        check: false,
        written: true,
        exitCode: 0,
      }),
    );
    expect(json).toMatchObject({
      version: 1,
      check: false,
      changed: true,
      written: true,
      exitCode: 0,
    });
    expect(json.managers[0].clusters).toEqual([
      {
        name: "prod-a",
        added: ["esx-a4"],
        removed: ["esx-a3"],
        hosts: ["esx-a1", "ESX-A2", "esx-a4"],
      },
    ]);
    expect(json.managers[0].addedClusters).toEqual([
      { name: "new", datastore: "ds-n", network: "pg-n", hosts: ["esx-n1"] },
    ]);
    expect(
      json.managers[0].named.map((n: { reason: string; message: string }) => n.message),
    ).toEqual([
      "left as it is: the inventory hook does not report it",
      "not added: the inventory hook gives no datastore and network for it (1 host: esx-l1); add it by hand to protect it",
    ]);
  });
});
