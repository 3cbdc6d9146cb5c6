import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import path from 'node:path';
import { bundleOf, compileCacheDir } from './app-bundle';
import { outputUntilExit, type ExitedRun } from './run-typescript';

const workspaceRoot = path.resolve(__dirname, '../../..');

export interface BundledApp {
  child: ChildProcess;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
}

/**
 * One of the workspace's apps (`apps/<app>/src/main.ts`) as its own process, bundled the way the dev stack
 * builds it (esbuild, npm packages external; the bundle is cached, see `bundleOf`): starting a bundle takes a
 * fraction of compiling its sources on the fly, which keeps suites fast. A separate process, as an app may not
 * import another one. Runs in the workspace root with `options.env` as its whole environment plus
 * `NODE_PATH`, through which the bundle finds its npm packages, and Node's compile cache (`compileCacheDir`) unless
 * `options.env` names one.
 */
export function spawnBundledApp(app: string, options: SpawnOptions = {}): Promise<ChildProcess> {
  return spawnBundled(`apps/${app}/src/main.ts`, [], options);
}

/**
 * Any TypeScript entry point of the workspace (a command-line tool, a test fixture; relative to the workspace root)
 * as its own process with `args`, from its cached bundle, as `spawnBundledApp` runs an app. Not for an entry that
 * finds files beside its sources through `__dirname` (the bundle lives under `dist/test-bundles`): those run with
 * `spawnTypescript`.
 */
export async function spawnBundled(entry: string, args: string[], options: SpawnOptions = {}): Promise<ChildProcess> {
  const bundle = await bundleOf(entry);
  return spawn(process.execPath, [bundle, ...args], {
    cwd: workspaceRoot,
    ...options,
    env: {
      NODE_COMPILE_CACHE: compileCacheDir,
      ...(options.env ?? process.env),
      NODE_PATH: path.join(workspaceRoot, 'node_modules'),
    },
  });
}

/** `spawnBundledApp` with the test process's environment plus `env`, its output ignored. */
export async function startBundledApp(app: string, env: Record<string, string>): Promise<BundledApp> {
  const child = await spawnBundledApp(app, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'ignore'] });
  return {
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/**
 * Runs an app with exactly `env` (plus PATH) until it exits by itself: for start-up refusals, which must end
 * the process with a code and a few lines, not a listening server. The same bundle as production's image runs.
 */
export async function runBundledAppToExit(app: string, env: NodeJS.ProcessEnv): Promise<ExitedRun> {
  const child = await spawnBundledApp(app, {
    env: { PATH: process.env['PATH'], ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return outputUntilExit(child);
}
