import * as fc from "fast-check";
import { isMap, isScalar, isSeq, Lexer, parse, parseDocument } from "yaml";
import { editEstateText, type EstateTextEdits } from "../../lib/discover";
import type { HostsEdit } from "../../lib/discover";
import { UserError } from "../../lib/user-error";

/*
 * ksv discover's editor changes the text of `hosts` lists and appends clusters, and nothing else:
 * everything outside the hosts lists stays byte for byte, comments included, in YAML (block and
 * flow, odd quoting, anchors, CRLF) and JSON (2 and 4 spaces). Random edits are checked against
 * three independent readings of the result: YAML's own parse of the hosts, the text outside the
 * hosts lists, and the comments.
 */

const COMMENTED_YAML = `# yaml-language-server: $schema=../schema/estate.schema.json
version: 1 # required
ksc: { address: ksc.example.local }

managers:
  # the first site
  - name: dc1-nsxv
    kind: nsx-v
    clusters:
      - name: "prod-a"   # odd spacing
        datastore: 'ds a'
        network: pg-mgmt
        hosts:
          - esx-a1.dc1.local # rack 1
          # rack 2 below
          - 'esx-a2.dc1.local'
          - "esx-a3.dc1.local"   # quoted
          - &spare esx-a4.dc1.local
          - ESX-A5.dc1.local.
      - name: prod-b
        datastore: ds-b
        network: pg-mgmt
        hosts: [esx-b1.dc1.local, 'esx-b2.dc1.local', "esx-b3.dc1.local"] # flow
    policy: { blockMinutes: 60 } # after
  - name: dc2-nsxt # second
    kind: nsx-t
    clusters:
      - { name: c1, datastore: d, network: n, hosts: [esx-c1.dc2.local, esx-c2.dc2.local] }
      - name: c2
        datastore: d
        network: n
        hosts:
        - esx-d1.dc2.local
        - esx-d2.dc2.local
`;

const FLOW_YAML = `managers:
  - name: dc1
    clusters: [
      { name: a, datastore: d, network: n, hosts: [
          h1, # one
          'h2',
          "h3" # three
        ] },
      { name: b, datastore: d, network: n, hosts: [ b1 , b2 ] },
    ]
`;

const jsonEstate = (indent: number) =>
  `${JSON.stringify(
    {
      version: 1,
      managers: [
        {
          name: "dc1",
          clusters: [
            { name: "a", datastore: "d", network: "n", hosts: ["h1", "h2", "h3"] },
            { name: "b", datastore: "d", network: "n", hosts: ["b1"] },
          ],
        },
        { name: "dc2", clusters: [{ name: "c", datastore: "d", network: "n", hosts: ["c1"] }] },
      ],
    },
    null,
    indent,
  )}\n`;

const CRLF_YAML = COMMENTED_YAML.replace(/\n/g, "\r\n");
/** The last host is the file's last byte: no line ending after it. */
const NO_FINAL_NEWLINE = `managers:
  - name: dc1
    clusters:
      - name: a
        datastore: d
        network: n
        hosts:
          - h1
          - h2`;

const FIXTURES: Readonly<Record<string, string>> = {
  "commented YAML": COMMENTED_YAML,
  "YAML flow lists over several lines, with comments": FLOW_YAML,
  "JSON, 2 spaces": jsonEstate(2),
  "JSON, 4 spaces": jsonEstate(4),
  "YAML with CRLF line endings": CRLF_YAML,
  "YAML without a final line ending": NO_FINAL_NEWLINE,
};

interface Plain {
  managers: Array<{ clusters: Array<{ name: string; hosts: string[] }> }>;
}

const read = (text: string) => parse(text) as Plain;

