#!/usr/bin/env node
"use strict";
/*
 * The app `cdktf synth | diff | deploy` runs (cdktf.json). main.ts and what it imports are
 * transpiled to JavaScript once per state of the sources, into .gen/app/<hash>/, and run from
 * there: a synth with unchanged code starts in a fraction of the time ts-node needs (BENCHMARKS.md,
 * section 2). Transpiling checks no types, as ts-node's transpile-only mode did; `npm test` does.
 */
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const SOURCES = ["main.ts", "app", "lib", "stacks"];
const COMPILER_OPTIONS = { module: "commonjs", target: "es2022", esModuleInterop: true };

function listFiles(relative) {
  const full = path.join(root, relative);
  if (!fs.statSync(full).isDirectory()) return [relative];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap((name) => listFiles(path.join(relative, name)));
}

const files = SOURCES.flatMap(listFiles).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
const hash = crypto.createHash("sha256");
for (const file of [...files, "tsconfig.json", "scripts/cdktf-app.js"]) {
  hash
    .update(file)
    .update("\0")
    .update(fs.readFileSync(path.join(root, file)))
    .update("\0");
}
const appRoot = path.join(root, ".gen", "app");
const build = path.join(appRoot, hash.digest("hex").slice(0, 16));

if (!fs.existsSync(path.join(build, "main.js"))) {
  const ts = require("typescript");
  // Written beside, then renamed: a synth interrupted mid-way never leaves half a build.
  const staging = `${build}.${process.pid}`;
  for (const file of files) {
    const target = path.join(staging, file.replace(/\.ts$/, ".js"));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const source = fs.readFileSync(path.join(root, file), "utf8");
    fs.writeFileSync(
      target,
      ts.transpileModule(source, { compilerOptions: COMPILER_OPTIONS, fileName: file }).outputText,
    );
  }
  fs.rmSync(build, { recursive: true, force: true });
  fs.renameSync(staging, build);
  // Older builds are of no use any more.
  for (const entry of fs.readdirSync(appRoot)) {
    if (path.join(appRoot, entry) !== build)
      fs.rmSync(path.join(appRoot, entry), { recursive: true, force: true });
  }
}

require(path.join(build, "main.js"));
