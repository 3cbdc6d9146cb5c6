// Browser tests: one Chromium for the suite, the built app served by a small
// static server on loopback. No database: the API is faked in this first version.
const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'web-e2e',
  rootDir: __dirname,
  globalSetup: undefined,
  globalTeardown: undefined,
  testTimeout: 60_000,
  maxWorkers: 1,
};
