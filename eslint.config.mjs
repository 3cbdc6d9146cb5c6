import nx from '@nx/eslint-plugin';

// Dependency rules between projects. Every project carries one `type:` tag
// and one `scope:` tag in its package.json, and every lib a `kind:` tag
// (contracts: pure code the browser may load; server: Node-only building
// blocks; testing: test helpers); these constraints are the only way code may
// flow between them.
const structureConstraints = [
  // Apps are deployables: they use libs, never another app.
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
  // Libs are shared building blocks: they never reach into an app or a tool.
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
  // Tools (launcher, seed, benchmarks, test runner) may use libs and other tools.
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:tool'] },
  // Shared libs depend only on shared libs.
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
  { sourceTag: 'scope:booking', onlyDependOnLibsWithTags: ['scope:booking', 'scope:shared'] },
  { sourceTag: 'scope:payment', onlyDependOnLibsWithTags: ['scope:payment', 'scope:shared'] },
  { sourceTag: 'scope:notification', onlyDependOnLibsWithTags: ['scope:notification', 'scope:shared'] },
  {
    sourceTag: 'scope:mail-sandbox',
    onlyDependOnLibsWithTags: ['scope:mail-sandbox', 'scope:shared'],
  },
  {
    sourceTag: 'scope:sms-sandbox',
    onlyDependOnLibsWithTags: ['scope:sms-sandbox', 'scope:shared'],
  },
  {
    sourceTag: 'scope:registry-sandbox',
    onlyDependOnLibsWithTags: ['scope:registry-sandbox', 'scope:shared'],
  },
  {
    sourceTag: 'scope:identity-sandbox',
    onlyDependOnLibsWithTags: ['scope:identity-sandbox', 'scope:shared'],
  },
  {
    sourceTag: 'scope:stripe-sandbox',
    onlyDependOnLibsWithTags: ['scope:stripe-sandbox', 'scope:shared'],
  },
  {
    sourceTag: 'scope:payfip-sandbox',
    onlyDependOnLibsWithTags: ['scope:payfip-sandbox', 'scope:shared'],
  },
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
  { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:tools', 'scope:shared'] },
  // The browser bundle holds only contracts-kind code: no database, Redis or Node service code.
  { sourceTag: 'platform:browser', onlyDependOnLibsWithTags: ['kind:contracts'] },
  // Contracts-kind libs stay pure, so the browser can load everything they import.
  { sourceTag: 'kind:contracts', onlyDependOnLibsWithTags: ['kind:contracts'] },
];

// What ships (apps and libs outside their tests) never imports the test helpers.
// (An allow-list of direct imports: `notDependOnLibsWithTags` would also follow
// the graph through other libs' specs, which may use the helpers.)
const productionConstraints = [
  ...structureConstraints,
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['kind:contracts', 'kind:server'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['kind:contracts', 'kind:server'] },
];

// Test code: specs, test folders, and the browser journey project, which is test code as a whole.
const testFiles = ['**/*.spec.ts', '**/*.spec.tsx', '**/test/**', 'apps/web-e2e/**'];

const boundaries = (depConstraints) => ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints }];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/.nx', '**/coverage', '**/tmp', '**/.local'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(productionConstraints),
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      // A type-only import says so, and disappears from the compiled code.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
    // Files with decorators (TypeORM entities) keep value imports: decorator metadata reads the types at run time.
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
  },
  {
    files: testFiles,
    rules: { '@nx/enforce-module-boundaries': boundaries(structureConstraints) },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Each project's jest configs extend the root presets by relative path.
    files: ['**/jest.config.cjs', '**/jest.integration.config.cjs'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
