import { performance } from "perf_hooks";
import { loadEstate } from "../app/load-estate";
import { synthesizeEstate } from "../app/synthesize-estate";

/*
 * Runs in a new process, compiled as cdktf.json's app compiles main.ts (bench/project.ts,
 * precompile), and does what main.ts does for `cdktf synth`, timing its two phases apart from
 * node's start and the loading of the modules:
 *
 *   node <build>/bench/synth-child.js <estate file> <outdir>
 *
 * prints {"loadMs", "synthMs"}: reading, parsing and validating the estate; synthesizeEstate
 * (constructs, validations, aspects, rendering and writing every stack).
 */

const [estateFile, outdir] = process.argv.slice(2);
if (!estateFile || !outdir) throw new Error("usage: synth-child.js <estate file> <outdir>");
const loadStart = performance.now();
const loaded = loadEstate(estateFile);
const loadMs = performance.now() - loadStart;
// main.ts prints every warning; so does this, to stderr, which the parent discards.
for (const warning of loaded.warnings) {
  process.stderr.write(`warning: ${warning.estatePath}: ${warning.message}\n`);
}
const synthStart = performance.now();
synthesizeEstate(loaded.estate, outdir);
const synthMs = performance.now() - synthStart;
process.stdout.write(`${JSON.stringify({ loadMs, synthMs })}\n`);
