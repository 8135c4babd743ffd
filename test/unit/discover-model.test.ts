import { discover, discoveryChanges, type EstateManager, type Inventory } from "../../lib/discover";
import { cluster, dc1 } from "../support/discover-estate";

/*
 * ksv discover's difference as data: a manager's clusters in the estate and what its inventory
 * hook reports → hosts added and removed, clusters added or named, and the conflicts that stop
 * it. No file and no hook here; test/e2e/discover.test.ts runs the command.
 */

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
