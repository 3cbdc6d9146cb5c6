import net, { type AddressInfo } from 'node:net';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { DatabaseOptions } from '@salle/db';
import { createLogger } from '@salle/runtime';
import {
  createTestDatabase,
  startTcpProxy,
  testRedisUrl,
  uniqueKeyPrefix,
  type TcpProxy,
  type TestDatabase,
} from '@salle/testing';
import { startService, StartupError, type RunningService } from '../src/index';

class CreateNotes1700000000000 implements MigrationInterface {
  name = 'CreateNotes1700000000000';
  async up(runner: QueryRunner) {
    await runner.query(`CREATE TABLE "svc"."note" (id serial PRIMARY KEY, body text NOT NULL)`);
  }
  async down(runner: QueryRunner) {
    await runner.query(`DROP TABLE "svc"."note"`);
  }
}

const logger = createLogger({ service: 'svc-test', level: 'silent' });

async function waitForStatus(url: string, status: number, timeoutMs = 8_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < deadline) {
    last = (await fetch(url)).status;
    if (last === status) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return last;
}

describe('startService', () => {
  let database: TestDatabase;
  let pgProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let service: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase('service');
    const pgUrl = new URL(database.url);
    const redisUrl = new URL(testRedisUrl());
    pgProxy = await startTcpProxy(pgUrl.hostname, Number(pgUrl.port || 5432));
    redisProxy = await startTcpProxy(redisUrl.hostname, Number(redisUrl.port || 6379));
    service = await startService({
      name: 'svc',
      logger,
      host: '127.0.0.1',
      port: 0,
      metrics: { host: '127.0.0.1', port: 0 },
      databaseUrl: pgProxy.url(database.url),
      redisUrl: redisProxy.url(testRedisUrl()),
      redisKeyPrefix: uniqueKeyPrefix('svc'),
      database: { schema: 'svc', migrations: [CreateNotes1700000000000] },
      routes: (app, { dataSource }) => {
        app.get('/notes', async (_req, res) => {
          res.json(await dataSource.query('SELECT body FROM svc.note'));
        });
      },
    });
  });

  afterAll(async () => {
    await service?.stop();
    await pgProxy?.close();
    await redisProxy?.close();
    await database?.drop();
  });

  it('runs the migrations in its own schema', async () => {
    const rows = await service.dataSource.query(`SELECT name FROM svc.migrations`);
    expect(rows.map((r: { name: string }) => r.name)).toEqual(['CreateNotes1700000000000']);
    expect((await fetch(`${service.url}/notes`)).status).toBe(200);
  });

  it('serves its metrics on their own listener, with route labels, and not on the API port', async () => {
    expect((await fetch(`${service.url}/notes`)).status).toBe(200);
    expect(service.metricsUrl).not.toBe(service.url);
    const metrics = await fetch(`${service.metricsUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/http_requests_total\{[^}]*route="\/notes"[^}]*status="200"/);
    const onApi = await fetch(`${service.url}/metrics`);
    expect(onApi.status).toBe(404);
    expect(await onApi.json()).toMatchObject({ code: 'route_not_found' });
    // The metrics listener serves nothing else: no API route, no health.
    expect((await fetch(`${service.metricsUrl}/notes`)).status).toBe(404);
  });

  it('uses its Redis key prefix', async () => {
    await service.redis.set('probe', '1');
    const prefix = service.redis.options.keyPrefix;
    expect(prefix).toMatch(/^t:svc:/);
  });

  it('reports not ready while PostgreSQL is away and ready again when it is back, without a restart', async () => {
    expect(await waitForStatus(`${service.url}/readyz`, 200)).toBe(200);
    pgProxy.cut();
    expect(await waitForStatus(`${service.url}/readyz`, 503)).toBe(503);
    // A request needing the database meanwhile gets a retryable 503, not a 500.
    const unavailable = await fetch(`${service.url}/notes`);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('2');
    expect(await unavailable.json()).toMatchObject({ code: 'service_unavailable' });
    const body = (await (await fetch(`${service.url}/readyz`)).json()) as { checks: Record<string, string> };
    expect(body.checks).toEqual({ postgres: 'down', redis: 'up' });
    pgProxy.restore();
    expect(await waitForStatus(`${service.url}/readyz`, 200)).toBe(200);
    expect((await fetch(`${service.url}/notes`)).status).toBe(200);
  });

  it('reports not ready while Redis is away and ready again when it is back', async () => {
    redisProxy.cut();
    expect(await waitForStatus(`${service.url}/readyz`, 503)).toBe(503);
    const body = (await (await fetch(`${service.url}/readyz`)).json()) as { checks: Record<string, string> };
    expect(body.checks).toEqual({ postgres: 'up', redis: 'down' });
    redisProxy.restore();
    expect(await waitForStatus(`${service.url}/readyz`, 200)).toBe(200);
  });
});

class SlowIndex1700000000001 implements MigrationInterface {
  name = 'SlowIndex1700000000001';
  async up(runner: QueryRunner) {
    // Long enough for every replica to reach the migration lock while the first one holds it.
    await runner.query('SELECT pg_sleep(0.5)');
    await runner.query(`CREATE INDEX note_body ON "svc"."note" (body)`);
  }
  async down(runner: QueryRunner) {
    await runner.query(`DROP INDEX "svc"."note_body"`);
  }
}

describe('startService from replicas starting together on an empty database', () => {
  it('starts every replica: one migrates, the others wait for it, and each migration is applied once', async () => {
    const database = await createTestDatabase('service_replicas');
    const lines: string[] = [];
    const replicaLogger = createLogger({
      service: 'svc-test',
      level: 'info',
      destination: { write: (line: string) => lines.push(line) },
    });
    const start = () =>
      startService({
        name: 'svc',
        logger: replicaLogger,
        host: '127.0.0.1',
        port: 0,
        metrics: { host: '127.0.0.1', port: 0 },
        databaseUrl: database.url,
        redisUrl: testRedisUrl(),
        redisKeyPrefix: uniqueKeyPrefix('svc'),
        database: { schema: 'svc', migrations: [CreateNotes1700000000000, SlowIndex1700000000001] },
        routes: (app, { dataSource }) => {
          app.get('/notes', async (_req, res) => {
            res.json(await dataSource.query('SELECT body FROM svc.note'));
          });
        },
      });
    const outcomes = await Promise.allSettled([start(), start(), start()]);
    const replicas = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    try {
      expect(outcomes.map((outcome) => (outcome.status === 'rejected' ? String(outcome.reason) : 'started'))).toEqual([
        'started',
        'started',
        'started',
      ]);
      for (const replica of replicas) expect((await fetch(`${replica.url}/notes`)).status).toBe(200);
      expect(await replicas[0]?.dataSource.query('SELECT name FROM svc.migrations ORDER BY id')).toEqual([
        { name: 'CreateNotes1700000000000' },
        { name: 'SlowIndex1700000000001' },
      ]);
      const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
      expect(messages.filter((msg) => msg === 'migrations applied')).toHaveLength(1);
      expect(
        messages.filter((msg) => msg === 'another process is migrating the database: waiting for it'),
      ).toHaveLength(2);
    } finally {
      await Promise.all(replicas.map((replica) => replica.stop()));
      await database.drop();
    }
  });
});

class AddNoteAuthor1700000000002 implements MigrationInterface {
  name = 'AddNoteAuthor1700000000002';
  async up(runner: QueryRunner) {
    // An expand step: a nullable column, which version N neither reads nor has to write.
    await runner.query('SELECT pg_sleep(1)');
    await runner.query(`ALTER TABLE "svc"."note" ADD COLUMN author text`);
  }
  async down(runner: QueryRunner) {
    await runner.query(`ALTER TABLE "svc"."note" DROP COLUMN author`);
  }
}

describe('startService during a rolling upgrade', () => {
  it('keeps a replica of version N answering, reads and writes, while version N+1 migrates and starts', async () => {
    const database = await createTestDatabase('service_upgrade');
    const version = (migrations: DatabaseOptions['migrations'], columns: string) =>
      startService({
        name: 'svc',
        logger,
        host: '127.0.0.1',
        port: 0,
        metrics: { host: '127.0.0.1', port: 0 },
        databaseUrl: database.url,
        redisUrl: testRedisUrl(),
        redisKeyPrefix: uniqueKeyPrefix('svc'),
        database: { schema: 'svc', migrations },
        routes: (app, { dataSource }) => {
          app.get('/notes', async (_req, res) => {
            res.json(await dataSource.query(`SELECT ${columns} FROM svc.note ORDER BY id`));
          });
          app.post('/notes', async (_req, res) => {
            await dataSource.query(`INSERT INTO svc.note (body) VALUES ('from a request')`);
            res.status(201).json({});
          });
        },
      });
    const current = await version([CreateNotes1700000000000], 'body');
    let next: RunningService | undefined;
    try {
      const statuses: number[] = [];
      let upgrading = true;
      const upgrade = version([CreateNotes1700000000000, AddNoteAuthor1700000000002], 'body, author').finally(
        () => (upgrading = false),
      );
      while (upgrading) {
        statuses.push(
          (await fetch(`${current.url}/notes`)).status,
          (await fetch(`${current.url}/notes`, { method: 'POST' })).status,
        );
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      next = await upgrade;
      expect(statuses.length).toBeGreaterThan(10);
      expect(statuses.filter((status) => status !== 200 && status !== 201)).toEqual([]);
      // Both versions serve the expanded schema side by side.
      expect((await fetch(`${current.url}/notes`, { method: 'POST' })).status).toBe(201);
      const rows = (await (await fetch(`${next.url}/notes`)).json()) as { body: string; author: string | null }[];
      expect(rows.length).toBe(statuses.length / 2 + 1);
      expect(rows.every((row) => row.author === null)).toBe(true);
    } finally {
      await next?.stop();
      await current.stop();
      await database.drop();
    }
  });
});

describe('startService when its metrics address is taken', () => {
  it('refuses to start, naming the address, and leaves nothing open', async () => {
    const database = await createTestDatabase('service_metrics');
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const failure = await startService({
        name: 'svc',
        logger,
        host: '127.0.0.1',
        port: 0,
        metrics: { host: '127.0.0.1', port },
        databaseUrl: database.url,
        redisUrl: testRedisUrl(),
        redisKeyPrefix: uniqueKeyPrefix('svc'),
        database: { schema: 'svc' },
        routes: () => undefined,
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StartupError);
      expect((failure as Error).message).toMatch(
        new RegExp(`^The metrics listener cannot listen on 127\\.0\\.0\\.1:${port} \\(.*EADDRINUSE`),
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
      await database.drop();
    }
  });
});

describe('startService when a dependency never answers', () => {
  it('gives up after the configured attempts with a message naming PostgreSQL', async () => {
    const proxy = await startTcpProxy('127.0.0.1', 1);
    proxy.cut();
    const failure = await startService({
      name: 'svc',
      logger,
      host: '127.0.0.1',
      port: 0,
      metrics: { host: '127.0.0.1', port: 0 },
      databaseUrl: proxy.url('postgres://postgres:topsecret@127.0.0.1:5432/none'),
      redisUrl: testRedisUrl(),
      database: { schema: 'svc' },
      startupAttempts: 2,
      routes: () => undefined,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StartupError);
    expect((failure as Error).message).toMatch(
      /^PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/none did not answer after 2 attempts/,
    );
    expect((failure as Error).message).not.toContain('topsecret');
    await proxy.close();
  });
});
