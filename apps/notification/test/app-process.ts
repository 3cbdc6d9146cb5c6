import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const workspaceRoot = path.resolve(__dirname, '../../..');

export interface AppProcess {
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * One of the workspace's apps as its own process (an app may not import
 * another one), bundled the way the dev stack builds it: esbuild with npm
 * packages external, which starts far faster than compiling on the fly.
 */
export async function startAppProcess(app: string, env: Record<string, string>): Promise<AppProcess> {
  const outfile = path.join(os.tmpdir(), `salle-${app}-${process.pid}-${randomBytes(4).toString('hex')}.cjs`);
  await build({
    entryPoints: [path.join(workspaceRoot, `apps/${app}/src/main.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
    keepNames: true,
    plugins: [
      {
        name: 'external-npm-packages',
        setup(builder) {
          builder.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@salle/') ? undefined : { path: args.path, external: true }));
        },
      },
    ],
  });
  const child = spawn(process.execPath, [outfile], {
    cwd: workspaceRoot,
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
