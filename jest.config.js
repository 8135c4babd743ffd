/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Type checking is `npm run typecheck`; tests only transpile, which keeps them fast.
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  setupFilesAfterEnv: ["<rootDir>/test/support/setup-jest.ts"],
  // Everything a run writes to the temporary directory goes into one folder, removed at the end.
  globalSetup: "<rootDir>/test/support/global-setup.js",
  globalTeardown: "<rootDir>/test/support/global-teardown.js",
  testTimeout: 120000,
  // One worker per core, not jest's cores − 1: most end-to-end time is spent waiting for
  // terraform and hook processes, so two suites at once on 2 cores take 4.5 min instead of 7.
  maxWorkers: "100%",
};
