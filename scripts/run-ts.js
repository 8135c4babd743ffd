#!/usr/bin/env node
"use strict";
/*
 * Runs the project's TypeScript compiled once per state of the sources, not transpiled at every
 * start as ts-node does (about 3 s of every `npm run plan-review`, BENCHMARKS.md). main.ts,
 * app/, lib/, stacks/, scripts/, simulator/ and hooks/ are transpiled into
 * .gen/js/<hash of the sources>/ the first time a command runs after a change (or by
 * `node scripts/run-ts.js --build`), then every command runs from there. Transpiling checks no types, as ts-node's transpile-only mode did; `npm test` does.
 * Inline source maps keep stack traces in TypeScript lines.
 *
 *   node scripts/run-ts.js <file.ts> [args…]   runs a file of the project (path from its root)
 *   node scripts/run-ts.js --build             only compiles
 *   require("./run-ts").requireCompiled("app/ksv-cli.ts")   the bins, in the checkout (bin/load-entry.js)
 */
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const SOURCES = ["main.ts", "app", "lib", "stacks", "scripts", "simulator", "hooks"];
/** What else decides the JavaScript: a change here is a new build too. */
const INPUTS = ["tsconfig.json", "scripts/run-ts.js"];
const COMPILER_OPTIONS = {
  module: "commonjs",
  target: "es2022",
  esModuleInterop: true,
  inlineSourceMap: true,
};
const BUILDS = path.join(ROOT, ".gen", "js");
/** Builds of other source states are removed once this old: a command may still run from one. */
const STALE_AFTER_MS = 60 * 60 * 1000;

function listFiles(relative) {
  const full = path.join(ROOT, relative);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [relative];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap((name) => listFiles(path.join(relative, name)));
}

function sourceFiles() {
  return SOURCES.flatMap(listFiles).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
}

function buildFolder(files) {
  const hash = crypto.createHash("sha256");
  for (const file of [...files, ...INPUTS]) {
    hash
      .update(file)
      .update("\0")
      .update(fs.readFileSync(path.join(ROOT, file)))
      .update("\0");
  }
  return path.join(BUILDS, hash.digest("hex").slice(0, 16));
}

function transpile(files, build) {
  const ts = require("typescript");
  // Written beside, then renamed: an interrupted build is never used, and of two commands
  // building at once the first rename wins and the other uses it.
  const staging = `${build}.${process.pid}.tmp`;
  fs.rmSync(staging, { recursive: true, force: true });
  for (const file of files) {
    const target = path.join(staging, file.replace(/\.ts$/, ".js"));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    const output = ts.transpileModule(source, {
      // Source maps name the TypeScript file where it is, not beside the build.
      compilerOptions: { ...COMPILER_OPTIONS, sourceRoot: path.dirname(path.join(ROOT, file)) },
      fileName: path.basename(file),
    });
    fs.writeFileSync(target, output.outputText);
  }
  try {
    fs.renameSync(staging, build);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(build)) throw error;
  }
  removeStaleBuilds(build);
}

function removeStaleBuilds(current) {
  const now = Date.now();
  for (const entry of fs.readdirSync(BUILDS)) {
    const folder = path.join(BUILDS, entry);
    if (folder === current) continue;
    try {
      if (now - fs.statSync(folder).mtimeMs > STALE_AFTER_MS) {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    } catch {
      // Another command removed it first.
    }
  }
}

/** The build of the sources as they are now, compiled first when there is none. */
function currentBuild() {
  const files = sourceFiles();
  const build = buildFolder(files);
  if (!fs.existsSync(build)) transpile(files, build);
  return build;
}

/** A file run-ts cannot run: said in one line, without a stack trace. */
class RunTsError extends Error {}

function compiledPath(build, file) {
  const relative = path.relative(ROOT, path.resolve(ROOT, file));
  if (relative.startsWith("..") || !/\.ts$/.test(relative)) {
    throw new RunTsError(`run-ts runs the project's .ts files; got ${file}`);
  }
  const compiled = path.join(build, relative.replace(/\.ts$/, ".js"));
  if (!fs.existsSync(compiled)) {
    throw new RunTsError(
      `run-ts: no ${relative} among the project's sources (${SOURCES.join(", ")})`,
    );
  }
  return compiled;
}

/** Loads a project module (a path from the project's root, e.g. "app/ksv-cli.ts"), compiled. */
function requireCompiled(file) {
  const build = currentBuild();
  process.setSourceMapsEnabled(true);
  return require(compiledPath(build, file));
}

module.exports = { requireCompiled };

if (require.main === module) {
  const [file, ...args] = process.argv.slice(2);
  if (file === "--build") {
    currentBuild();
  } else if (!file) {
    process.stderr.write("Usage: node scripts/run-ts.js <file.ts> [args…] | --build\n");
    process.exitCode = 1;
  } else {
    let compiled;
    try {
      compiled = compiledPath(currentBuild(), file);
    } catch (error) {
      if (!(error instanceof RunTsError)) throw error;
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    // The file sees the arguments after its own name, as if run directly.
    process.argv = [process.argv[0], path.resolve(ROOT, file), ...args];
    process.setSourceMapsEnabled(true);
    require(compiled);
  }
}
