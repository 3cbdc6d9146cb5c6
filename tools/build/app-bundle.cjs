// How an app is bundled, written once for build-app.cjs (npm start, CI, the images) and for the
// deploy checks: workspace libs (@salle/*) are compiled into the bundle; npm packages stay
// external and are loaded from node_modules at run time (ESM-only ones through Node's require(esm)).
// esbuild emits no decorator metadata: TypeORM columns must state their types.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { builtinModules } = require('node:module');

const workspaceRoot = path.resolve(__dirname, '../..');

const externalNpmPackages = {
  name: 'external-npm-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@salle/') ? undefined : { path: args.path, external: true },
    );
  },
};

/** esbuild options for `apps/<name>`; the metafile tells which packages the bundle requires. */
function appBundleOptions(projectRoot) {
  return {
    entryPoints: [path.join(workspaceRoot, projectRoot, 'src/main.ts')],
    outfile: path.join(workspaceRoot, 'dist', projectRoot, 'main.js'),
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    sourcemap: true,
    keepNames: true,
    metafile: true,
    plugins: [externalNpmPackages],
    logLevel: 'warning',
  };
}

/** `@scope/name/sub/path` → `@scope/name`, `name/sub` → `name`; Node's own modules → undefined. */
function packageName(specifier) {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Packages that a required package loads by name at run time, which no import in the bundle shows:
 * TypeORM loads the PostgreSQL driver (`pg`) when a DataSource of type postgres starts.
 */
const loadedByName = { typeorm: ['pg'] };

/** The npm packages a bundle requires at run time, sorted, from esbuild's metafile. */
function bundleExternals(metafile) {
  const names = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) {
      const name = imported.external ? packageName(imported.path) : undefined;
      if (name) names.add(name);
    }
  }
  for (const name of [...names]) for (const loaded of loadedByName[name] ?? []) names.add(loaded);
  return [...names].sort();
}

/**
 * Data folders of a bundle, read at run time from the same path under its working directory: those of the
 * workspace libs compiled into it (`libs/<name>/data`: the booking service's school calendar) and the app's own
 * (`apps/<name>/data`: the payment service's PDF/A fonts and colour profile).
 */
function bundleDataFolders(metafile) {
  const folders = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(libs|apps)\/([^/]+)\//.exec(input);
    if (match) folders.add(`${match[1]}/${match[2]}/data`);
  }
  return [...folders].sort().filter((folder) => fs.existsSync(path.join(workspaceRoot, folder)));
}

/**
 * The package.json of an app's image: only the packages its bundle requires, at the ranges the
 * workspace declares (the workspace's lock file pins them when the image installs). A package
 * required by the bundle but missing from the workspace's production dependencies is an error:
 * the image would install nothing for it, or a dev dependency.
 */
function runtimePackageJson(app, externals, dataFolders, rootPackage) {
  const missing = externals.filter((name) => !rootPackage.dependencies?.[name]);
  if (missing.length) {
    throw new Error(`${app} requires packages that are not production dependencies: ${missing.join(', ')}`);
  }
  return {
    name: `@salle/${app}-image`,
    private: true,
    license: rootPackage.license,
    engines: rootPackage.engines,
    dependencies: Object.fromEntries(externals.map((name) => [name, rootPackage.dependencies[name]])),
    // Read by assemble-image.cjs; npm ignores it.
    salleDataFolders: dataFolders,
  };
}

module.exports = {
  workspaceRoot,
  appBundleOptions,
  bundleExternals,
  bundleDataFolders,
  packageName,
  runtimePackageJson,
};
