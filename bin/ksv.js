#!/usr/bin/env node
"use strict";
// ksv adopt | ksv drift (app/ksv-cli.ts), run from the project's compiled build (scripts/run-ts.js).
require("../scripts/run-ts").requireCompiled("app/ksv-cli.ts").main(process.argv.slice(2));
