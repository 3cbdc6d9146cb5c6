'use strict';
// Setup file of every `test` (unit) target: such a target starts no PostgreSQL or Redis and Nx caches
// its result, so a spec that needs them belongs in the project's `test/` folder (the `integration`
// target). Opening a PostgreSQL or Redis connection, or calling a test helper that needs one or that
// starts a server process, fails at once with a message that says so, instead of hanging on a
// connection or passing by luck on a machine where a server happens to run.
// The mocks wrap the real modules lazily: a spec that never loads them pays nothing.
/* global jest */

const MESSAGE = 'integration spec in a unit target: move it to test/';

function refused(what) {
  return new Error(`${what}: ${MESSAGE} (the \`integration\` target provides PostgreSQL and Redis).`);
}

function refusing(what) {
  return () => {
    throw refused(what);
  };
}

jest.mock('pg', () => {
  const pg = jest.requireActual('pg');
  // Pool connects through Client, and so does TypeORM's postgres driver.
  pg.Client.prototype.connect = function connect(callback) {
    const error = refused('PostgreSQL connection');
    if (typeof callback === 'function') return void process.nextTick(callback, error);
    return Promise.reject(error);
  };
  return pg;
});

jest.mock('ioredis', () => {
  const ioredis = jest.requireActual('ioredis');
  // Throws in the constructor of a client that connects at once, or at the first command of a lazy one.
  ioredis.Redis.prototype.connect = refusing('Redis connection');
  return ioredis;
});

const infraHelpers = ['ensureTestInfra', 'startEmbeddedPostgres', 'startRedisServer'];
const testingHelpers = [
  'createTestDatabase',
  'databaseExists',
  'testRedisUrl',
  'startRedisServer',
  'startTcpProxy',
  'startBundledApp',
  'spawnBundledApp',
  'spawnBundled',
  'runBundledAppToExit',
  'spawnTypescript',
  'runTypescriptToExit',
];

function withRefusals(actual, names, from) {
  const wrapped = { ...actual };
  for (const name of names) if (name in actual) wrapped[name] = refusing(`${name}() of ${from}`);
  return wrapped;
}

jest.mock('@salle/testing/infra', () =>
  withRefusals(jest.requireActual('@salle/testing/infra'), infraHelpers, '@salle/testing/infra'),
);
jest.mock('@salle/testing', () => withRefusals(jest.requireActual('@salle/testing'), testingHelpers, '@salle/testing'));
