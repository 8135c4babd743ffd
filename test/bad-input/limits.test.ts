import { EstateError, MAX_SHOWN_PROBLEMS, parseEstate } from "../../lib/estate/load";

/* Inputs whose size once made the loader hang or overflow its stack (in-process, timed). */

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
  test("40,000 unknown keys: all carried, the first 100 shown; time grows linearly", () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `key${i}: ${i}`).join("\n");
    const timed = (n: number) => {
      const started = process.hrtime.bigint();
      const error = rejection(keys(n));
      return { error, ms: Number(process.hrtime.bigint() - started) / 1e6 };
    };
    timed(2_000); // warm-up
    const small = timed(10_000);
    const large = timed(40_000);
    // Four times the keys: about four times the time (it was quadratic, sixteen times: YAML's
    // duplicate-key check and locating each key scanned every other key; 200,000 never ended).
    expect(large.ms).toBeLessThan(8 * small.ms + 500);

    const error = large.error;
    expect(error.problems).toHaveLength(40_003); // and version, ksc, managers missing
    const lines = error.message.split("\n");
    expect(lines[0]).toBe("estate.yaml: 40003 problems:");
    expect(lines).toHaveLength(1 + MAX_SHOWN_PROBLEMS + 1);
    expect(lines[lines.length - 1]).toBe(
      "  ... and 39903 more; fix these first, or check that KSV_ESTATE names an estate file",
    );
    expect(lines).toContain(
      '  key0: unknown key "key0" (allowed here: $schema, version, resourceType, backend, ksc, hooks, managers) (line 1, column 1)',
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
