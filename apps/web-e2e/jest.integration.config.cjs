// Browser tests against the real stack: globalSetup starts it once the way
// `npm start` does (src/stack/), the specs drive Debian's Chromium through it.
const preset = require('../../jest.integration.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'web-e2e:integration',
  rootDir: __dirname,
  globalSetup: '<rootDir>/src/stack/global-setup.ts',
  globalTeardown: '<rootDir>/src/stack/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 1,
};
