#!/usr/bin/env node
"use strict";
// ksv-nsxt-hook (hooks/cli.ts), the reference NSX-T hooks, run from the project's compiled build (scripts/run-ts.js).
require("../scripts/run-ts").requireCompiled("hooks/cli.ts").main(process.argv.slice(2));
