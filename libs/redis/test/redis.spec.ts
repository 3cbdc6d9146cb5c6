import { startRedisServer, testRedisUrl, uniqueKeyPrefix } from '@salle/testing';
import { closeRedis, createRedis, pingRedis } from '../src/index';

describe('createRedis', () => {
  it('prefixes every key with the service prefix, so two services never collide', async () => {
    const prefixA = uniqueKeyPrefix('a');
    const prefixB = uniqueKeyPrefix('b');
    const a = createRedis({ url: testRedisUrl(), keyPrefix: prefixA });
    const b = createRedis({ url: testRedisUrl(), keyPrefix: prefixB });
    const raw = createRedis({ url: testRedisUrl(), keyPrefix: '' });
    try {
      await a.set('session', 'from-a');
      await b.set('session', 'from-b');
      expect(await a.get('session')).toBe('from-a');
      expect(await b.get('session')).toBe('from-b');
      expect(await raw.get(`${prefixA}session`)).toBe('from-a');
      await a.xadd('events', '*', 'id', '1');
      expect(await raw.xlen(`${prefixA}events`)).toBe(1);
    } finally {
      await raw.del(`${prefixA}session`, `${prefixB}session`, `${prefixA}events`);
      await Promise.all([closeRedis(a), closeRedis(b), closeRedis(raw)]);
    }
  });

  it('reports readiness, reconnects after a restart, and closes cleanly', async () => {
    const server = await startRedisServer();
    const redis = createRedis({ url: server.url, keyPrefix: uniqueKeyPrefix('r') });
    try {
      await redis.ping();
      await expect(pingRedis(redis)).resolves.toBeUndefined();
      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await expect(pingRedis(redis)).rejects.toThrow(/redis connection is/);
      const restarted = await startRedisServer(server.port);
      try {
        const deadline = Date.now() + 5_000;
        while (redis.status !== 'ready' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        await expect(pingRedis(redis)).resolves.toBeUndefined();
      } finally {
        await closeRedis(redis);
        expect(redis.status).toBe('end');
        await restarted.stop();
      }
    } finally {
      // Only when the close above did not run: ioredis' disconnect arms a 2 s timer that an already
      // closed stream never clears, which kept jest alive after the run.
      if (redis.status !== 'end') redis.disconnect();
      await server.stop();
    }
  });
});
