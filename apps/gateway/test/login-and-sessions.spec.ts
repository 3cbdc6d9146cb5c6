// Both federations end to end (login, /api/me, home page, logout at both
// ends), then the session rules: rotation, forged cookies, idle and absolute
// expiry, cookie attributes.
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase, Browser, formAction, hiddenInputs } from '@salle/testing';
import { reserveGatewayUrl, startGateway, type TestGateway } from './support/gateway-harness';
import { startSandboxProcess, type SandboxProcess } from './support/identity-sandbox-process';
import { chooseIdentity, login, me, secretsIn, sessionCookie, startLogin, type Provider } from './support/login-flow';
import { PERSONAL_DATA } from './support/refusals';

let database: TestDatabase;
let sandbox: SandboxProcess;
let gateway: TestGateway;
/** Sessions of 1 s idle and 2 s absolute. */
let shortLived: TestGateway;
let shortLivedUrl: string;

beforeAll(async () => {
  const url = await reserveGatewayUrl();
  shortLivedUrl = await reserveGatewayUrl();
  [database, sandbox] = await Promise.all([
    createTestDatabase('gateway_login'),
    startSandboxProcess([url, shortLivedUrl]),
  ]);
  gateway = await startGateway(url, database.url, sandbox);
  shortLived = await startGateway(shortLivedUrl, database.url, sandbox, {
    SESSION_IDLE_TIMEOUT_SECONDS: '1',
    SESSION_ABSOLUTE_TIMEOUT_SECONDS: '2',
  });
});

afterAll(async () => {
  await shortLived?.stop();
  await gateway?.stop();
  await sandbox?.stop();
  await database?.drop();
});

async function query<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Logs out through the home page's form and the provider's self-submitting page; returns the final page. */
async function logoutAtBothEnds(browser: Browser, provider: Provider) {
  const home = await browser.request(`${gateway.url}/`);
  const homeHtml = await home.text();
  expect(homeHtml).toContain('<form method="post" action="/auth/logout"');
  const fields = hiddenInputs(homeHtml);
  expect(fields['csrf']).toMatch(/^[\w-]{43}$/);
  const sessionBefore = sessionCookie(browser);

  const leaving = await browser.postForm(`${gateway.url}/auth/logout`, fields, { origin: gateway.url });
  expect(leaving.status).toBe(303);
  const endSession = new URL(leaving.headers.get('location') ?? '');
  expect(endSession.origin + endSession.pathname).toBe(`${sandbox.issuers[provider]}/session/end`);
  expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(
    `${gateway.url}/auth/${provider}/logout/callback`,
  );
  expect(endSession.searchParams.get('id_token_hint')).toMatch(/^eyJ/);
  const state = endSession.searchParams.get('state') ?? '';
  expect(state).toMatch(/^[\w-]{43}$/);
  // The local session is gone before the browser even reaches the provider.
  expect(sessionCookie(browser)).toBeUndefined();
  const stale = new Browser();
  stale.cookies.set('salle_session', sessionBefore ?? '');
  expect((await me(stale, gateway)).status).toBe(401);

  const page = await browser.navigate(endSession, sandbox.url);
  const html = await page.response.text();
  const confirmed = await browser.postForm(formAction(html, page.url), hiddenInputs(html));
  expect(confirmed.status).toBe(303);
  const back = new URL(confirmed.headers.get('location') ?? '');
  expect(back.origin + back.pathname).toBe(`${gateway.url}/auth/${provider}/logout/callback`);
  expect(back.searchParams.get('state')).toBe(state);
  const final = await browser.request(back);
  expect(final.status).toBe(200);
  const finalHtml = await final.text();
  expect(finalHtml).toContain('Vous êtes déconnecté(e)');
  // The logout page shares the site's layout: the département's header and the footer's legal pages.
  expect(finalHtml).toContain('<li><a href="/mentions-legales">Mentions légales</a></li>');
  // The state is single use.
  const again = await browser.request(back);
  expect(again.status).toBe(303);
  return finalHtml;
}

