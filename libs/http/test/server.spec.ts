import { once } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { spawnBundled } from '@salle/testing';

async function startFixture(): Promise<{ child: ChildProcess; port: number }> {
  const child = await spawnBundled('libs/http/test/fixtures/slow-service.ts', [], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /listening (\d+)/.exec(buffer);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`fixture exited early with ${code}`)));
  });
  return { child, port };
}

describe('graceful shutdown', () => {
  it('finishes an in-flight request after SIGTERM, refuses new ones, then exits 0', async () => {
    const { child, port } = await startFixture();
    const exited = once(child, 'exit');
    const inFlight = fetch(`http://127.0.0.1:${port}/slow?ms=800`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));

    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    const [code] = await exited;
    expect(code).toBe(0);
  });
});
