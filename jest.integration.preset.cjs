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
  // Each suite starts services in the test process; run file by file (jest's own testMatch above), what they
  // leave behind adds up (booking's 51 files once reached V8's 4 GB heap limit on the last one). A worker past
  // this size after a file is replaced by a fresh one. The Nx target's one file (all-specs.ts) loads the modules
  // once and never reaches it; there the setting only keeps the run in a worker, which jest kills at the end even
  // when a service left a handle open (running in band, such a handle would keep jest from exiting).
  workerIdleMemoryLimit: '1536MB',
};
