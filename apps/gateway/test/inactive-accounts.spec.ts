// Accounts without activity: the gateway's retention job (running every 300 ms here) warns an account nobody
// logged in to for RETENTION_INACTIVE_ACCOUNT_YEARS, through an event the real notification service turns into an
// e-mail; a login keeps the account; one still unused RETENTION_INACTIVE_ACCOUNT_NOTICE_DAYS after the warning is
// erased like an erasure request. Time passing is simulated by moving the accounts' dates back.
import { Client } from 'pg';
import { me } from './support/login-flow';
import { startPrivacyStack, type PrivacyStack } from './support/privacy-stack';

let stack: PrivacyStack;

beforeAll(async () => {
  stack = await startPrivacyStack('gateway_inactive', { GATEWAY_RETENTION_INTERVAL_MS: '300' });
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

async function rows<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: stack.database.url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

describe('accounts without activity', () => {
  it('are warned by e-mail, kept when the person logs in, erased after the notice otherwise', async () => {
    const angela = await stack.loggedIn('franceconnect', 'test');
    const jeanne = await stack.loggedIn('franceconnect', 'bdd_default');
    const angelaId = (await me(angela, stack.gateway)).body.account.id;
    const jeanneId = (await me(jeanne, stack.gateway)).body.account.id;
    const both = [angelaId, jeanneId];
    await until('notification knows both contacts', async () => {
      const known = await rows(`SELECT 1 FROM notification.account_contact WHERE account_id = ANY($1)`, [both]);
      return known.length === 2;
    });
    // Nothing is due yet: recent accounts are never warned.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await rows(`SELECT id FROM gateway.account WHERE inactivity_warned_at IS NOT NULL`)).toEqual([]);

    // Four years without a login.
    await rows(`UPDATE gateway.account SET last_login_at = now() - interval '4 years' WHERE id = ANY($1)`, [both]);
    await until('both warned by e-mail', async () => {
      const sent = await rows(
        `SELECT 1 FROM notification.message m JOIN notification.account_contact c ON c.email = m.recipient
          WHERE m.template = 'account_inactivity' AND c.account_id = ANY($1)`,
        [both],
      );
      return sent.length === 2;
    });
    const [warning] = await rows<{ subject: string; body_text: string }>(
      `SELECT subject, body_text FROM notification.message WHERE template = 'account_inactivity'
          AND recipient = 'wossewodda-3728@yopmail.com'`,
    );
    expect(warning?.subject).toMatch(/^Votre compte sera supprimé le \S+ \d{1,2} \S+ \d{4}$/);
    expect(warning?.body_text).toContain('il suffit de vous connecter avant cette date');
    // Warned once: the job's next runs do not warn again.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await rows(`SELECT 1 FROM notification.message WHERE template = 'account_inactivity'`)).toHaveLength(2);

    // Jeanne logs in: her account is kept. The notice period then passes for Angela.
    await stack.loggedIn('franceconnect', 'bdd_default');
    expect(await rows(`SELECT inactivity_warned_at FROM gateway.account WHERE id = $1`, [jeanneId])).toEqual([
      { inactivity_warned_at: null },
    ]);
    await rows(
      `UPDATE gateway.account SET inactivity_warned_at = inactivity_warned_at - interval '31 days' WHERE id = $1`,
      [angelaId],
    );
    await until(
      'Angela erased',
      async () => (await rows(`SELECT 1 FROM gateway.account WHERE id = $1`, [angelaId])).length === 0,
    );
    const [request] = await rows<{ executed_at: Date | null; report: Record<string, unknown> }>(
      `SELECT executed_at, report FROM gateway.erasure_request WHERE account_id = $1`,
      [angelaId],
    );
    expect(request?.executed_at).not.toBeNull();
    expect(Object.keys(request?.report ?? {}).sort()).toEqual(['booking', 'deadLetters', 'notification', 'payment']);
    expect(await rows(`SELECT 1 FROM notification.account_contact WHERE account_id = $1`, [angelaId])).toEqual([]);
    expect((await me(angela, stack.gateway)).status).toBe(401);
    expect((await me(jeanne, stack.gateway)).status).toBe(200);

    const metrics = await (await fetch(`${stack.gateway.service.metricsUrl}/metrics`)).text();
    expect(metrics).toMatch(/^retention_records_total\{kind="inactive_accounts",action="warned"[^}]*\} 2$/m);
    expect(metrics).toMatch(/^retention_records_total\{kind="inactive_accounts",action="erased"[^}]*\} 1$/m);
  });

  it('pseudonymise the audit entries older than GATEWAY_AUDIT_PSEUDONYMISE_AFTER_YEARS in the same job', async () => {
    const withActor = () =>
      rows<{ id: string }>(
        `SELECT id::text AS id FROM gateway.audit_log WHERE actor_account_id IS NOT NULL ORDER BY id`,
      );
    const younger = (await withActor()).slice(0, -1);
    // The erasure above is the last entry, by the retention's caller; six years pass for it.
    const [entry] = await rows<{ id: string }>(
      `UPDATE gateway.audit_log SET at = at - interval '6 years'
        WHERE id = (SELECT max(id) FROM gateway.audit_log) AND action = 'erasure.executed' RETURNING id::text AS id`,
    );
    expect(entry).toBeDefined();
    await until(
      'the entry pseudonymised',
      async () =>
        (await rows(`SELECT 1 FROM gateway.audit_log WHERE id = $1 AND actor_account_id IS NULL`, [entry?.id]))
          .length === 1,
    );
    // Younger entries keep who acted.
    expect(await withActor()).toEqual(younger);
    const metrics = await (await fetch(`${stack.gateway.service.metricsUrl}/metrics`)).text();
    expect(metrics).toMatch(/^retention_records_total\{kind="audit_entries",action="pseudonymised"[^}]*\} 1$/m);
  });
});
