import path from 'node:path';
import { runTypescriptSync } from '@salle/testing';
import { ConfigError, ConfigErrors, defineConfig, env } from './index';

const definition = defineConfig({
  PORT: env.port(3000),
  DATABASE_URL: env.postgresUrl(),
  LOG_LEVEL: env.logLevel(),
  FEATURE: env.flag(false),
});

describe('defineConfig', () => {
  it('parses, applies defaults and freezes the result', () => {
    const config = definition.parse({ DATABASE_URL: 'postgres://u@localhost:5432/db', FEATURE: 'true' });
    expect(config).toEqual({
      PORT: 3000,
      DATABASE_URL: 'postgres://u@localhost:5432/db',
      LOG_LEVEL: 'info',
      FEATURE: true,
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { PORT: number }).PORT = 1;
    }).toThrow(TypeError);
  });

  it('names a missing variable and what is expected', () => {
    expect(problems(() => definition.parse({}))).toEqual([
      {
        variable: 'DATABASE_URL',
        missing: true,
        message:
          'DATABASE_URL is missing: expected a PostgreSQL URL such as postgres://user:password@host:5432/database',
      },
    ]);
  });

  it('reports every wrong variable of a start at once, in the order of the definition', () => {
    expect(
      problems(() => definition.parse({ PORT: '0', LOG_LEVEL: 'loud', FEATURE: 'yes' })).map(
        (problem) => problem.message,
      ),
    ).toEqual([
      'PORT is invalid: expected a TCP port number between 1 and 65535',
      'DATABASE_URL is missing: expected a PostgreSQL URL such as postgres://user:password@host:5432/database',
      'LOG_LEVEL is invalid: expected one of fatal, error, warn, info, debug, trace, silent',
      'FEATURE is invalid: expected true or false',
    ]);
  });

  it('runs the checks on the variables that parsed, without reporting a wrong variable twice', () => {
    const seen: unknown[] = [];
    const checked = defineConfig({ PORT: env.port(3000), FEATURE: env.flag(false) }, (config) => {
      seen.push({ ...config });
      return [
        config.FEATURE ? new ConfigError('FEATURE', 'false while PORT is 3000', false) : undefined,
        new ConfigError('PORT', 'reported by the check', false),
      ];
    });
    expect(problems(() => checked.parse({ PORT: 'abc', FEATURE: 'true' })).map((problem) => problem.message)).toEqual([
      'PORT is invalid: expected a TCP port number between 1 and 65535',
      'FEATURE is invalid: expected false while PORT is 3000',
    ]);
    expect(seen).toEqual([{ FEATURE: true }]);
  });

  it('keeps the description of a variable given a default or made optional', () => {
    const wrapped = defineConfig({ HOST: env.text().default('127.0.0.1'), URL: env.httpUrl().optional() });
    expect(() => wrapped.parse({ HOST: '   x', URL: 'ftp://nope' })).toThrow(
      'URL is invalid: expected an http:// or https:// URL',
    );
  });

  it('parses comma-separated lists and names the variable when an item is wrong', () => {
    const lists = defineConfig({
      ADMINS: env.list({
        defaults: ['a@x.fr'],
        lowerCase: true,
        item: (e) => e.includes('@'),
        description: 'a comma-separated list of e-mail addresses',
      }),
      URLS: env.list({
        required: true,
        item: env.isHttpUrl,
        description: 'a comma-separated list of http:// or https:// URLs',
        defaults: ['http://a'],
      }),
    });
    expect(lists.parse({})).toEqual({ ADMINS: ['a@x.fr'], URLS: ['http://a'] });
    expect(lists.parse({ ADMINS: ' B@X.fr , ,c@y.fr', URLS: 'https://a/cb,http://b/cb' })).toEqual({
      ADMINS: ['b@x.fr', 'c@y.fr'],
      URLS: ['https://a/cb', 'http://b/cb'],
    });
    expect(() => lists.parse({ ADMINS: 'a@x.fr,nobody' })).toThrow(
      'ADMINS is invalid: expected a comma-separated list of e-mail addresses',
    );
    expect(() => lists.parse({ URLS: ',' })).toThrow('URLS is invalid');
    expect(() => lists.parse({ URLS: 'ftp://a' })).toThrow('URLS is invalid');
  });

  it('treats an empty variable as missing', () => {
    expect(() => definition.parse({ DATABASE_URL: '  ' })).toThrow(/DATABASE_URL is missing/);
  });

  it.each([
    ['PORT', '70000', /PORT is invalid: expected a TCP port number between 1 and 65535/],
    ['PORT', 'abc', /PORT is invalid/],
    ['DATABASE_URL', 'mysql://localhost/db', /DATABASE_URL is invalid: expected a PostgreSQL URL/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL is invalid: expected one of fatal, error/],
    ['FEATURE', 'yes', /FEATURE is invalid: expected true or false/],
  ])('rejects a malformed %s=%s', (name, value, message) => {
    expect(() => definition.parse({ DATABASE_URL: 'postgres://localhost/db', [name]: value })).toThrow(message);
  });

  it('exits with code 1 and one line naming each wrong variable, without a stack trace', () => {
    const script = `
      const { defineConfig, env } = require(${JSON.stringify(path.join(__dirname, 'index.ts'))});
      defineConfig({ REDIS_URL: env.redisUrl(), PORT: env.port(3000) }).load();
      console.log('should not start');
    `;
    const result = runTypescriptSync(script, { PATH: process.env.PATH, REDIS_URL: 'http://wrong', PORT: '-1' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      'Configuration error: REDIS_URL is invalid: expected a Redis URL such as redis://127.0.0.1:6379',
      'Configuration error: PORT is invalid: expected a TCP port number between 1 and 65535',
    ]);
  });
});

/** The problems a parse threw, as plain data. */
function problems(parse: () => unknown): { variable: string; missing: boolean; message: string }[] {
  try {
    parse();
  } catch (error) {
    if (error instanceof ConfigErrors)
      return error.errors.map(({ variable, missing, message }) => ({ variable, missing, message }));
    throw error;
  }
  throw new Error('the configuration was accepted');
}