describe('FranceConnect login', () => {
  it('asks FranceConnect for eidas1 with a long state and nonce and no PKCE', async () => {
    const authorize = await startLogin(new Browser(), gateway, 'franceconnect');
    expect(authorize.origin + authorize.pathname).toBe(`${sandbox.issuers.franceconnect}/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toEqual({
      client_id: 'salle-sur-demande-franceconnect',
      response_type: 'code',
      redirect_uri: `${gateway.url}/auth/franceconnect/callback`,
      scope: 'openid given_name family_name preferred_username email',
      acr_values: 'eidas1',
      state: expect.stringMatching(/^[\w-]{43}$/),
      nonce: expect.stringMatching(/^[\w-]{43}$/),
    });
  });

  it('logs the canonical identity in, shows them and logs out at both ends', async () => {
    const browser = new Browser();
    const run = await login(browser, gateway, sandbox, 'franceconnect', 'test');
    expect(run.response.status).toBe(303);
    expect(run.response.headers.get('location')).toBe('/');
    const setCookie = run.response.headers.getSetCookie().find((line) => line.startsWith('salle_session='));
    expect(setCookie).toMatch(/^salle_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);

    const { status, body } = await me(browser, gateway);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      account: {
        provider: 'franceconnect',
        displayName: 'Angela Claire Louise DUBOIS',
        email: 'wossewodda-3728@yopmail.com',
      },
      roles: [],
      organisations: [],
      establishments: [],
      incomplete: true,
    });
    expect(Date.parse(body.session.expiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);

    const [account] = await query<{ provider: string; subject: string; claims: Record<string, string> }>(
      'SELECT provider, subject, claims FROM gateway.account WHERE id = $1',
      [body.account.id],
    );
    expect(account?.provider).toBe('franceconnect');
    expect(account?.subject).toMatch(/^[0-9a-f]{64}v1$/);
    // Only what the product uses: no birth date, birthplace or gender (data-minimisation.spec.ts).
    expect(account?.claims).toEqual({
      given_name: 'Angela Claire Louise',
      family_name: 'DUBOIS',
      email: 'wossewodda-3728@yopmail.com',
    });

    const home = await (await browser.request(`${gateway.url}/`)).text();
    expect(home).toContain('Bonjour Angela Claire Louise DUBOIS');
    expect(home).toContain('Vous êtes connecté(e) avec FranceConnect');

    await logoutAtBothEnds(browser, 'franceconnect');
    expect((await me(browser, gateway)).status).toBe(401);
    // FranceConnect's session ended too: the next login shows the identity list again, not a "continue" page.
    const page = await browser.navigate(await startLogin(browser, gateway, 'franceconnect'), sandbox.url);
    expect(await page.response.text()).toContain("Choisissez l'identité de test");

    expect(
      secretsIn(gateway.logs, [...PERSONAL_DATA, account?.subject, body.csrfToken, sessionCookie(browser)]),
    ).toEqual([]);
  });

  it('keeps one account per (provider, sub) across logins, and separate accounts for separate people', async () => {
    const first = await me(await loggedIn('franceconnect', 'test'), gateway);
    const second = await me(await loggedIn('franceconnect', 'test'), gateway);
    const other = await me(await loggedIn('franceconnect', 'bdd_default'), gateway);
    expect(second.body.account.id).toBe(first.body.account.id);
    expect(other.body.account.id).not.toBe(first.body.account.id);
    expect(other.body.account.displayName).toBe('Jeanne MARTIN');
  });
});

async function loggedIn(provider: Provider, identity: string, target: TestGateway = gateway): Promise<Browser> {
  const browser = new Browser();
  const run = await login(browser, target, sandbox, provider, identity);
  if (run.response.status !== 303)
    throw new Error(`login as ${identity} failed: ${run.response.status} ${run.body.slice(0, 300)}`);
  return browser;
}

describe('ProConnect login', () => {
  it('asks ProConnect with PKCE (S256) and an essential eidas1 acr', async () => {
    const authorize = await startLogin(new Browser(), gateway, 'proconnect');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(JSON.parse(authorize.searchParams.get('claims') ?? '{}')).toEqual({
      id_token: { acr: { essential: true, values: ['eidas1'] } },
    });
    expect(authorize.searchParams.get('scope')).toBe('openid given_name usual_name email siret organization_label');
  });

  it('logs a collège agent in with their SIRET and organisation, and logs out at both ends', async () => {
    const browser = await loggedIn('proconnect', 'Claire MARTIN');
    const { body } = await me(browser, gateway);
    expect(body.account).toMatchObject({
      provider: 'proconnect',
      displayName: 'Claire MARTIN',
      email: 'claire.martin@agents.sandbox.test',
      siret: '99990038421115',
      organisationLabel: 'Collège Champollion (Grenoble)',
    });
    // Not an admin; the collège link comes from the booking service, not reachable here.
    expect(body.roles).toEqual([]);
    expect(body.incomplete).toBe(true);
    await logoutAtBothEnds(browser, 'proconnect');
    expect((await me(browser, gateway)).status).toBe(401);
  });

  it('makes the configured agents département admins, and no one else', async () => {
    const admin = await me(await loggedIn('proconnect', 'Nathalie ROUX'), gateway);
    expect(admin.body.roles).toEqual(['department_admin']);
    const home = await (await loggedIn('proconnect', 'Thomas GIRARD')).request(`${gateway.url}/`);
    expect(await home.text()).toContain('Administrateur ou administratrice du département');
    expect((await me(await loggedIn('proconnect', 'Éric FABRE'), gateway)).body.roles).toEqual([]);
  });

  it('lists the admins who have logged in to admins only, for the delegation to sign conventions', async () => {
    const admin = await loggedIn('proconnect', 'Nathalie ROUX');
    const agent = await loggedIn('proconnect', 'Éric FABRE');
    const listed = await admin.request(`${gateway.url}/api/admin/admins`);
    expect(listed.status).toBe(200);
    const { items } = (await listed.json()) as { items: { accountId: string; displayName: string; email: string }[] };
    const nathalie = items.find((item) => item.displayName === 'Nathalie ROUX');
    expect(nathalie?.accountId).toBe((await me(admin, gateway)).body.account.id);
    expect(nathalie?.email).toMatch(/@/);
    // Only the configured admins: an agent who logged in but is not one is not listed.
    expect(items.map((item) => item.displayName)).not.toContain('Éric FABRE');
    const refused = await agent.request(`${gateway.url}/api/admin/admins`);
    expect([refused.status, ((await refused.json()) as { code: string }).code]).toEqual([403, 'forbidden']);
    expect((await new Browser().request(`${gateway.url}/api/admin/admins`)).status).toBe(401);
  });
});

describe('sessions', () => {
  it('gets a new id at each login; the previous id stops working', async () => {
    const browser = await loggedIn('franceconnect', 'test');
    const before = sessionCookie(browser);
    const run = await login(browser, gateway, sandbox, 'proconnect', 'Claire MARTIN');
    expect(run.response.status).toBe(303);
    const after = sessionCookie(browser);
    expect(after).not.toBe(before);
    expect((await me(browser, gateway)).body.account.displayName).toBe('Claire MARTIN');
    const old = new Browser();
    old.cookies.set('salle_session', before ?? '');
    expect((await me(old, gateway)).status).toBe(401);
  });

  it('does not keep an id planted before login (session fixation)', async () => {
    const attacker = await loggedIn('franceconnect', 'bdd_default');
    const planted = sessionCookie(attacker) ?? '';
    const victim = new Browser();
    victim.cookies.set('salle_session', planted);
    const authorize = await startLogin(victim, gateway, 'franceconnect');
    expect((await victim.request(await chooseIdentity(victim, sandbox, authorize, 'test'))).status).toBe(303);
    expect(sessionCookie(victim)).not.toBe(planted);
    expect((await me(victim, gateway)).body.account.displayName).toBe('Angela Claire Louise DUBOIS');
    // The planted id was destroyed, so the attacker's browser does not share the victim's session.
    expect((await me(attacker, gateway)).status).toBe(401);
  });

  it.each([
    ['a well-formed unknown id', 'A'.repeat(43)],
    ['a malformed value', '../../etc/passwd'],
    ['an oversized value', 'x'.repeat(5000)],
  ])('treats %s as no session and clears the cookie', async (_label, value) => {
    const browser = new Browser();
    browser.cookies.set('salle_session', value);
    const response = await browser.request(`${gateway.url}/api/me`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'unauthenticated' });
    expect(response.headers.getSetCookie()).toContain('salle_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
    const home = await browser.request(`${gateway.url}/`);
    expect(await home.text()).toContain('S’identifier avec');
  });

  it('ends after the idle timeout', async () => {
    const browser = await loggedIn('franceconnect', 'test', shortLived);
    expect((await me(browser, shortLived)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect((await me(browser, shortLived)).status).toBe(401);
  });

  it('ends at the absolute timeout even when used continuously', async () => {
    const browser = await loggedIn('franceconnect', 'test', shortLived);
    const started = Date.now();
    while (Date.now() - started < 1_500) {
      expect((await me(browser, shortLived)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await new Promise((resolve) => setTimeout(resolve, 2_100 - (Date.now() - started)));
    expect((await me(browser, shortLived)).status).toBe(401);
  });
});

describe('the gateway’s own description', () => {
  it('publishes /api/me, login and logout from its operation tables, each of them served', async () => {
    const response = await fetch(`${gateway.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/admin/admins',
      '/api/admin/erasure-requests',
      '/api/admin/erasure-requests/{id}/execute',
      '/api/audit-entries',
      '/api/audit-entries.csv',
      '/api/me',
      '/api/me/erasure-request',
      '/api/me/personal-data',
      '/api/openapi.json',
      '/api/privacy/retention',
      '/auth/logout',
      '/auth/{provider}/callback',
      '/auth/{provider}/login',
      '/auth/{provider}/logout/callback',
    ]);
    expect(Object.keys(document.paths['/api/me']?.['get']?.responses ?? {}).sort()).toEqual(['200', '400', '401']);
    expect(Object.keys(document.paths['/auth/{provider}/login']?.['get']?.responses ?? {})).toContain('303');
    // Each described flow is served: the login answers its redirect, logout without a session goes home.
    expect((await fetch(`${gateway.url}/auth/proconnect/login`, { redirect: 'manual' })).status).toBe(303);
    const logout = await fetch(`${gateway.url}/auth/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: gateway.url },
    });
    expect([logout.status, logout.headers.get('location')]).toEqual([303, '/']);
  });
});

describe('pages', () => {
  it('shows the official connect buttons, without any inline script or style', async () => {
    const response = await fetch(`${gateway.url}/`);
    const html = await response.text();
    expect(html).toContain('<html lang="fr">');
    // Without a site configuration: the neutral identity, the département named in text.
    expect(html).toContain('<p class="site-department">Département</p>');
    expect(html).toMatch(
      /<div class="connect-group">\s*<button class="connect connect--franceconnect" type="submit"><span class="connect__login">S’identifier avec<\/span><span class="connect__brand">FranceConnect<\/span><\/button>/,
    );
    expect(html).toContain(
      '<a href="https://franceconnect.gouv.fr/" target="_blank" rel="noopener" title="Qu’est-ce que FranceConnect\u00a0? - nouvelle fenêtre">Qu’est-ce que FranceConnect\u00a0?</a>',
    );
    expect(html).toContain('<span class="connect__brand">ProConnect</span>');
    expect(html).toContain('Qu’est-ce que ProConnect\u00a0?');
    expect(html).toContain('action="/auth/franceconnect/login"');
    expect(html.indexOf('FranceConnect</span>')).toBeLessThan(html.indexOf('ProConnect</span>'));
    expect(html).not.toMatch(/<script|<style|style=|onclick=/i);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'none'");
    expect(policy).toContain(`form-action 'self' ${sandbox.url}`);
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('upgrade-insecure-requests');
    const css = await fetch(`${gateway.url}/assets/gateway.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    const stylesheet = await css.text();
    expect(stylesheet).toContain('.connect:hover');
    // No State design system or brand: neither its classes nor its typeface.
    expect(`${html}${stylesheet}`).not.toMatch(/fr-[a-z]|dsfr|marianne|république française/i);
  });

  it('refuses a logout form posted from elsewhere or without the CSRF token', async () => {
    const browser = await loggedIn('franceconnect', 'test');
    const { csrf } = hiddenInputs(await (await browser.request(`${gateway.url}/`)).text());
    for (const [fields, origin] of [
      [{ csrf: csrf ?? '' }, 'https://evil.example'],
      [{}, gateway.url],
      [{ csrf: 'A'.repeat(43) }, gateway.url],
    ] as const) {
      const response = await browser.postForm(`${gateway.url}/auth/logout`, fields, { origin });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('Déconnexion refusée');
    }
    expect((await me(browser, gateway)).status).toBe(200);
  });
});
