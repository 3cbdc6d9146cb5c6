import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canConnect, freePort } from '@salle/testing';

export const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');
export const ARTIFACTS = path.join(WORKSPACE_ROOT, 'test-artifacts/web-e2e');

/**
 * Port variables of the apps `npm start` runs (tools/dev-stack/src/apps.ts),
 * including the payment apps it will run. Each gets a free port so that the
 * suite never collides with a running `npm start` or another test; an app
 * answering on any other port fails the start (a new variable to add here).
 */
// Metrics listeners included: their fixed defaults would collide with another stack on the machine
// (a developer's `npm start`, or another run of this suite on the machine).
const PORT_VARIABLES = [
  'GATEWAY_PORT',
  'BOOKING_PORT',
  'IDENTITY_SANDBOX_PORT',
  'PAYMENT_PORT',
  'STRIPE_SANDBOX_PORT',
  'GATEWAY_METRICS_PORT',
  'BOOKING_METRICS_PORT',
  'PAYMENT_METRICS_PORT',
  'MAIL_SANDBOX_PORT',
  'MAIL_SANDBOX_SMTP_PORT',
  'SMS_SANDBOX_PORT',
  'NOTIFICATION_PORT',
  'NOTIFICATION_METRICS_PORT',
  'PAYFIP_SANDBOX_PORT',
  'REGISTRY_SANDBOX_PORT',
];

export interface RunningStack {
  url: string;
  /** The port of each app and listener, by its variable (`GATEWAY_PORT`...), and `DEV_POSTGRES_PORT`. */
  ports: Record<string, string>;
  /** Where the booking service keeps its files (the seed's illustrations among them). */
  storageDir: string;
  /** The mail-sandbox's inbox and JSON API, where the stack's e-mails land. */
  mailSandboxUrl: string;
  child: ChildProcess;
  tempDir: string;
  logFile: string;
  output(): string;
}

/** What the specs are told of the stack globalSetup started (`E2E_STACK`, JSON). */
export type StartedStack = Pick<RunningStack, 'ports' | 'logFile' | 'storageDir'>;

/** The stack globalSetup started, or undefined when the suite runs against one given by E2E_BASE_URL. */
export function startedStack(): StartedStack | undefined {
  const described = process.env['E2E_STACK'];
  return described ? (JSON.parse(described) as StartedStack) : undefined;
}

/** The ports among these that still accept a connection. */
export async function openPorts(ports: readonly string[]): Promise<string[]> {
  const open = await Promise.all(ports.map((port) => canConnect('127.0.0.1', Number(port))));
  return ports.filter((_, index) => open[index]);
}

/**
 * The web build the gateway serves, in a folder of this run: `npm start` and
 * `nx build web` rebuild dist/apps/web (emptying it first), and other test
 * projects running beside this one do so too, which would pull the pages from
 * under the browser halfway through the journey.
 */
function buildWebInto(directory: string): void {
  // `npm test` gives a copy of the build it has just made (the same command, in production mode).
  const given = process.env['E2E_WEB_BUILD'];
  if (given) {
    fs.cpSync(given, directory, { recursive: true });
    return;
  }
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js');
  const result = spawnSync(
    process.execPath,
    [
      vite,
      'build',
      '--config',
      'apps/web/vite.config.mts',
      '--logLevel',
      'warn',
      '--outDir',
      directory,
      '--emptyOutDir',
    ],
    {
      cwd: WORKSPACE_ROOT,
      // Jest sets NODE_ENV=test, which would make Vite bundle React's development build: the journey tests what is deployed.
      env: { ...process.env, NODE_ENV: 'production' },
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`vite build of apps/web failed:\n${result.stdout}\n${result.stderr}`);
}

/**
 * Starts the whole stack exactly as a newcomer's `npm start` does
 * (tools/dev-stack/bin/start.cjs: embedded PostgreSQL, redis-server, builds,
 * migrations, the Isère seed, identity sandbox, gateway, booking...), on free
 * ports, with its data in a temporary folder, and resolves with the URL it prints.
 * The limit is generous: `npm test` starts it beside the busiest suites, and on a
 * loaded 2-core machine its ten sequential starts took more than 150 s; a stack
 * that works is never slowed by it.
 */
export async function startDevStack(timeoutMs = 300_000): Promise<RunningStack> {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salle-web-e2e-'));
  fs.chmodSync(tempDir, 0o755); // PostgreSQL runs as the `postgres` user when we are root
  const webDir = path.join(tempDir, 'web');
  buildWebInto(webDir);

  const ports: Record<string, string> = {};
  for (const variable of [...PORT_VARIABLES, 'DEV_POSTGRES_PORT']) ports[variable] = String(await freePort());
  const storageDir = path.join(tempDir, 'storage');
  // A minimal environment, as on a newcomer's machine: no DATABASE_URL (so the embedded
  // PostgreSQL), and a Redis port of our own (so `npm start` runs its own redis-server,
  // and rate limits, sessions and event streams are this run's alone).
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    TZ: process.env['TZ'],
    REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
    DEV_POSTGRES_DIR: path.join(tempDir, 'pg'),
    GATEWAY_WEB_DIR: webDir,
    // The booking service's files (the seed's illustrations among them) stay out of the workspace.
    STORAGE_LOCAL_DIR: storageDir,
    ...ports,
  };
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const logFile = path.join(ARTIFACTS, 'stack.log');
  const log = fs.createWriteStream(logFile);
  const child = spawn(process.execPath, [path.join(WORKSPACE_ROOT, 'tools/dev-stack/bin/start.cjs')], {
    cwd: WORKSPACE_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      log.write(chunk);
    });
  }
  child.once('exit', () => log.end());

  const url = await new Promise<string>((resolve, reject) => {
    const fail = (message: string) => {
      clearTimeout(timer);
      child.kill('SIGINT');
      reject(new Error(`${message} (stack log: ${logFile}):\n${output.slice(-4000)}`));
    };
    const timer = setTimeout(() => fail(`npm start printed no URL after ${timeoutMs / 1000} s`), timeoutMs);
    child.stdout?.on('data', () => {
      const match = /is running: open (http:\/\/\S+)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      const assigned = new Set(Object.values(ports));
      const strays = [...output.matchAll(/» (\S+) ready on http:\/\/127\.0\.0\.1:(\d+)/g)].filter(
        ([, , port]) => !assigned.has(port ?? ''),
      );
      if (strays.length)
        return fail(
          `apps on ports the suite did not choose: ${strays.map(([, app, port]) => `${app}:${port}`).join(', ')}; add their port variable to PORT_VARIABLES`,
        );
      resolve(match[1]);
    });
    child.once('exit', (code) => fail(`npm start exited early (code ${code})`));
  });
  const mailSandboxUrl = `http://127.0.0.1:${ports['MAIL_SANDBOX_PORT']}`;
  return { url, ports, storageDir, mailSandboxUrl, child, tempDir, logFile, output: () => output };
}

/** Ctrl-C, as a person would: the launcher stops every app, Redis and PostgreSQL. */
export async function stopDevStack(
  stack: Pick<RunningStack, 'child' | 'tempDir'>,
  timeoutMs = 30_000,
): Promise<number | null> {
  const { child } = stack;
  let code: number | null = child.exitCode;
  if (code === null && child.signalCode === null) {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    code = await exited;
    clearTimeout(timer);
  }
  fs.rmSync(stack.tempDir, { recursive: true, force: true });
  return code;
}
