import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const workspaceRoot = path.resolve(__dirname, '../../..');

export interface BundledApp {
  child: ChildProcess;
  /** SIGTERM, wait for the exit, and remove the bundle. */
  stop(): Promise<void>;
}

/**
 * One of the workspace's apps as its own process, bundled the way the dev
 * stack builds it (esbuild, npm packages external): starting a bundle takes a
 * fraction of compiling its sources on the fly, which keeps suites fast. A
 * separate process, as an app may not import another one.
 */
export async function startBundledApp(app: string, env: Record<string, string>): Promise<BundledApp> {
  const outfile = path.join(os.tmpdir(), `salle-${app}-${process.pid}-${randomBytes(4).toString('hex')}.cjs`);
  await build({
    entryPoints: [path.join(workspaceRoot, `apps/${app}/src/main.ts`)],
    outfile,
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
  const child = spawn(process.execPath, [outfile], {
    cwd: workspaceRoot,
    // The bundle lives in the temp folder: its npm packages are found through NODE_PATH.
    env: { ...process.env, NODE_PATH: path.join(workspaceRoot, 'node_modules'), ...env },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  return {
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(outfile, { force: true });
    },
  };
}
