"use strict";
// One temporary folder per test run, as TMPDIR of every worker and every process they start:
// what cdktf's Testing.synth (cdktf.outdir.*), the demo and terraform leave there is removed with
// it (global-teardown.js). Traversable by others: the PostgreSQL server runs as `postgres`.
const fs = require("fs");
const os = require("os");
const path = require("path");

module.exports = async function globalSetup() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ksv-test-run-"));
  fs.chmodSync(root, 0o711);
  process.env.KSV_TEST_RUN_TMPDIR = root;
  process.env.TMPDIR = root;
};
