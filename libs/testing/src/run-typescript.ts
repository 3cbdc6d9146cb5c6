import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import path from 'node:path';

const workspaceRoot = path.resolve(__dirname, '../../..');

/**
 * Node arguments and environment that let a child process run TypeScript
 * sources directly (compiled on the fly by swc, as CommonJS), for tests that
 * need a real separate process: exit codes, signals, crashes.
 */
export function typescriptNode(env: NodeJS.ProcessEnv = process.env) {
  return {
    args: ['-r', '@swc-node/register'],
    env: {
      ...env,
      SWC_NODE_PROJECT: path.join(workspaceRoot, 'tools/test-runner/tsconfig.register.json'),
    },
  };
}

export function spawnTypescript(file: string, args: string[] = [], options: SpawnOptions = {}): ChildProcess {
  const runner = typescriptNode(options.env ?? process.env);
  return spawn(process.execPath, [...runner.args, file, ...args], {
    cwd: workspaceRoot,
    ...options,
    env: runner.env,
  });
}

export function runTypescriptSync(code: string, env: NodeJS.ProcessEnv) {
  const runner = typescriptNode(env);
  return spawnSync(process.execPath, [...runner.args, '-e', code], {
    cwd: workspaceRoot,
    env: runner.env,
    encoding: 'utf8',
  });
}
