import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";

/*
 * The floor of a synth: the time to serialize and write the very documents the synth wrote,
 * with nothing else. Runs in a fresh process, so the first (cold) serialization is measured,
 * as in a synth.
 *
 *   node <build>/bench/floor-child.js <outdir> <cdk.tf.json>...
 *
 * Reading and parsing the files is not timed. Timed: JSON.stringify(document, null, 2) and
 * fs.writeFileSync of each document into <outdir>, the same format cdktf writes.
 */

export interface FloorChildResult {
  readonly floorMs: number;
  readonly bytes: number;
}

function main(): void {
  const [outdir, ...files] = process.argv.slice(2);
  if (!outdir || files.length === 0) {
    throw new Error("usage: floor-child.ts <outdir> <cdk.tf.json>...");
  }
  const documents = files.map((file) => JSON.parse(fs.readFileSync(file, "utf8")) as unknown);
  fs.mkdirSync(outdir, { recursive: true });

  const targets = documents.map((_, index) => path.join(outdir, `${index}.tf.json`));
  const start = performance.now();
  documents.forEach((document, index) => {
    fs.writeFileSync(targets[index], JSON.stringify(document, null, 2));
  });
  const floorMs = performance.now() - start;
  const bytes = targets.reduce((sum, file) => sum + fs.statSync(file).size, 0);

  const result: FloorChildResult = { floorMs, bytes };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
