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

/** What an entry point printed before it exited by itself, and its exit code. */
export interface ExitedRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a TypeScript entry point with exactly `env` (plus PATH) until it exits
 * by itself: for start-up refusals, which must end the process with a code
 * and a few lines, not a listening server.
 */
export async function runTypescriptToExit(file: string, env: NodeJS.ProcessEnv): Promise<ExitedRun> {
  const child = spawnTypescript(file, [], {
    env: { PATH: process.env['PATH'], ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return outputUntilExit(child);
}

/** What a child started with piped output printed until it exited, and its exit code. */
export async function outputUntilExit(child: ChildProcess): Promise<ExitedRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}

export function runTypescriptSync(code: string, env: NodeJS.ProcessEnv) {
  const runner = typescriptNode(env);
  return spawnSync(process.execPath, [...runner.args, '-e', code], {
    cwd: workspaceRoot,
    env: runner.env,
    encoding: 'utf8',
  });
}
