#!/usr/bin/env node
"use strict";
// ksv <command> (app/ksv-cli.ts): the sources in the checkout, dist/ when installed (load-entry.js).
require("./load-entry")("app/ksv-cli.ts").main(process.argv.slice(2));
