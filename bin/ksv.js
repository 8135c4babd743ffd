#!/usr/bin/env node
"use strict";
// ksv adopt | ksv drift (app/ksv-cli.ts). TypeScript like the rest of the project; transpile-only
// keeps start-up short (type checking is `npm run typecheck`).
const path = require("path");

const repo = path.join(__dirname, "..");
require("ts-node").register({ transpileOnly: true, project: path.join(repo, "tsconfig.json") });
require(path.join(repo, "app", "ksv-cli.ts")).main(process.argv.slice(2));
