#!/usr/bin/env node
// Bundles one app into dist/<app root>/main.js with esbuild (options in app-bundle.cjs), and writes
// beside it runtime-package.json: the npm packages the bundle requires, which is all its image installs.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const {
  workspaceRoot,
  appBundleOptions,
  bundleExternals,
  bundleDataFolders,
  runtimePackageJson,
} = require('./app-bundle.cjs');

const projectRoot = process.argv[2];
if (!projectRoot) {
  console.error('usage: build-app.cjs apps/<name>');
  process.exit(1);
}

async function main() {
  const result = await esbuild.build(appBundleOptions(projectRoot));
  const rootPackage = JSON.parse(fs.readFileSync(path.join(workspaceRoot, 'package.json'), 'utf8'));
  const { metafile } = result;
  const app = path.basename(projectRoot);
  const runtime = runtimePackageJson(app, bundleExternals(metafile), bundleDataFolders(metafile), rootPackage);
  fs.writeFileSync(
    path.join(workspaceRoot, 'dist', projectRoot, 'runtime-package.json'),
    `${JSON.stringify(runtime, null, 2)}\n`,
  );
  console.log(`built dist/${projectRoot}/main.js`);
}

main().catch((error) => {
  // esbuild has already printed its own errors; ours are one line.
  if (!error.errors) console.error(error.message);
  process.exit(1);
});
