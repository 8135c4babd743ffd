import { parseEstate } from "../../app/load-estate";
import { EstateError, MAX_SHOWN_PROBLEMS } from "../../lib/estate/estate-error";

/*
 * Inputs whose size once made the loader hang (quadratic duplicate-key checks: 200,000 keys never
 * ended) or overflow its stack. Each must end, with every problem carried.
 */

function rejection(text: string): EstateError {
  try {
    parseEstate(text, "estate.yaml");
  } catch (error) {
    if (error instanceof EstateError) return error;
    throw error;
  }
  throw new Error("expected the estate to be rejected");
}

describe("the estate loader at scale", () => {
  test("40,000 unknown keys: all carried, the first 100 shown", () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `key${i}: ${i}`).join("\n");
    const error = rejection(keys);
    expect(error.problems).toHaveLength(40_003); // and version, ksc, managers missing
    const lines = error.message.split("\n");
    expect(lines[0]).toBe("estate.yaml: 40003 problems:");
    expect(lines).toHaveLength(1 + MAX_SHOWN_PROBLEMS + 1);
    expect(lines[lines.length - 1]).toBe(
      "  ... and 39903 more; fix these first, or check that KSV_ESTATE names an estate file",
    );
    expect(lines).toContain(
      '  key0: unknown key "key0" (allowed here: $schema, version, resourceType, backend, ksc, hooks, managers, drift, acknowledge) (line 1, column 1)',
    );
  });

  test("a key set twice is found among 100,000 others, with both lines", () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `key${i}: ${i}`);
    keys.push("key5: again");
    const error = rejection(keys.join("\n"));
    expect(error.problems[0]).toEqual({
      path: ["key5"],
      message: "is set twice in the same mapping (first on line 6); keep one",
      line: 100_001,
      column: 1,
    });
    expect(error.problems).toHaveLength(1);
  });
});
