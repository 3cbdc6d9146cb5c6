import type { ChildProcess } from 'node:child_process';
import { freePort, spawnBundledApp, waitForPort } from '@salle/testing';

function collect(child: ChildProcess) {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { stderr: () => stderr, exited };
}

describe('payfip-sandbox process', () => {
  it('warns loudly at start that it is not PayFiP, and serves its health check', async () => {
    const port = await freePort();
    const child = await spawnBundledApp('payfip-sandbox', {
      env: { ...process.env, PAYFIP_SANDBOX_PORT: String(port), LOG_LEVEL: 'warn' },
    });
    const output = collect(child);
    try {
      await waitForPort('127.0.0.1', port, 20_000);
      expect(output.stderr()).toContain('PAYFIP SANDBOX: THIS IS NOT PAYFIP (DGFiP).');
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await output.exited;
    }
  });

  it('refuses to start in production', async () => {
    const child = await spawnBundledApp('payfip-sandbox', {
      env: { ...process.env, NODE_ENV: 'production', PAYFIP_SANDBOX_PORT: String(await freePort()) },
    });
    const output = collect(child);
    expect(await output.exited).toBe(1);
    expect(output.stderr()).toContain(
      'the payfip-sandbox moves no money and refuses to start with NODE_ENV=production',
    );
  });
});