/** The text with every hosts list (from the end of its key to the end of the list) as `<hosts>`. */
function outsideHosts(text: string): string {
  const doc = parseDocument(text);
  const ranges: Array<[number, number]> = [];
  const managers = doc.get("managers", true);
  if (!isSeq(managers)) throw new Error("no managers");
  for (const manager of managers.items) {
    const clusters = isMap(manager) ? manager.get("clusters", true) : undefined;
    if (!isSeq(clusters)) continue;
    for (const cluster of clusters.items) {
      if (!isMap(cluster)) continue;
      const pair = cluster.items.find((p) => isScalar(p.key) && p.key.value === "hosts");
      const key = pair?.key;
      const value = pair?.value;
      if (!isScalar(key) || !isSeq(value)) throw new Error("no hosts");
      let end = value.range![1];
      // Comment lines after a block list are the list's: one that preceded a removed last host
      // follows the list afterwards.
      while (!value.flow && end < text.length) {
        const next = text.indexOf("\n", end);
        const line = text.slice(end, next < 0 ? text.length : next);
        if (!/^\s*#/.test(line)) break;
        end = next < 0 ? text.length : next + 1;
      }
      ranges.push([key.range![1], end]);
    }
  }
  let out = "";
  let at = 0;
  for (const [start, end] of ranges.sort((a, b) => a[0] - b[0])) {
    out += `${text.slice(at, start)}<hosts>`;
    at = end;
  }
  return out + text.slice(at);
}

/** The comments of a text, in order (YAML's own lexer: a `#` inside a quoted value is none). */
function comments(text: string): string[] {
  return [...new Lexer().lex(text)].filter((token) => token.startsWith("#"));
}

/** The comment on the line of a host entry alone on its line, if any: it goes with the host. */
function commentOnLine(text: string, host: string): string | undefined {
  const escaped = host.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const alone = new RegExp(`^\\s*(- )?(&\\w+ )?['"]?${escaped}['"]?,?\\s*(#.*?)?\\r?$`);
  for (const line of text.split("\n")) {
    const match = alone.exec(line);
    if (match) return match[3];
  }
  return undefined;
}

/** Every cluster of a fixture, as [manager, cluster, hosts]. */
function clustersOf(text: string): Array<[number, number, string[]]> {
  return read(text).managers.flatMap((m, i) =>
    m.clusters.map((c, j): [number, number, string[]] => [i, j, c.hosts]),
  );
}

const NEW_HOSTS = ["esx-n1.dc1.local", "esx-n2.dc1.local", "null", "1e3", "10.0.9.9", "lab #2"];

/** Random edits of a fixture: for each cluster, some hosts removed (never all) and some added. */
function editsFor(text: string) {
  const clusters = clustersOf(text);
  return fc.tuple(
    ...clusters.map(([manager, cluster, hosts]) =>
      fc
        .record({
          keep: fc.array(fc.boolean(), { minLength: hosts.length, maxLength: hosts.length }),
          add: fc.subarray(NEW_HOSTS),
        })
        .map(({ keep, add }): HostsEdit => {
          const kept = keep.some(Boolean) ? keep : keep.map((_, i) => i === 0);
          return {
            manager,
            cluster,
            remove: kept.flatMap((k, i) => (k ? [] : [i])),
            add: add.map((host) => `${host.replace(/ .*/, "")}-${manager}${cluster}`),
          };
        }),
    ),
  );
}

describe.each(Object.entries(FIXTURES))("%s", (_name, text) => {
  test("random host edits change the hosts lists and nothing else", () => {
    fc.assert(
      fc.property(editsFor(text), (edits) => {
        const after = editEstateText(text, { hosts: edits, clusters: [] });
        // 1. YAML reads the hosts intended: the kept ones in order, then the added ones.
        const expected = clustersOf(text).map(([m, c, hosts]) => {
          const edit = edits.find((e) => e.manager === m && e.cluster === c)!;
          return [...hosts.filter((_, i) => !edit.remove.includes(i)), ...edit.add];
        });
        expect(clustersOf(after).map(([, , hosts]) => hosts)).toEqual(expected);
        // 2. Outside the hosts lists, byte for byte.
        expect(outsideHosts(after)).toBe(outsideHosts(text));
        // 3. Every comment stays, in order, but one on a removed host's line.
        const removedComments = clustersOf(text).flatMap(([m, c, hosts]) => {
          const edit = edits.find((e) => e.manager === m && e.cluster === c)!;
          return edit.remove.flatMap((i) => commentOnLine(text, hosts[i]) ?? []);
        });
        const left = [...comments(text)];
        for (const comment of removedComments) left.splice(left.indexOf(comment), 1);
        expect(comments(after)).toEqual(left);
        // 4. JSON stays JSON (no comma after a last entry, one between any two).
        if (text.startsWith("{")) expect(JSON.parse(after)).toEqual(parse(after));
        // 5. The line endings are the file's.
        if (text.includes("\r\n")) expect(after.replace(/\r\n/g, "")).not.toContain("\n");
      }),
      { numRuns: 60 },
    );
  });

  test("no edit is no change", () => {
    expect(editEstateText(text, { hosts: [], clusters: [] })).toBe(text);
    const none = clustersOf(text).map(([manager, cluster]) => ({
      manager,
      cluster,
      remove: [],
      add: [],
    }));
    expect(editEstateText(text, { hosts: none, clusters: [] })).toBe(text);
  });
});

describe("added hosts are written as their neighbours", () => {
  const edit = (text: string, hosts: HostsEdit) =>
    editEstateText(text, { hosts: [hosts], clusters: [] });

  test("block list: at the last kept host's indentation and quoting, after its line", () => {
    const after = edit(COMMENTED_YAML, { manager: 0, cluster: 0, remove: [3, 4], add: ["esx-a9"] });
    expect(after).toContain(
      `          - "esx-a3.dc1.local"   # quoted\n          - "esx-a9"\n      - name: prod-b`,
    );
    expect(after).not.toContain("&spare");
  });

  test("a value YAML would read as something else is quoted: null, a number, a comment", () => {
    const after = edit(NO_FINAL_NEWLINE, {
      manager: 0,
      cluster: 0,
      remove: [],
      add: ["null", "1e3", "a #b"],
    });
    expect(
      after.endsWith(`          - h2\n          - "null"\n          - "1e3"\n          - "a #b"`),
    ).toBe(true);
    expect(read(after).managers[0].clusters[0].hosts).toEqual(["h1", "h2", "null", "1e3", "a #b"]);
  });

  test("flow list on one line: its separator; on several lines: one per line, its indentation", () => {
    const oneLine = edit(COMMENTED_YAML, { manager: 0, cluster: 1, remove: [0], add: ["esx-b4"] });
    expect(oneLine).toContain(`hosts: ['esx-b2.dc1.local', "esx-b3.dc1.local", "esx-b4"] # flow`);
    const json = edit(jsonEstate(4), { manager: 0, cluster: 0, remove: [2], add: ["h4"] });
    expect(json).toContain(
      `"hosts": [\n                        "h1",\n                        "h2",\n                        "h4"\n                    ]`,
    );
  });

  test("CRLF files get CRLF lines", () => {
    const after = edit(CRLF_YAML, {
      manager: 1,
      cluster: 1,
      remove: [],
      add: ["esx-d3.dc2.local"],
    });
    expect(after).toContain("        - esx-d2.dc2.local\r\n        - esx-d3.dc2.local\r\n");
  });
});

describe("new clusters are appended in the style of the last one", () => {
  const cluster = {
    name: "prod c",
    datastore: "ds #3",
    network: "pg-mgmt",
    ipPool: "pool-c",
    hosts: ["esx-c1", "esx-c2"],
  };
  const append = (text: string, manager: number, edits: Partial<EstateTextEdits> = {}) =>
    editEstateText(text, { hosts: [], clusters: [{ manager, clusters: [cluster] }], ...edits });

  test("YAML block mapping with a block hosts list at zero indentation", () => {
    const after = append(COMMENTED_YAML, 1);
    expect(after).toBe(
      `${COMMENTED_YAML}      - name: prod c\n        datastore: "ds #3"\n        network: pg-mgmt\n        ipPool: pool-c\n        hosts:\n        - esx-c1\n        - esx-c2\n`,
    );
  });

  test("YAML block mapping with a flow hosts list, followed by the rest of the manager", () => {
    const after = append(COMMENTED_YAML, 0);
    expect(after).toContain(
      `"esx-b3.dc1.local"] # flow\n      - name: prod c\n        datastore: "ds #3"\n        network: pg-mgmt\n        ipPool: pool-c\n        hosts: ["esx-c1", "esx-c2"]\n    policy: { blockMinutes: 60 } # after\n`,
    );
  });

  test("JSON: an object per key line, at the file's indentation", () => {
    for (const indent of [2, 4]) {
      const text = jsonEstate(indent);
      const after = append(text, 1);
      const expected = JSON.parse(text);
      expected.managers[1].clusters.push(cluster);
      // The whole file as JSON.stringify writes it: the new object is formatted as the others.
      expect(after).toBe(`${JSON.stringify(expected, null, indent)}\n`);
    }
  });

  test("a flow mapping on one line in a block list, and a new host of the last cluster before it", () => {
    const text = COMMENTED_YAML.replace(/ {6}- name: c2[\s\S]*$/, "");
    const after = append(text, 1, {
      hosts: [{ manager: 1, cluster: 0, remove: [], add: ["esx-c3.dc2.local"] }],
    });
    expect(after).toBe(
      text.replace(
        "esx-c2.dc2.local] }\n",
        `esx-c2.dc2.local, esx-c3.dc2.local] }\n      - { name: prod c, datastore: "ds #3", network: pg-mgmt, ipPool: pool-c, hosts: [esx-c1, esx-c2] }\n`,
      ),
    );
  });

  test("a YAML flow list of clusters over several lines", () => {
    const after = append(FLOW_YAML, 0);
    expect(read(after).managers[0].clusters.map((c) => c.name)).toEqual(["a", "b", "prod c"]);
    expect(after).toContain(
      `{ name: b, datastore: d, network: n, hosts: [ b1 , b2 ] },\n      { name: prod c, datastore: "ds #3", network: pg-mgmt, ipPool: pool-c, hosts: [ esx-c1 , esx-c2 ] },\n    ]`,
    );
  });
});

describe("what cannot be edited says so", () => {
  test("a host whose anchor an alias uses", () => {
    const aliased = COMMENTED_YAML.replace(
      "    policy: { blockMinutes: 60 } # after",
      "    policy: { note: *spare }",
    );
    expect(parseDocument(aliased).errors).toEqual([]);
    expect(() =>
      editEstateText(aliased, {
        hosts: [{ manager: 0, cluster: 0, remove: [3], add: [] }],
        clusters: [],
      }),
    ).toThrow(
      new UserError(
        "managers[0].clusters[0].hosts[3] carries the YAML anchor &spare, which an alias (*spare) uses; removing the host would break the file: write the alias out first",
      ),
    );
    // Unused, the anchor goes with its host.
    const after = editEstateText(COMMENTED_YAML, {
      hosts: [{ manager: 0, cluster: 0, remove: [3], add: [] }],
      clusters: [],
    });
    expect(after).not.toContain("esx-a4");
  });
});
