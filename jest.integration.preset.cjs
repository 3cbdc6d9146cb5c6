// Shared jest settings of the `integration` target (`test/**/*.spec.ts`): the unit preset's compilation,
// with real PostgreSQL and Redis. The global setup starts them through `@salle/testing/infra` unless
// the environment provides them (TEST_PG_URL / TEST_REDIS_URL, or DATABASE_URL / REDIS_URL).
// This `testMatch` runs each spec as a test file of its own (a developer's run of one file); the Nx target runs
// each project's `test/all-specs.ts` instead, all its specs in one module registry (`specsTogether`).
const path = require('node:path');
const unit = require('./jest.preset.cjs');

const summaryReporter = path.join(__dirname, 'tools/test-runner/jest/summary-reporter.cjs');

module.exports = {
  ...unit,
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  setupFiles: [],
  globalSetup: path.join(__dirname, 'tools/test-runner/jest/global-setup.cjs'),
  globalTeardown: path.join(__dirname, 'tools/test-runner/jest/global-teardown.cjs'),
  reporters: ['default', [summaryReporter, { target: 'integration' }]],
  // Each suite starts services in the test process; what they leave behind adds up over 40 suites (booking's
  // integration run reached V8's 4 GB heap limit on its last file). A worker past this size after a file is
  // replaced by a fresh one, which also means jest always runs the files in a worker, never in band.
  workerIdleMemoryLimit: '1536MB',
};
