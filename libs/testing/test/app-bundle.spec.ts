import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleOf, compileCacheDir } from '../src/app-bundle';
import { spawnBundled } from '../src/bundled-app';
import { outputUntilExit } from '../src/run-typescript';

const workspaceRoot = path.resolve(__dirname, '../../..');
// Inside the workspace, as an app's sources are: the manifest names inputs relative to its root.
const fixture = path.join('dist', `bundle-fixture-${randomBytes(4).toString('hex')}`);
const entry = path.join(fixture, 'main.ts');
const run = (bundle: string) => execFileSync(process.execPath, [bundle], { encoding: 'utf8' }).trim();

describe('bundleOf', () => {
  beforeAll(async () => {
    await mkdir(path.join(workspaceRoot, fixture), { recursive: true });
    await writeFile(path.join(workspaceRoot, entry), `import { word } from './word';\nconsole.log(word);\n`);
    await writeFile(path.join(workspaceRoot, fixture, 'word.ts'), `export const word: string = 'first';\n`);
    // A file saved in the millisecond a build starts is not trusted to be in it (see bundleOf).
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
  afterAll(async () => {
    await rm(path.join(workspaceRoot, fixture), { recursive: true, force: true });
    await rm(
      path.join(workspaceRoot, 'dist/test-bundles', entry.replace(/\.ts$/, '').replace(/[^A-Za-z0-9-]+/g, '_')),
      {
        recursive: true,
        force: true,
      },
    );
  });

  it('bundles once, reuses the bundle while its inputs are unchanged, and bundles again when one changes', async () => {
    const first = await bundleOf(entry);
    expect(run(first)).toBe('first');
    const builtAt = (await stat(first)).mtimeMs;

    // Concurrent callers and later ones get the same file, not rewritten.
    const again = await Promise.all([bundleOf(entry), bundleOf(entry)]);
    expect(again).toEqual([first, first]);
    expect((await stat(first)).mtimeMs).toBe(builtAt);

    // An imported file changes (the entry itself does not): a new bundle holds the new code.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeFile(path.join(workspaceRoot, fixture, 'word.ts'), `export const word: string = 'second';\n`);
    const changed = await bundleOf(entry);
    expect(changed).not.toBe(first);
    expect(run(changed)).toBe('second');
    expect(await bundleOf(entry)).toBe(changed);
    // The manifest lists both inputs.
    const manifest = JSON.parse(await readFile(path.join(path.dirname(changed), 'manifest.json'), 'utf8')) as {
      inputs: Array<[string, number, number]>;
    };
    expect(manifest.inputs.map(([file]) => path.basename(file)).sort()).toEqual(['main.ts', 'word.ts']);
  });

  it('starts a bundle with Node’s compile cache in the bundles’ folder, unless the environment names another', async () => {
    const probe = path.join(fixture, 'cache-dir.ts');
    await writeFile(
      path.join(workspaceRoot, probe),
      `import { getCompileCacheDir } from 'node:module';\nconsole.log(getCompileCacheDir() ?? 'none');\n`,
    );
    const cacheDirOf = async (env: NodeJS.ProcessEnv) =>
      (await outputUntilExit(await spawnBundled(probe, [], { env, stdio: ['ignore', 'pipe', 'pipe'] }))).stdout.trim();
    // Node keeps each version's code in a folder of its own inside the one named.
    expect(path.dirname(await cacheDirOf({ PATH: process.env['PATH'] }))).toBe(compileCacheDir);
    const elsewhere = path.join(workspaceRoot, fixture, 'other-cache');
    expect(path.dirname(await cacheDirOf({ PATH: process.env['PATH'], NODE_COMPILE_CACHE: elsewhere }))).toBe(
      elsewhere,
    );
  });
});
