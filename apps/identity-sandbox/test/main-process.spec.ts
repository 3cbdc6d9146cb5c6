import type { ChildProcess } from 'node:child_process';
import { freePort, runBundledAppToExit, spawnBundledApp, waitForPort } from '@salle/testing';

describe('main.ts', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('starts from the environment, warns once that it is a sandbox, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    let output = '';
    child = await spawnBundledApp('identity-sandbox', {
      env: { PATH: process.env['PATH'], IDENTITY_SANDBOX_PORT: String(port), LOG_LEVEL: 'info' },
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForPort('127.0.0.1', port, 20_000);

    const discovery = (await (
      await fetch(`http://127.0.0.1:${port}/franceconnect/api/v2/.well-known/openid-configuration`)
    ).json()) as {
      issuer: string;
    };
    expect(discovery.issuer).toBe(`http://127.0.0.1:${port}/franceconnect/api/v2`);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect(output.match(/IDENTITY SANDBOX: this is a FAKE/g)).toHaveLength(1);
    expect(output).not.toMatch(/in-memory adapter|you SHOULD change|you MUST change/);

    const exit = new Promise<number | null>((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('refuses to start with NODE_ENV=production, in one line', async () => {
    const { code, stdout, stderr } = await runBundledAppToExit('identity-sandbox', {
      NODE_ENV: 'production',
      IDENTITY_SANDBOX_PORT: String(await freePort()),
    });
    const output = stdout + stderr;
    expect(code).toBe(1);
    // oidc-provider may warn about the Node.js version when it is imported, before the configuration is read.
    expect(output.split('\n').filter((line) => !line.startsWith('oidc-provider WARNING'))).toEqual([
      'Configuration error: NODE_ENV is invalid: expected development or test: the identity sandbox is a fake FranceConnect and ProConnect and refuses NODE_ENV=production',
      '',
    ]);
  });
});
