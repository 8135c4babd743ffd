import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import * as fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { checkEstate } from "../../app/load-estate";
import { EstateError } from "../../lib/estate/estate-error";
import { estateJsonSchema } from "../../lib/estate/json-schema";
import { parseEstateDocument } from "../../lib/estate/load";
import { parseYamlDocument } from "../../lib/estate/yaml-document";
import { BAD_INPUT_CASES as CASES, CORPUS_DIR } from "../bad-input/cases";
import { estateOf, nsxtManager, nsxvManager, richEstate } from "../support/estates";
import { apply, op } from "../support/mutations";
import { tempDir, repoRoot } from "../support/workspace";

/*
 * schema/estate.schema.json is what editors judge an estate by. Checked here against the loader
 * with a validator this project did not write (ajv, draft 2020-12, strict): over the bad-input
 * corpus, the valid estates and a few thousand seeded mutations, ajv never accepts what the
 * loader refuses for a reason of one field or one object, and never refuses what the loader
 * accepts. Refusals the schema cannot express (Problem.beyondSchema: across entries, the
 * protection rules, an IPv6 subnet's host bits) are the loader's alone.
 */

const SEED = 20261125;
const MUTATIONS = 3000;

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(estateJsonSchema());

interface Verdicts {
  readonly loader: "accepts" | "refuses for a field" | "refuses beyond the schema";
  readonly ajv: "accepts" | "refuses";
  readonly problems: readonly string[];
  readonly ajvErrors: readonly string[];
}

/** Both verdicts on one document's text; undefined when it is not YAML or JSON at all. */
function verdicts(text: string): Verdicts | undefined {
  let raw: unknown;
  try {
    // The loader's own reading of the text, so that both judge the very same data.
    raw = parseYamlDocument(text, "estate.yaml").raw;
  } catch {
    return undefined;
  }
  let loader: Verdicts["loader"] = "accepts";
  let problems: string[] = [];
  try {
    checkEstate(parseEstateDocument(text, "estate.yaml"));
  } catch (error) {
    if (!(error instanceof EstateError)) throw error;
    problems = error.problems.map((p) => `${p.beyondSchema ? "(beyond) " : ""}${p.message}`);
    loader = error.problems.some((p) => !p.beyondSchema)
      ? "refuses for a field"
      : "refuses beyond the schema";
  }
  const valid = validate(raw);
  const ajvErrors = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  return { loader, ajv: valid ? "accepts" : "refuses", problems, ajvErrors };
}

/** Where the two disagree in a way the schema promises they never do. */
function disagreement(v: Verdicts): string | undefined {
  if (v.loader === "accepts" && v.ajv === "refuses") return "ajv refuses what the loader accepts";
  if (v.loader === "refuses for a field" && v.ajv === "accepts") {
    return "ajv accepts what the loader refuses for a field";
  }
  return undefined;
}

function check(name: string, text: string, out: string[]): Verdicts | undefined {
  const v = verdicts(text);
  const wrong = v && disagreement(v);
  if (wrong)
    out.push(
      `${name}: ${wrong}\n  loader: ${v.problems.join(" | ")}\n  ajv: ${v.ajvErrors.slice(0, 5).join(" | ")}`,
    );
  return v;
}

test("the schema compiles in ajv's strict mode", () => {
  expect(typeof validate).toBe("function");
});

test("valid estates: both accept", () => {
  const estates = {
    example: fs.readFileSync(path.join(repoRoot, "stacks", "example-estate.yaml"), "utf8"),
    rich: JSON.stringify(richEstate()),
    minimal: JSON.stringify(estateOf([nsxvManager(), nsxtManager()])),
  };
  const out: string[] = [];
  for (const [name, text] of Object.entries(estates)) {
    expect(check(name, text, out)?.loader).toBe("accepts");
  }
  expect(out).toEqual([]);
});

test("the bad-input corpus: ajv accepts none that the loader refuses for a field", () => {
  const generated = tempDir("schema-corpus");
  const out: string[] = [];
  let judged = 0;
  for (const c of CASES) {
    const file = c.generate ? c.generate(generated) : path.join(CORPUS_DIR, c.name);
    // Missing files and folders, and the 50 MB case: nothing a schema judges.
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) continue;
    const bytes = fs.readFileSync(file);
    if (bytes.length > 4 * 1024 * 1024) continue;
    const v = check(c.name, bytes.toString("utf8"), out);
    if (v) judged++;
  }
  expect(out).toEqual([]);
  expect(judged).toBeGreaterThan(CASES.length / 2);
});

test(`${MUTATIONS} seeded mutations (seed ${SEED}): the schema and the loader agree`, () => {
  const out: string[] = [];
  const tally = { accepted: 0, field: 0, beyond: 0 };
  fc.assert(
    fc.property(fc.array(op, { minLength: 1, maxLength: 3 }), (mutations) => {
      const doc = structuredClone(richEstate()) as unknown;
      for (const mutation of mutations) apply(doc, mutation);
      const v = check(
        `mutation ${JSON.stringify(mutations).slice(0, 200)}`,
        JSON.stringify(doc),
        out,
      );
      if (v?.loader === "accepts") tally.accepted++;
      else if (v?.loader === "refuses for a field") tally.field++;
      else if (v) tally.beyond++;
    }),
    { seed: SEED, numRuns: MUTATIONS },
  );
  expect(out.slice(0, 10)).toEqual([]);
  // Both sides are reached, or the agreement says little.
  expect(tally.accepted).toBeGreaterThan(MUTATIONS / 20);
  expect(tally.field).toBeGreaterThan(MUTATIONS / 4);
});
