#!/usr/bin/env node
"use strict";
/*
 * npm run build, and npm's prepack step (`npm pack`, `npm publish`): compiles the package's
 * sources into dist/ as JavaScript with .d.ts declarations (tsconfig.build.json), what an
 * installed package runs and what TypeScript users of it read. The checkout never runs dist/
 * (bin/load-entry.js). Not a prepare step: npm 11 warns at every install of a package that has
 * one ("install scripts not yet covered by allowScripts"), although it never runs it for a
 * tarball or a registry's package. dist/ is emptied first, so a source file that was removed or
 * renamed leaves nothing behind to be packed.
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
fs.rmSync(path.join(root, "dist"), { recursive: true, force: true });
const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
const run = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], {
  cwd: root,
  stdio: "inherit",
});
if (run.error) throw run.error;
process.exit(run.status ?? 1);
