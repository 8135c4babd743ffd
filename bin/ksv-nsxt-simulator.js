#!/usr/bin/env node
"use strict";
// ksv-nsxt-simulator (simulator/nsxt/cli.ts), run from the project's compiled build (scripts/run-ts.js).
require("../scripts/run-ts").requireCompiled("simulator/nsxt/cli.ts").main(process.argv.slice(2));
