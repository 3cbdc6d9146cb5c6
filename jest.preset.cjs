// Shared jest settings of the `test` target (unit specs, `src/**/*.spec.ts`): swc compiles TypeScript
// (types are checked by the separate `typecheck` target) and the ESM-only OIDC and file-type packages: jest's CommonJS
// module loader does not use Node's own require(esm), even on Node 24.
// No PostgreSQL or Redis here: unit-guard.cjs fails any spec that reaches for them, and Nx caches the
// target. Specs that need infrastructure live in `test/` and run in `integration`
// (jest.integration.preset.cjs).
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

const summaryReporter = path.join(__dirname, 'tools/test-runner/jest/summary-reporter.cjs');

module.exports = {
  testEnvironment: 'node',
  // Keeps what a worker read and transformed from one test file to the next (tools/test-runner);
  // JEST_PLAIN_RUNTIME=1 runs jest's own, to compare.
  runtime: process.env.JEST_PLAIN_RUNTIME ? undefined : path.join(__dirname, 'tools/test-runner/jest/runtime.cjs'),
  transform: { '^.+\\.[cm]?[tj]s$': ['@swc/jest', swcOptions] },
  transformIgnorePatterns: [
    '/node_modules/(?!(openid-client|oauth4webapi|jose|oidc-provider|file-type|strtok3|token-types|uint8array-extras|@tokenizer|@file-type|@borewit)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  setupFiles: [path.join(__dirname, 'tools/test-runner/jest/unit-guard.cjs')],
  reporters: ['default', [summaryReporter, { target: 'test' }]],
  testTimeout: 30_000,
  maxWorkers: '50%',
  passWithNoTests: true,
};
