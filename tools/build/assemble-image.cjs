#!/usr/bin/env node
// Lays out dist/images/<app>/ as the app's image holds it under /srv, from what build-app.cjs (and, for
// the gateway, Vite) built: dist/main.js and its source map, package.json (only the packages the bundle
// requires), the data folders of the libs it bundles, and the built web app for the gateway, which serves it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { workspaceRoot } = require('./app-bundle.cjs');

/**
 * The files of an app's image: [source under the workspace, destination under the image root], from the
 * runtime package.json build-app.cjs wrote for it.
 */
function imageLayout(app, runtime) {
  const built = path.join('dist/apps', app);
  const layout = [
    [path.join(built, 'main.js'), 'dist/main.js'],
    [path.join(built, 'main.js.map'), 'dist/main.js.map'],
    [path.join(built, 'runtime-package.json'), 'package.json'],
    ...runtime.salleDataFolders.map((folder) => [folder, folder]),
  ];
  // GATEWAY_WEB_DIR's default, relative to the working directory /srv.
  if (app === 'gateway') layout.push(['dist/apps/web', 'dist/apps/web']);
  return layout;
}

function assemble(app) {
  const target = path.join(workspaceRoot, 'dist/images', app);
  fs.rmSync(target, { recursive: true, force: true });
  const runtimeFile = path.join(workspaceRoot, 'dist/apps', app, 'runtime-package.json');
  const runtime = JSON.parse(fs.readFileSync(runtimeFile, 'utf8'));
  for (const [from, to] of imageLayout(app, runtime)) {
    fs.cpSync(path.join(workspaceRoot, from), path.join(target, to), { recursive: true });
  }
  console.log(`assembled dist/images/${app}`);
}

if (require.main === module) {
  const app = process.argv[2];
  if (!app) {
    console.error('usage: assemble-image.cjs <app>');
    process.exit(1);
  }
  assemble(app);
}

module.exports = { imageLayout };
