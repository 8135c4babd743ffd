import { performance } from "perf_hooks";

/*
 * Runs in a fresh process, compiled to JavaScript as cdktf.json's app compiles main.ts (see
 * bench/precompile.ts): does what main.ts does for `cdktf synth` and prints the time of each
 * phase as one line of JSON.
 *
 *   node <build>/bench/synth-child.js <estate file> <outdir>
 *
 * Phases (milliseconds): `startup` from process start to this file's first line; `modules`
 * importing the loader and the synthesizer (lib/, stacks/, cdktf, constructs, zod, yaml; main.ts
 * imports the synthesizer after the load, here both come first so that loading code is a phase
 * of its own); `load` reading, parsing and validating the estate (schema, cross-checks,
 * protection rules); `synth` synthesizeEstate: constructs, validations, aspects, JSON rendering
 * and writing every stack; `total` the sum. `windowsUs` gives each phase on the monotonic clock
 * (µs), the clock of node --cpu-prof.
 */

/** Monotonic clock, µs: the time base of V8 CPU profiles. */
const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

export type Phase = "modules" | "load" | "synth";

export interface SynthChildResult {
  readonly startupMs: number;
  readonly modulesMs: number;
  readonly loadMs: number;
  readonly synthMs: number;
  readonly totalMs: number;
  /** Peak resident set size of this process, MB. */
  readonly peakRssMb: number;
  readonly stacks: ReadonlyArray<{ readonly name: string; readonly file: string }>;
  readonly warnings: number;
  readonly windowsUs: Readonly<Record<Phase, readonly [number, number]>>;
}

async function main(): Promise<void> {
  const [estateFile, outdir] = process.argv.slice(2);
  if (!estateFile || !outdir) throw new Error("usage: synth-child.ts <estate file> <outdir>");
  const startupMs = performance.now();

  const windowsUs: Record<Phase, [number, number]> = {
    modules: [0, 0],
    load: [0, 0],
    synth: [0, 0],
  };

  windowsUs.modules[0] = nowUs();
  const modulesStart = performance.now();
  const { loadEstate } = await import("../app/load-estate");
  const { synthesizeEstate } = await import("../app/synthesize-estate");
  const modulesMs = performance.now() - modulesStart;
  windowsUs.modules[1] = nowUs();

  windowsUs.load[0] = nowUs();
  const loadStart = performance.now();
  const loaded = loadEstate(estateFile);
  const loadMs = performance.now() - loadStart;
  windowsUs.load[1] = nowUs();
  // main.ts prints every warning; so does this, to stderr, which the parent discards.
  for (const warning of loaded.warnings) {
    process.stderr.write(`warning: ${warning.estatePath}: ${warning.message}\n`);
  }

  windowsUs.synth[0] = nowUs();
  const synthStart = performance.now();
  const stacks = synthesizeEstate(loaded.estate, outdir);
  const synthMs = performance.now() - synthStart;
  windowsUs.synth[1] = nowUs();

  const result: SynthChildResult = {
    startupMs,
    modulesMs,
    loadMs,
    synthMs,
    totalMs: performance.now(),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    stacks: stacks.map((s) => ({ name: s.name, file: s.file })),
    warnings: loaded.warnings.length,
    windowsUs,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exitCode = 1;
});
