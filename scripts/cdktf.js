#!/usr/bin/env node
"use strict";
/*
 * `npm run synth | diff | deploy`: the CDK for Terraform CLI of this project, quiet on machines
 * without internet. It turns off the CLI's version check (CHECKPOINT_DISABLE: offline it prints
 * "[ERROR] ... getaddrinfo ENOTFOUND checkpoint-api.hashicorp.com") and gives terraform an empty
 * CLI configuration when TF_CLI_CONFIG_FILE names a file that does not exist (Terraform prints an
 * error about it at every start). It runs whichever CLI is installed: cdktf-cli, or cdktn-cli
 * after `npm run switch:cdktn` (README: CDK Terrain).
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const bins = ["cdktf", "cdktn"].map((name) => path.join(root, "node_modules", ".bin", name));
const cli = bins.find((bin) => fs.existsSync(bin));
if (!cli) {
  process.stderr.write("no cdktf or cdktn CLI in node_modules/.bin: run npm ci first\n");
  process.exit(1);
}

const env = { ...process.env, CHECKPOINT_DISABLE: process.env.CHECKPOINT_DISABLE || "1" };
if (env.TF_CLI_CONFIG_FILE && !fs.existsSync(env.TF_CLI_CONFIG_FILE)) {
  env.TF_CLI_CONFIG_FILE = "/dev/null";
}
const run = spawnSync(cli, process.argv.slice(2), { stdio: "inherit", env });
if (run.error) {
  process.stderr.write(`${path.basename(cli)} could not be started: ${run.error.message}\n`);
  process.exit(1);
}
process.exit(run.status ?? 1);
