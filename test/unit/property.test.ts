import * as fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { stringify as toYaml } from "yaml";
import { parseEstate } from "../../app/load-estate";
import { EstateError } from "../../lib/estate/estate-error";
import { synthesizeEstate } from "../../app/synthesize-estate";
import { richEstate } from "../support/estates";
import { apply, op } from "../support/mutations";
import { tempDir } from "../support/workspace";

/*
 * 10,000 random mutations of a valid estate: each one is either a valid estate that synthesizes,
 * or an EstateError. Never another exception, never a crash, never a hang. In-process (parseEstate
 * and synthesizeEstate, the code main.ts runs), with a fixed seed, printed.
 */

const SEED = 20251125;
const RUNS = 10_000;

const BASE = richEstate();

/** After serializing: cut the text short, or splice junk into it (YAML-level damage). */
const textDamage = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  fc.record({ cut: fc.nat() }),
  fc.record({
    at: fc.nat(),
    insert: fc.constantFrom("\n- ", ": ", "\t", "[", "{", "]", "&a ", "*a", "---\n", "#", "'", '"'),
  }),
);

/**
 * Template syntax in a synthesized file that is not our own: `${self.…}`, `${each.…}`, the SVM
 * inventory locals (`${local.svm_clusters}`, `${local.svm_hosts}`) and KSV_HOSTS's join.
 */
const OWN_TEMPLATES = [
  /^\$\{(self|each)\.[a-z_.]+\}$/,
  /^\$\{local\.(svm_clusters|svm_hosts|nsx_groups)\}$/,
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
