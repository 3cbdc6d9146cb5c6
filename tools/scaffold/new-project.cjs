#!/usr/bin/env node
// Creates the boilerplate of a new lib or app: package.json with Nx tags,
// tsconfig, jest config and README. Usage:
//   node tools/scaffold/new-project.cjs lib events "Transactional outbox and Redis Streams."
//   node tools/scaffold/new-project.cjs lib money "Amounts in cents." contracts
//   node tools/scaffold/new-project.cjs app booking "Booking service." booking
// A lib's last argument is its kind (server, the default; contracts, for code
// the browser may use; testing): the lint's boundary rules read it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [kind, name, description = '', last] = process.argv.slice(2);
const libKinds = ['server', 'contracts', 'testing'];
if (!['lib', 'app', 'tool'].includes(kind) || !name || (kind === 'lib' && last && !libKinds.includes(last))) {
  console.error('usage: new-project.cjs lib NAME "description" [server|contracts|testing]');
  console.error('       new-project.cjs app|tool NAME "description" [scope]');
  process.exit(1);
}
const tags =
  kind === 'lib'
    ? ['type:lib', `kind:${last ?? 'server'}`, 'scope:shared']
    : [`type:${kind}`, `scope:${kind === 'tool' ? 'tools' : (last ?? 'shared')}`];
const folder = { lib: 'libs', app: 'apps', tool: 'tools' }[kind];
const root = path.resolve(__dirname, '../..', folder, name);
if (fs.existsSync(path.join(root, 'package.json'))) {
  console.error(`${folder}/${name} already exists`);
  process.exit(1);
}
const depth = '../../';
fs.mkdirSync(path.join(root, 'src'), { recursive: true });
const pkg = {
  name: `@salle/${name}`,
  version: '0.0.0',
  private: true,
  description,
  // Apps name their entry point too, so that Nx (and its lint rule) recognises an import of an app.
  ...(kind === 'lib' ? { exports: { '.': './src/index.ts' } } : { main: './src/main.ts' }),
  // No `typecheck` target: tools/static-checks' one program checks every Node project's src and test folders.
  nx: { name, tags, targets: {} },
};
if (kind === 'app') pkg.nx.targets.build = {};
const write = (file, content) => {
  const target = path.join(root, file);
  if (!fs.existsSync(target)) fs.writeFileSync(target, content);
};
write('package.json', JSON.stringify(pkg, null, 2) + '\n');
write(
  'tsconfig.json',
  JSON.stringify(
    {
      extends: `${depth}tsconfig.base.json`,
      compilerOptions: { types: ['node', 'jest'] },
      include: ['src/**/*.ts', 'test/**/*.ts'],
    },
    null,
    2,
  ) + '\n',
);
write(
  'jest.config.cjs',
  `module.exports = { ...require('${depth}jest.preset.cjs'), displayName: '${name}', rootDir: __dirname };\n`,
);
write('README.md', `# @salle/${name}\n\n${description}\n`);
write(path.join('src', kind === 'lib' ? 'index.ts' : 'main.ts'), '');
console.log(`created ${folder}/${name}`);
