import type { ChildProcess } from 'node:child_process';
import { freePort, spawnBundledApp, waitForPort } from '@salle/testing';

function collect(child: ChildProcess) {
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { stderr: () => stderr, stdout: () => stdout, exited };
}

describe('stripe-sandbox process', () => {
  it('warns loudly at start that it is not Stripe', async () => {
    const port = await freePort();
    const child = await spawnBundledApp('stripe-sandbox', {
      env: { ...process.env, STRIPE_SANDBOX_PORT: String(port), LOG_LEVEL: 'warn', STRIPE_SANDBOX_WEBHOOK_URL: 'none' },
    });
    const output = collect(child);
    try {
      await waitForPort('127.0.0.1', port, 20_000);
      expect(output.stderr()).toContain('STRIPE SANDBOX: THIS IS NOT STRIPE.');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(output.stdout()).toContain('"webhooks":"disabled"');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await output.exited;
    }
  });

  it('refuses to start in production', async () => {
    const child = await spawnBundledApp('stripe-sandbox', {
      env: { ...process.env, NODE_ENV: 'production', STRIPE_SANDBOX_PORT: String(await freePort()) },
    });
    const output = collect(child);
    expect(await output.exited).toBe(1);
    expect(output.stderr().trimEnd().split('\n')).toEqual([
      'Configuration error: NODE_ENV is invalid: expected development or test: the stripe-sandbox moves no money and refuses to start with NODE_ENV=production (configure STRIPE_SECRET_KEY in the payment service instead, or set STRIPE_SANDBOX_ALLOW_PRODUCTION=true for a demo)',
    ]);
  });
});
