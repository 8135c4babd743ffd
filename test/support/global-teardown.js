"use strict";
// Removes the test run's temporary folder (global-setup.js), unless KSV_KEEP_TMP is set.
const fs = require("fs");

module.exports = async function globalTeardown() {
  const root = process.env.KSV_TEST_RUN_TMPDIR;
  if (root && !process.env.KSV_KEEP_TMP) fs.rmSync(root, { recursive: true, force: true });
};
