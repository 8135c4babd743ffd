import {
  discover,
  inventoryEnvironment,
  parseInventory,
  renderDiscoveryJson,
  renderDiscoveryMarkdown,
} from "../../lib/discover";
import { dc1 } from "../support/discover-estate";

/* What the inventory hook gets and prints, and what ksv discover says (markdown and JSON). */

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
  const result = discover(
    [dc1],
    new Map([
      [
        "dc1",
        {
          clusters: [
            { name: "prod-a", hosts: ["esx-a1", "ESX-A2", "esx-a4"] },
            { name: "prod-c", hosts: ["esx-c1", "esx-c2"] },
            { name: "new", hosts: ["esx-n1"], datastore: "ds-n", network: "pg-n" },
            { name: "lab", hosts: ["esx-l1"] },
          ],
        },
      ],
    ]),
  );

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
