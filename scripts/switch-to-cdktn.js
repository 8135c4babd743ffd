#!/usr/bin/env node
"use strict";
/*
 * npm run switch:cdktn: moves this project from CDK for Terraform 0.21 (archived in December
 * 2025) to its community fork, CDK Terrain (cdktn) 0.24, a drop-in rename:
 *   - the library: "cdktf": "npm:cdktn@0.24.0", so every `import ... from "cdktf"` stays;
 *   - constructs ~10.7.2 (cdktn's peer range is >=10.6.0 <10.8.0);
 *   - an override so that @cdktf/provider-null (there is no @cdktn/provider-null) accepts it;
 *   - the CLI: cdktn-cli 0.24.0 for cdktf-cli (its bin is `cdktn`; it still reads cdktf.json and
 *     the CDKTF_* variables; it needs Node 22.19 or later).
 * then `npm install`. package.json and package-lock.json change; commit them to stay on cdktn.
 */
const { execFileSync } = require("child_process");
const path = require("path");

const root = path.join(__dirname, "..");
const npm = (...args) => execFileSync("npm", args, { cwd: root, stdio: "inherit" });

npm(
  "pkg",
  "set",
  "dependencies.cdktf=npm:cdktn@0.24.0",
  "dependencies.constructs=~10.7.2",
  "overrides.@cdktf/provider-null.cdktf=$cdktf",
  "devDependencies.cdktn-cli=0.24.0",
);
npm("pkg", "delete", "devDependencies.cdktf-cli");
npm("install", "--no-audit", "--no-fund");
process.stdout.write(
  "switched to CDK Terrain (cdktn 0.24): npm run synth runs `cdktn synth` (Node 22.19 or later)\n",
);
