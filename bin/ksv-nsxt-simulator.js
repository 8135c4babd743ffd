#!/usr/bin/env node
"use strict";
// ksv-nsxt-simulator (simulator/nsxt/cli.ts): the sources in the checkout, dist/ when installed
// (load-entry.js).
require("./load-entry")("simulator/nsxt/cli.ts").main(process.argv.slice(2));
