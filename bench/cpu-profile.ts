import * as fs from "fs";
import * as path from "path";

/*
 * Where the time goes: a V8 CPU profile (node --cpu-prof) summarized by function, restricted to
 * one phase (a window of the monotonic clock, garbage collection included), with each hot
 * function attributed to the nearest frame of this project's own code that led to it.
 *
 * The profiled code is compiled JavaScript (bench/precompile.ts); its frames are mapped back to
 * TypeScript files and lines through the source maps written beside it.
 */

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly startTime: number;
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface Hotspot {
  /** Function and place where the time is spent (self time). */
  readonly where: string;
  /** The nearest frame of this project's code on the stack (lib/, stacks/), or "-". */
  readonly calledFrom: string;
  readonly ms: number;
}

export interface PhaseProfile {
  /** Sampled time of the phase, ms. */
  readonly totalMs: number;
  readonly hotspots: readonly Hotspot[];
  /** Inclusive time of this project's own functions in the phase, heaviest first. */
  readonly ownFunctions: ReadonlyArray<{ readonly where: string; readonly ms: number }>;
}

const VLQ = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** For each generated (JavaScript) line, the first original line it maps to (0-based). */
function decodeLineMap(mappings: string): Array<number | undefined> {
  const lines: Array<number | undefined> = [];
  let originalLine = 0;
  mappings.split(";").forEach((segments, generatedLine) => {
    for (const segment of segments.split(",")) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = VLQ.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      if (fields.length >= 4) {
        originalLine += fields[2];
        lines[generatedLine] ??= originalLine;
      }
    }
  });
  return lines;
}

interface SourceMap {
  /** The TypeScript file, absolute. */
  readonly source: string;
  /** For each JavaScript line (0-based), its TypeScript line (0-based). */
  readonly lines: ReadonlyArray<number | undefined>;
}

const sourceMaps = new Map<string, SourceMap | null>();

/** The source map written beside a compiled file, if any. */
function sourceMapOf(jsFile: string): SourceMap | null {
  let map = sourceMaps.get(jsFile);
  if (map === undefined) {
    const mapFile = `${jsFile}.map`;
    map = null;
    if (fs.existsSync(mapFile)) {
      const raw = JSON.parse(fs.readFileSync(mapFile, "utf8")) as {
        sources: string[];
        mappings: string;
      };
      const source = path.resolve(path.dirname(mapFile), raw.sources[0] ?? "");
      map = { source, lines: decodeLineMap(raw.mappings) };
    }
    sourceMaps.set(jsFile, map);
  }
  return map;
}

/** Summarizes the samples of one phase of a profile. */
export function summarizeProfile(
  profileFile: string,
  options: {
    /** The project: files are shown relative to it. */
    readonly root: string;
    /** Where the profiled JavaScript was compiled to, with its source maps. */
    readonly build: string;
    /** The phase: [start, end] on the monotonic clock, µs (process.hrtime). */
    readonly windowUs: readonly [number, number];
    readonly top: number;
  },
): PhaseProfile {
  const profile = JSON.parse(fs.readFileSync(profileFile, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }

  /** File (relative to the project when inside it) and 1-based line of a frame. */
  const place = (frame: CallFrame): { file: string; line: number } => {
    const file = frame.url.startsWith("file://") ? frame.url.slice("file://".length) : frame.url;
    const map = file.startsWith(options.build) ? sourceMapOf(file) : null;
    if (map) {
      const line = map.lines[frame.lineNumber] ?? frame.lineNumber;
      return { file: path.relative(options.root, map.source), line: line + 1 };
    }
    const shown = file.startsWith(`${options.root}/`) ? path.relative(options.root, file) : file;
    return { file: shown.replace(/^.*node_modules\//, ""), line: frame.lineNumber + 1 };
  };
  const isOwn = (frame: CallFrame) => /^(lib|stacks)\//.test(place(frame).file);
  const describe = (frame: CallFrame): string => {
    const name = frame.functionName || "(anonymous)";
    if (!frame.url) return name;
    const { file, line } = place(frame);
    return `${name} ${file}:${line}`;
  };

  const selfTime = new Map<string, { where: string; calledFrom: string; ms: number }>();
  const ownTime = new Map<string, number>();
  let totalMs = 0;
  let time = profile.startTime;
  profile.samples.forEach((sample, index) => {
    // A sample's delta is the time since the previous sample; it is charged to this sample.
    const delta = profile.timeDeltas[index] ?? 0;
    time += delta;
    if (time < options.windowUs[0] || time > options.windowUs[1]) return;
    const ms = delta / 1000;
    const stack: CallFrame[] = [];
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      stack.push(byId.get(id)!.callFrame);
    }
    totalMs += ms;
    const where = describe(stack[0]);
    const own = stack.slice(1).find(isOwn);
    const calledFrom = own ? describe(own) : "-";
    const key = `${where}\u0000${calledFrom}`;
    const entry = selfTime.get(key) ?? { where, calledFrom, ms: 0 };
    entry.ms += ms;
    selfTime.set(key, entry);
    for (const frame of new Set(stack.filter(isOwn).map(describe))) {
      ownTime.set(frame, (ownTime.get(frame) ?? 0) + ms);
    }
  });

  return {
    totalMs,
    hotspots: [...selfTime.values()].sort((a, b) => b.ms - a.ms).slice(0, options.top),
    ownFunctions: [...ownTime]
      .map(([where, ms]) => ({ where, ms }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, options.top),
  };
}
