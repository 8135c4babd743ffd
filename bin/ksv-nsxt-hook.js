#!/usr/bin/env node
"use strict";
// ksv-nsxt-hook (hooks/cli.ts), the reference NSX-T hooks: the sources in the checkout, dist/ when
// installed (load-entry.js).
require("./load-entry")("hooks/cli.ts").main(process.argv.slice(2));
