import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build, version as esbuildVersion } from 'esbuild';

const workspaceRoot = path.resolve(__dirname, '../../..');
/** Inside the workspace, so that a clean clone starts empty; `dist/` is not versioned. */
const cacheRoot = path.join(workspaceRoot, 'dist/test-bundles');
/**
 * Node's compile cache for the processes started from these bundles (`NODE_COMPILE_CACHE`): V8's compiled code of
 * each bundle and of the npm packages it loads, kept on disk and checked against the source. A run starts the same
 * apps about a hundred times; loading a bundle then costs 0.65–0.73 CPU s instead of 0.89 (booking's, 2026-12-07).
 */
export const compileCacheDir = path.join(cacheRoot, 'compile-cache');
/** Changes whenever the options below change, so that an older cached bundle is never reused. */
const OPTIONS_VERSION = `1/${esbuildVersion}`;
/** A bundle replaced by a newer one is removed after this long: a suite may still be starting it. */
const STALE_AFTER_MS = 60 * 60 * 1000;

/** What a cached bundle was built from: each input's size and modification time. */
interface Manifest {
  options: string;
  bundle: string;
  inputs: Array<[file: string, size: number, mtimeMs: number]>;
}

// Within one test file, concurrent starts of the same app share one check (or build).
const pending = new Map<string, Promise<string>>();

/**
 * The path of an esbuild bundle of `entry` (relative to the workspace root), built the way the dev stack
 * builds an app (npm packages external, workspace libs compiled in) and kept under `dist/test-bundles` for as
 * long as none of its inputs changed. Integration suites start the same apps dozens of times a run: compiling
 * an app's sources on the fly costs 3–4 s of CPU a start, bundling it 0.3–1 s, reusing the bundle a few ms.
 * An input is unchanged when its size and modification time are; a bundle whose inputs changed while it was
 * being built is used once and not kept.
 */
export function bundleOf(entry: string): Promise<string> {
  const running = pending.get(entry) ?? cachedOrBuilt(entry).finally(() => pending.delete(entry));
  pending.set(entry, running);
  return running;
}

async function cachedOrBuilt(entry: string): Promise<string> {
  const folder = path.join(cacheRoot, entry.replace(/\.ts$/, '').replace(/[^A-Za-z0-9-]+/g, '_'));
  const manifestFile = path.join(folder, 'manifest.json');
  const manifest = await readManifest(manifestFile);
  if (manifest && (await stillCurrent(folder, manifest))) return path.join(folder, manifest.bundle);
  await mkdir(folder, { recursive: true });
  return buildInto(entry, folder, manifestFile);
}

async function readManifest(file: string): Promise<Manifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest;
    return manifest.options === OPTIONS_VERSION ? manifest : undefined;
  } catch {
    return undefined;
  }
}

async function stillCurrent(folder: string, manifest: Manifest): Promise<boolean> {
  try {
    await stat(path.join(folder, manifest.bundle));
    const seen = await Promise.all(manifest.inputs.map(([file]) => stat(path.join(workspaceRoot, file))));
    return seen.every(
      (info, index) => info.size === manifest.inputs[index]?.[1] && info.mtimeMs === manifest.inputs[index]?.[2],
    );
  } catch {
    return false;
  }
}

async function buildInto(entry: string, folder: string, manifestFile: string): Promise<string> {
  const startedAt = Date.now();
  const temporary = path.join(folder, `${randomBytes(6).toString('hex')}.tmp`);
  const result = await build({
    entryPoints: [path.join(workspaceRoot, entry)],
    absWorkingDir: workspaceRoot,
    outfile: temporary,
    write: false,
    metafile: true,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    logLevel: 'silent',
    // Migrations are recorded under their class names.
    keepNames: true,
    plugins: [
      {
        name: 'external-npm-packages',
        setup(builder) {
          builder.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@salle/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild wrote no bundle for ${entry}`);
  const bundle = `${createHash('sha256').update(code).digest('hex').slice(0, 16)}.cjs`;
  // Written under a unique name, then renamed: a suite never starts a half-written bundle.
  await writeFile(temporary, code);
  await rename(temporary, path.join(folder, bundle));
  const files = Object.keys(result.metafile.inputs);
  const seen = await Promise.all(files.map((file) => stat(path.join(workspaceRoot, file))));
  // An input saved during the build may be newer than what the bundle holds: use it this once only.
  if (seen.some((info) => info.mtimeMs >= startedAt)) return path.join(folder, bundle);
  const manifest: Manifest = {
    options: OPTIONS_VERSION,
    bundle,
    inputs: files.map((file, index) => [file, seen[index]?.size ?? -1, seen[index]?.mtimeMs ?? -1]),
  };
  const temporaryManifest = `${manifestFile}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporaryManifest, JSON.stringify(manifest));
  await rename(temporaryManifest, manifestFile);
  await removeStale(folder, bundle);
  return path.join(folder, bundle);
}

async function removeStale(folder: string, current: string): Promise<void> {
  for (const name of await readdir(folder)) {
    if (name === current || name === 'manifest.json') continue;
    const file = path.join(folder, name);
    const info = await stat(file).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > STALE_AFTER_MS) await rm(file, { force: true });
  }
}
