import * as fs from "fs";
import * as path from "path";
import { runSynth, snapshotTree, tempDir } from "../support/workspace";
import { CORPUS_DIR, EXAMPLE_ESTATE, type BadInputCase } from "./cases";

/*
 * Malformed estates of ./cases.ts through main.ts in a child process, as `cdktf synth` runs it,
 * in a project that already holds a good synth: exit code 1, the path and the message on stderr,
 * no stack trace, and the earlier output exactly as it was. One child per case.
 */

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The line `  <path>: <message>` as EstateError prints it. */
function problemLine(c: BadInputCase): RegExp {
  const message =
    typeof c.message === "string"
      ? `${escape(c.message)}.*`
      : c.message.source.endsWith("$")
        ? c.message.source.replace(/^\^/, "").replace(/\$$/, "")
        : `${c.message.source.replace(/^\^/, "")}.*`;
  return new RegExp(`^ {2}${escape(c.path)}: ${message}$`, "m");
}

export function checkBadInputs(cases: readonly BadInputCase[]): void {
  let project: string;
  let outdir: string;
  let inputs: string;
  let before: Record<string, string>;

  beforeAll(async () => {
    project = tempDir("bad-input");
    outdir = path.join(project, "cdktf.out");
    inputs = tempDir("bad-input-generated");
    const good = await runSynth(project, { KSV_ESTATE: EXAMPLE_ESTATE, CDKTF_OUTDIR: outdir });
    if (good.code !== 0) throw new Error(`the example estate did not synthesize:\n${good.stderr}`);
    before = snapshotTree(project);
  });

  test("the good synth left output to protect", () => {
    expect(Object.keys(before).sort()).toEqual([
      "cdktf.out/manifest.json",
      "cdktf.out/stacks/dc1-nsxv/cdk.tf.json",
      "cdktf.out/stacks/dc2-nsxt/cdk.tf.json",
    ]);
  });

  test.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const estate = c.generate ? c.generate(inputs) : path.join(CORPUS_DIR, c.name);
    const run = await runSynth(project, { KSV_ESTATE: estate, CDKTF_OUTDIR: outdir });

    expect(run.stderr).toMatch(problemLine(c));
    if (c.alsoSays) expect(run.stderr).toMatch(c.alsoSays);
    const header = new RegExp(`^ksv synth: ${escape(estate)}: (\\d+) problems?:$`, "m");
    expect(run.stderr).toMatch(header);
    // This problem and no other (or as many as the case says): the error output shown on failure.
    const problems = Number(header.exec(run.stderr)?.[1]);
    expect({ problems, stderr: run.stderr }).toEqual({
      problems: c.problems ?? 1,
      stderr: run.stderr,
    });
    expect(run.code).toBe(1);
    // A message, not a crash: no stack frames, no library internals.
    expect(run.stderr).not.toMatch(/^ {4}at /m);
    expect(run.stderr).not.toContain("node_modules");
    expect(run.stderr).not.toContain("unexpected error");
    expect(run.stdout).toBe("");
    for (const secret of c.neverShown ?? []) {
      expect(fs.readFileSync(estate, "utf8")).toContain(secret); // the case really holds it
      expect(run.stderr + run.stdout).not.toContain(secret);
    }
    // Nothing written: the earlier cdktf.out byte for byte, no staging folder left behind.
    expect(snapshotTree(project)).toEqual(before);
    expect(fs.readdirSync(project)).toEqual(["cdktf.out"]);
  });
}
