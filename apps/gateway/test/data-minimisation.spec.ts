// Data minimisation: the gateway asks the federations only for the scopes the product uses and stores only
// the claims it reads, even when a federation sends more; the migration strips what older accounts kept.
import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase, Browser } from '@salle/testing';
import { MinimalAccountClaims1796750000000 } from '../src/database/migrations/1796750000000-minimal-account-claims';
import { reserveGatewayUrl, startGateway, type TestGateway } from './support/gateway-harness';
import { startSandboxProcess, type SandboxProcess } from './support/identity-sandbox-process';
import { login, me, secretsIn, startLogin, type Provider } from './support/login-flow';
import { PERSONAL_DATA } from './support/refusals';

let database: TestDatabase;
let sandbox: SandboxProcess;
let gateway: TestGateway;

beforeAll(async () => {
  const url = await reserveGatewayUrl();
  [database, sandbox] = await Promise.all([createTestDatabase('gateway_minimal'), startSandboxProcess([url])]);
  gateway = await startGateway(url, database.url, sandbox);
});

afterAll(async () => {
  await gateway?.stop();
  await sandbox?.stop();
  await database?.drop();
});

async function withClient<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function storedClaims(accountId: string): Promise<Record<string, unknown>> {
  const { rows } = await withClient((client) =>
    client.query<{ claims: Record<string, unknown> }>('SELECT claims FROM gateway.account WHERE id = $1', [accountId]),
  );
  if (!rows[0]) throw new Error(`no account ${accountId}`);
  return rows[0].claims;
}

/** Logs in, the authorization request's scope replaced by `scope` (a federation sending more than asked). */
async function loginAsking(provider: Provider, identity: string, scope?: string): Promise<string> {
  const browser = new Browser();
  const run = await login(browser, gateway, sandbox, provider, identity, (url) => {
    if (scope) url.searchParams.set('scope', scope);
    return url;
  });
  if (run.response.status !== 303) throw new Error(`login failed: ${run.response.status} ${run.body.slice(0, 300)}`);
  return (await me(browser, gateway)).body.account.id;
}

describe('scopes asked', () => {
  it.each([
    ['franceconnect', 'openid given_name family_name preferred_username email'],
    ['proconnect', 'openid given_name usual_name email siret organization_label'],
  ] as const)('asks %s only for %s', async (provider, scope) => {
    const authorize = await startLogin(new Browser(), gateway, provider);
    expect(authorize.searchParams.get('scope')).toBe(scope);
  });
});

describe('claims stored', () => {
  it('keeps of a FranceConnect identity only its names and e-mail, even when birth data and gender come', async () => {
    const accountId = await loginAsking('franceconnect', 'test', 'openid profile birth email');
    expect(await storedClaims(accountId)).toEqual({
      given_name: 'Angela Claire Louise',
      family_name: 'DUBOIS',
      email: 'wossewodda-3728@yopmail.com',
    });
    const [row] = (
      await withClient((client) =>
        client.query('SELECT claims::text AS text FROM gateway.account WHERE id = $1', [accountId]),
      )
    ).rows as { text: string }[];
    for (const value of ['1962-08-24', '75107', '99100', 'female']) expect(row?.text).not.toContain(value);
  });

  it('keeps of a ProConnect agent only names, e-mail, SIRET and organisation, even when uid comes', async () => {
    const accountId = await loginAsking(
      'proconnect',
      'Claire MARTIN',
      'openid given_name usual_name email uid siret organization_label',
    );
    expect(Object.keys(await storedClaims(accountId)).sort()).toEqual(
      ['email', 'given_name', 'organization_label', 'siret', 'usual_name'].sort(),
    );
    expect(await storedClaims(accountId)).toMatchObject({ siret: '99990038421115', usual_name: 'MARTIN' });
  });

  it('writes no personal data in the logs', () => {
    expect(secretsIn(gateway.logs, PERSONAL_DATA)).toEqual([]);
  });
});

describe('the minimisation migration', () => {
  it('strips the claims older accounts kept beyond those used, and nothing else', async () => {
    const legacy = {
      franceconnect: {
        given_name: 'Jeanne',
        family_name: 'MARTIN',
        email: 'jeanne@example.test',
        birthdate: '1980-06-15',
        birthplace: '38185',
        birthcountry: '99100',
        gender: 'female',
        given_name_array: ['Jeanne'],
      },
      proconnect: {
        given_name: 'Paul',
        usual_name: 'ROUX',
        email: 'paul.roux@example.test',
        siret: '99990038421115',
        organization_label: 'Collège',
        uid: '42',
        idp_id: 'fia1v2',
      },
    };
    const ids = await withClient(async (client) => {
      const inserted: Record<string, string> = {};
      for (const [provider, claims] of Object.entries(legacy)) {
        const { rows } = await client.query<{ id: string }>(
          `INSERT INTO gateway.account (provider, subject, claims) VALUES ($1, $2, $3) RETURNING id`,
          [provider, `legacy-${provider}`, JSON.stringify(claims)],
        );
        inserted[provider] = rows[0]?.id ?? '';
      }
      const runner = { query: (sql: string) => client.query(sql) } as unknown as QueryRunner;
      await new MinimalAccountClaims1796750000000().up(runner);
      // Idempotent: a second run changes nothing.
      await new MinimalAccountClaims1796750000000().up(runner);
      return inserted;
    });
    expect(await storedClaims(ids['franceconnect'] ?? '')).toEqual({
      given_name: 'Jeanne',
      family_name: 'MARTIN',
      email: 'jeanne@example.test',
    });
    expect(await storedClaims(ids['proconnect'] ?? '')).toEqual({
      given_name: 'Paul',
      usual_name: 'ROUX',
      email: 'paul.roux@example.test',
      siret: '99990038421115',
      organization_label: 'Collège',
    });
  });
});
