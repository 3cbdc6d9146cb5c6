#!/usr/bin/env node
// Bundles one app into dist/<app root>/main.js with esbuild. Workspace libs
// (@salle/*) are compiled into the bundle; npm packages stay external and are
// loaded from node_modules at run time (ESM-only ones through Node's require(esm)).
// esbuild emits no decorator metadata: TypeORM columns must state their types.
'use strict';
const path = require('node:path');
const esbuild = require('esbuild');

const projectRoot = process.argv[2];
if (!projectRoot) {
  console.error('usage: build-app.cjs apps/<name>');
  process.exit(1);
}
const workspaceRoot = path.resolve(__dirname, '../..');

const externalNpmPackages = {
  name: 'external-npm-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@salle/') ? undefined : { path: args.path, external: true },
    );
  },
};

esbuild
  .build({
    entryPoints: [path.join(workspaceRoot, projectRoot, 'src/main.ts')],
    outfile: path.join(workspaceRoot, 'dist', projectRoot, 'main.js'),
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    sourcemap: true,
    keepNames: true,
    plugins: [externalNpmPackages],
    logLevel: 'warning',
  })
  .then(() => console.log(`built dist/${projectRoot}/main.js`))
  .catch(() => process.exit(1));
