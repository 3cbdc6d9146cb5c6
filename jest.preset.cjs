// Shared jest settings for every project: swc compiles TypeScript (types are
// checked by the separate `typecheck` target) and the ESM-only OIDC packages:
// jest's CommonJS module loader does not use Node's own require(esm), even on Node 24.
const path = require('node:path');

const swcOptions = {
  swcrc: false,
  jsc: {
    target: 'es2022', // es2017 mis-compiles oidc-provider's `#x in obj` brand checks
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.[cm]?[tj]s$': ['@swc/jest', swcOptions] },
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|oauth4webapi|jose|oidc-provider)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testMatch: ['<rootDir>/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: path.join(__dirname, 'tools/test-runner/jest/global-setup.cjs'),
  globalTeardown: path.join(__dirname, 'tools/test-runner/jest/global-teardown.cjs'),
  reporters: ['default', path.join(__dirname, 'tools/test-runner/jest/summary-reporter.cjs')],
  testTimeout: 30_000,
  maxWorkers: '50%',
  forceExit: true,
  passWithNoTests: true,
};
