import * as fs from "fs";
import * as path from "path";
import { BAD_INPUT_CASES, CORPUS_DIR } from "./cases";

describe("the bad-input corpus", () => {
  const files = fs.readdirSync(CORPUS_DIR).sort();

  test("every file in corpus/ has its expected path and message in cases.ts, and the reverse", () => {
    const listed = BAD_INPUT_CASES.filter((c) => !c.generate).map((c) => c.name);
    expect([...listed].sort()).toEqual(files);
    expect(new Set(BAD_INPUT_CASES.map((c) => c.name)).size).toBe(BAD_INPUT_CASES.length);
  });

  test("holds small UTF-8 text only: big and binary inputs are generated at test time", () => {
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(CORPUS_DIR, file));
      expect({ file, small: bytes.length < 16 * 1024 }).toEqual({ file, small: true });
      expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).not.toThrow();
      expect(bytes.includes(0)).toBe(false);
    }
  });
});
