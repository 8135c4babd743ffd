"use strict";
/*
 * What JavaScript a bin runs. One rule for the four bins:
 *   - in the development checkout, where the TypeScript sources are: the sources as they are now,
 *     through scripts/run-ts.js. An edit takes effect at the next command without a build, and a
 *     dist/ older than the sources is never run;
 *   - in an installed package, which ships no TypeScript sources: the compiled dist/ (built by
 *     npm's prepare step, which `npm pack` runs: scripts/build.js).
 */
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");

/** The module of an entry point, named by its source (a path from the package's root, "app/ksv-cli.ts"). */
module.exports = function loadEntry(source) {
  if (fs.existsSync(path.join(ROOT, source))) {
    return require("../scripts/run-ts").requireCompiled(source);
  }
  return require(path.join(ROOT, "dist", source.replace(/\.ts$/, ".js")));
};
