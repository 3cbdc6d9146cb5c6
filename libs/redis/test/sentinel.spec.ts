// A real redis-sentinel (the Debian package) watching a Redis primary: the client configured with
// REDIS_SENTINELS finds the primary through it, though REDIS_URL names no reachable server.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startRedisServer, waitForPort } from '@salle/testing';
import { closeRedis, createRedis, type Redis } from '../src';

const SENTINEL = '/usr/bin/redis-sentinel';
const available = fs.existsSync(SENTINEL);

(available ? describe : describe.skip)('Redis through Sentinel', () => {
  let primary: { url: string; port: number; stop(): Promise<void> };
  let sentinel: ChildProcess;
  let sentinelPort: number;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salle-sentinel-'));
  const clients: Redis[] = [];

  beforeAll(async () => {
    primary = await startRedisServer();
    sentinelPort = await freePort();
    const config = path.join(dir, 'sentinel.conf');
    // Sentinel rewrites its configuration file: it must be its own, writable.
    fs.writeFileSync(
      config,
      [
        `port ${sentinelPort}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor salle-test 127.0.0.1 ${primary.port} 1`,
        'sentinel down-after-milliseconds salle-test 5000',
        '',
      ].join('\n'),
    );
    sentinel = spawn(SENTINEL, [config], { stdio: 'ignore' });
    await waitForPort('127.0.0.1', sentinelPort, 10_000);
  }, 30_000);

  afterAll(async () => {
    for (const client of clients) await closeRedis(client);
    if (sentinel?.exitCode === null) {
      const exited = new Promise((resolve) => sentinel.once('exit', resolve));
      sentinel.kill('SIGTERM');
      await exited;
    }
    await primary?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('asks the Sentinels for the primary and writes there', async () => {
    const client = createRedis({
      // Nothing listens there: only the Sentinels can lead the client to the primary.
      url: 'redis://127.0.0.1:1/0',
      keyPrefix: 'sentinel-test:',
      sentinels: [`127.0.0.1:${sentinelPort}`],
      sentinelName: 'salle-test',
    });
    clients.push(client);
    await client.set('greeting', 'bonjour');
    expect(await client.get('greeting')).toBe('bonjour');
    expect(await client.info('server')).toContain(`tcp_port:${primary.port}`);

    const direct = createRedis({ url: primary.url, keyPrefix: '' });
    clients.push(direct);
    expect(await direct.get('sentinel-test:greeting')).toBe('bonjour');
  });

  it('never connects when the Sentinels do not know the name', async () => {
    const client = createRedis({
      url: 'redis://127.0.0.1:1/0',
      keyPrefix: 'sentinel-test:',
      sentinels: [`127.0.0.1:${sentinelPort}`],
      sentinelName: 'unknown-primary',
    });
    client.on('error', () => undefined);
    clients.push(client);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(client.status).not.toBe('ready');
  });

  it('refuses Sentinels without the primary’s name', () => {
    expect(() =>
      createRedis({ url: 'redis://127.0.0.1:1', keyPrefix: '', sentinels: [`127.0.0.1:${sentinelPort}`] }),
    ).toThrow('REDIS_SENTINEL_NAME is required with REDIS_SENTINELS');
  });
});
