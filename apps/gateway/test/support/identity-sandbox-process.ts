import type { ChildProcess } from 'node:child_process';
import { freePort, spawnBundledApp } from '@salle/testing';

export interface SandboxProcess {
  url: string;
  issuers: { franceconnect: string; proconnect: string };
  /** Everything the child printed, to show when it fails. */
  output(): string;
  stop(): Promise<void>;
}

async function waitUntilReady(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms:\n${output()}`);
}

/** Runs another app (its cached bundle, `apps/<app>/src/main.ts`) as a real child process and waits for its /readyz. */
export async function startAppProcess(
  app: string,
  env: NodeJS.ProcessEnv,
  url: string,
): Promise<{ child: ChildProcess; output: () => string; stop: () => Promise<void> }> {
  let printed = '';
  const child = await spawnBundledApp(app, {
    env: { PATH: process.env['PATH'], NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () => printed;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilReady(url, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, output, stop };
}

/**
 * The identity sandbox as a child process (apps may not import apps), with
 * both federations' clients registered for the given gateway origins.
 */
export async function startSandboxProcess(gatewayUrls: readonly string[], slowMs = 4_000): Promise<SandboxProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const uris = (federation: string, suffix: string) =>
    gatewayUrls.map((gateway) => `${gateway}/auth/${federation}/${suffix}`).join(',');
  const started = await startAppProcess(
    'identity-sandbox',
    {
      IDENTITY_SANDBOX_PORT: String(port),
      IDENTITY_SANDBOX_URL: url,
      IDENTITY_SANDBOX_FRANCECONNECT_REDIRECT_URIS: uris('franceconnect', 'callback'),
      IDENTITY_SANDBOX_FRANCECONNECT_POST_LOGOUT_REDIRECT_URIS: uris('franceconnect', 'logout/callback'),
      IDENTITY_SANDBOX_PROCONNECT_REDIRECT_URIS: uris('proconnect', 'callback'),
      IDENTITY_SANDBOX_PROCONNECT_POST_LOGOUT_REDIRECT_URIS: uris('proconnect', 'logout/callback'),
      IDENTITY_SANDBOX_SLOW_MS: String(slowMs),
    },
    url,
  );
  return {
    url,
    issuers: { franceconnect: `${url}/franceconnect/api/v2`, proconnect: `${url}/proconnect/api/v2` },
    output: started.output,
    stop: started.stop,
  };
}
