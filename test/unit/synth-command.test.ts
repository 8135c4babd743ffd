import * as fs from "fs";
import * as path from "path";
import { repoRoot, runSynth, snapshotTree, tempDir } from "../support/workspace";

const example = path.join(repoRoot, "stacks", "example-estate.yaml");

describe("main.ts (what `cdktf synth` runs)", () => {
  test("writes cdktf.out/stacks/<manager>/cdk.tf.json for the estate named by KSV_ESTATE", async () => {
    const dir = tempDir("synth");
    fs.copyFileSync(example, path.join(dir, "estate.yaml"));
    const run = await runSynth(dir, { KSV_ESTATE: "estate.yaml", CDKTF_OUTDIR: undefined });
    expect(run.stderr).toContain("warning: managers[1].policy.webAddresses.categories");
    expect(run.code).toBe(0);
    expect(fs.readdirSync(path.join(dir, "cdktf.out", "stacks")).sort()).toEqual([
      "dc1-nsxv",
      "dc2-nsxt",
    ]);
    expect(fs.existsSync(path.join(dir, "cdktf.out", "manifest.json"))).toBe(true);
  });

  test("the same estate synthesized in two folders gives byte-identical files", async () => {
    const outputs: Array<Record<string, string>> = [];
    for (const sub of ["one", "two/deeper"]) {
      const dir = path.join(tempDir("same"), sub);
      fs.mkdirSync(dir, { recursive: true });
      fs.copyFileSync(example, path.join(dir, "estate.yaml"));
      expect(
        (await runSynth(dir, { KSV_ESTATE: "estate.yaml", CDKTF_OUTDIR: undefined })).code,
      ).toBe(0);
      outputs.push(snapshotTree(path.join(dir, "cdktf.out")));
    }
    expect(Object.keys(outputs[0]).sort()).toEqual([
      "manifest.json",
      "stacks/dc1-nsxv/cdk.tf.json",
      "stacks/dc2-nsxt/cdk.tf.json",
    ]);
    expect(outputs[1]).toEqual(outputs[0]);
  });

  test("a bad estate: exit code 1, every problem with its path, no stack trace, earlier output untouched", async () => {
    const dir = tempDir("bad");
    fs.copyFileSync(example, path.join(dir, "estate.yaml"));
    expect((await runSynth(dir, { KSV_ESTATE: "estate.yaml" })).code).toBe(0);
    const before = snapshotTree(path.join(dir, "cdktf.out"));

    const broken = fs
      .readFileSync(example, "utf8")
      .replace("esx-a2.dc1.example.local", "'esx-a2; touch /tmp/pwned'")
      .replace("kind: nsx-t", "kind: nsx-t\n    trafficMode: monitoring");
    fs.writeFileSync(path.join(dir, "estate.yaml"), broken);
    const run = await runSynth(dir, { KSV_ESTATE: "estate.yaml" });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("ksv synth: estate.yaml: 2 problems:");
    expect(run.stderr).toContain(
      'managers[0].clusters[0].hosts[1]: "esx-a2; touch /tmp/pwned" is not a valid host name',
    );
    expect(run.stderr).toContain("managers[1].trafficMode: manager dc2-nsxt is an NSX-T Manager");
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(snapshotTree(path.join(dir, "cdktf.out"))).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual(["cdktf.out", "estate.yaml"]);
  });

  test("cdktf.out that is a file, not a folder: one line saying so, the file untouched", async () => {
    const dir = tempDir("outdir-file");
    fs.copyFileSync(example, path.join(dir, "estate.yaml"));
    fs.writeFileSync(path.join(dir, "cdktf.out"), "someone's notes\n");
    const run = await runSynth(dir, { KSV_ESTATE: "estate.yaml", CDKTF_OUTDIR: undefined });
    expect(run.code).toBe(1);
    const errors = run.stderr.split("\n").filter((line) => line && !line.startsWith("warning:"));
    expect(errors).toEqual([
      "ksv synth: cdktf.out is a file, where the stacks are written into a folder: move it away, or set CDKTF_OUTDIR to another folder",
    ]);
    expect(fs.readFileSync(path.join(dir, "cdktf.out"), "utf8")).toBe("someone's notes\n");
  });

  test("a missing estate says how to name one", async () => {
    const dir = tempDir("missing");
    const run = await runSynth(dir, { KSV_ESTATE: "nowhere.yaml" });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      "ksv synth: nowhere.yaml: 1 problem:\n  (file): file not found; set KSV_ESTATE to the path of your estate file (relative to the current folder)",
    );
    expect(fs.existsSync(path.join(dir, "cdktf.out"))).toBe(false);
  });
});
