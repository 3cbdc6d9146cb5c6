// The negative cases of docs/federations.md, each driven through
// the real redirect flow: the gateway, the identity sandbox as a child process
// and its fault identities. Every refusal must end on a French page with a
// retry link, create no session and log no secret.
import { createTestDatabase, type TestDatabase, Browser, linkHref } from '@salle/testing';
import { reserveGatewayUrl, startGateway, type TestGateway } from './support/gateway-harness';
import { startSandboxProcess, type SandboxProcess } from './support/identity-sandbox-process';
import { chooseIdentity, login, me, sessionCookie, startLogin, wireSecrets, type Provider } from './support/login-flow';
import { expectRefused, type ExpectedRefusal } from './support/refusals';

const SLOW_MS = 4_000; // the sandbox's *-slow faults; the gateway gives up after 2 s

let database: TestDatabase;
let sandbox: SandboxProcess;
let gateway: TestGateway;

beforeAll(async () => {
  const url = await reserveGatewayUrl();
  [database, sandbox] = await Promise.all([
    createTestDatabase('gateway_negative'),
    startSandboxProcess([url], SLOW_MS),
  ]);
  gateway = await startGateway(url, database.url, sandbox);
});

afterAll(async () => {
  await gateway?.stop();
  await sandbox?.stop();
  await database?.drop();
});

const refusedAs = {
  stateUnknown: { status: 400, title: 'Demande de connexion expirée', reason: 'state_unknown' },
  stateMissing: { status: 400, title: 'Demande de connexion invalide', reason: 'state_missing' },
  issMismatch: { status: 400, title: 'Connexion refusée', reason: 'iss_mismatch' },
  invalidToken: { status: 502, title: 'Connexion refusée', reason: 'invalid_token' },
  acr: { status: 502, title: 'Connexion refusée', reason: 'acr_refused' },
  iat: { status: 502, title: 'Connexion refusée', reason: 'iat_in_future' },
  providerFailure: { status: 502, title: 'Service momentanément indisponible', reason: 'provider_failure' },
  providerError: { status: 502, title: 'Service momentanément indisponible', reason: 'provider_error' },
  timeout: { status: 504, title: 'Délai dépassé', reason: 'provider_timeout' },
  integration: { status: 502, title: 'Connexion impossible', reason: 'integration_error' },
  cancelled: { status: 401, title: 'Connexion annulée', reason: 'cancelled' },
  tokenRejected: { status: 400, title: 'Connexion expirée', reason: 'token_rejected' },
  invalidClaims: { status: 502, title: 'Informations d’identité incomplètes', reason: 'invalid_claims' },
} satisfies Record<string, Omit<ExpectedRefusal, 'provider' | 'secrets'>>;

/** Logs in as `identity` and expects the gateway to refuse the callback. */
async function refusedLogin(
  identity: string,
  expected: Omit<ExpectedRefusal, 'provider' | 'secrets'>,
  provider: Provider = 'franceconnect',
  tamper?: (url: URL) => URL,
) {
  const browser = new Browser();
  const logsBefore = gateway.logs.length;
  const run = await login(browser, gateway, sandbox, provider, identity, tamper);
  expect(run.callbackUrl.origin + run.callbackUrl.pathname).toBe(`${gateway.url}/auth/${provider}/callback`);
  await expectRefused(browser, gateway, run.response, { ...expected, provider, secrets: wireSecrets(run) }, logsBefore);
  return run;
}

const fault = (name: string) => `panne_${name}`;

describe('FranceConnect negative cases', () => {
  it('1. a callback state different from the stored one is refused', async () => {
    const run = await refusedLogin(fault('callback-wrong-state'), refusedAs.stateUnknown);
    expect(run.callbackUrl.searchParams.get('state')).not.toBe(run.authorizeUrl.searchParams.get('state'));
  });

  it('2. a callback without state, or with state=undefined, is refused', async () => {
    for (const state of [undefined, 'undefined', '']) {
      const browser = new Browser();
      const logsBefore = gateway.logs.length;
      const authorizeUrl = await startLogin(browser, gateway, 'franceconnect');
      const callbackUrl = await chooseIdentity(browser, sandbox, authorizeUrl, 'test');
      const altered = new URL(callbackUrl);
      if (state === undefined) altered.searchParams.delete('state');
      else altered.searchParams.set('state', state);
      const response = await browser.request(altered);
      await expectRefused(
        browser,
        gateway,
        response,
        { ...refusedAs.stateMissing, secrets: wireSecrets({ authorizeUrl, callbackUrl }) },
        logsBefore,
      );
    }
  });

  it('3. a replayed callback URL (state already used) is refused, in the same browser and in another', async () => {
    const victim = new Browser();
    const run = await login(victim, gateway, sandbox, 'franceconnect', 'test');
    expect(run.response.status).toBe(303);
    const victimSession = sessionCookie(victim);

    const replayedHere = await victim.request(run.callbackUrl);
    expect(replayedHere.status).toBe(400);
    expect(await replayedHere.text()).toContain('Demande de connexion expirée');
    // The replay neither ends nor replaces the victim's session.
    expect(sessionCookie(victim)).toBe(victimSession);
    expect((await me(victim, gateway)).status).toBe(200);

    const attacker = new Browser();
    const logsBefore = gateway.logs.length;
    const replayed = await attacker.request(run.callbackUrl);
    await expectRefused(
      attacker,
      gateway,
      replayed,
      { ...refusedAs.stateUnknown, secrets: wireSecrets(run) },
      logsBefore,
    );
  });

  it('3b. a state started in another browser is refused, and the victim can still finish their login', async () => {
    const victim = new Browser();
    const authorizeUrl = await startLogin(victim, gateway, 'franceconnect');
    const callbackUrl = await chooseIdentity(victim, sandbox, authorizeUrl, 'test');
    const attacker = new Browser();
    const logsBefore = gateway.logs.length;
    await expectRefused(
      attacker,
      gateway,
      await attacker.request(callbackUrl),
      { ...refusedAs.stateUnknown, secrets: wireSecrets({ authorizeUrl, callbackUrl }) },
      logsBefore,
    );
    const finished = await victim.request(callbackUrl);
    expect(finished.status).toBe(303);
    expect((await me(victim, gateway)).body.account.displayName).toBe('Angela Claire Louise DUBOIS');
  });

  it('4. an ID token whose nonce is not the stored one is refused', async () => {
    await refusedLogin(fault('id-token-wrong-nonce'), refusedAs.invalidToken);
  });

  it.each(['callback-missing-iss', 'callback-wrong-iss'])(
    '5. %s: the callback iss parameter is checked (RFC 9207)',
    async (name) => {
      await refusedLogin(fault(name), refusedAs.issMismatch);
    },
  );

  it('6. an ID token from another issuer is refused', async () => {
    await refusedLogin(fault('id-token-wrong-iss'), refusedAs.invalidToken);
  });

  it.each(['id-token-wrong-aud', 'id-token-extra-aud'])('7. %s: the audience is checked', async (name) => {
    await refusedLogin(fault(name), refusedAs.invalidToken);
  });

  it('8. an expired ID token is refused', async () => {
    await refusedLogin(fault('id-token-expired'), refusedAs.invalidToken);
  });

  it('9. an ID token issued in the future (iat) is refused', async () => {
    await refusedLogin(fault('id-token-future-iat'), refusedAs.iat);
  });

  it('10. an unsigned ID token (alg none) is refused', async () => {
    await refusedLogin(fault('id-token-alg-none'), refusedAs.invalidToken);
  });

  it('11. an HS256 ID token signed with the client secret (downgrade) is refused', async () => {
    await refusedLogin(fault('id-token-hs256'), refusedAs.invalidToken);
  });

  it('12. an RS256 ID token when ES256 is registered is refused', async () => {
    await refusedLogin(fault('id-token-rs256'), refusedAs.invalidToken);
  });

  it('13. an unknown kid is refused after one JWKS refresh; a rotated key is accepted right away', async () => {
    // A login first, so the gateway holds a fresh copy of the JWKS.
    expect((await login(new Browser(), gateway, sandbox, 'franceconnect', 'test')).response.status).toBe(303);
    await refusedLogin(fault('id-token-unknown-kid'), refusedAs.invalidToken);

    const browser = new Browser();
    const rotated = await login(browser, gateway, sandbox, 'franceconnect', fault('id-token-rotated-key'));
    expect(rotated.response.status).toBe(303);
    expect((await me(browser, gateway)).body.account.displayName).toBe('Angela Claire Louise DUBOIS');
  });

  it('14. an ID token with a corrupted signature is refused', async () => {
    await refusedLogin(fault('id-token-bad-signature'), refusedAs.invalidToken);
  });

  it('15. a userinfo JWT whose payload was changed after signing is refused', async () => {
    await refusedLogin(fault('userinfo-tampered'), refusedAs.invalidToken);
  });

  it('16. userinfo returned as plain JSON is refused', async () => {
    await refusedLogin(fault('userinfo-json'), refusedAs.invalidToken);
  });

  it('17. a userinfo sub different from the ID token sub is refused', async () => {
    await refusedLogin(fault('userinfo-other-sub'), refusedAs.invalidToken);
  });

  it.each(['userinfo-wrong-aud', 'userinfo-wrong-iss', 'userinfo-expired'])('18. %s is refused', async (name) => {
    await refusedLogin(fault(name), refusedAs.invalidToken);
  });

  it.each(['login-missing-acr', 'login-acr-eidas2'])('19. %s: the acr is checked', async (name) => {
    await refusedLogin(fault(name), refusedAs.acr);
  });

  it('20. an ID token without sub is refused', async () => {
    await refusedLogin(fault('id-token-missing-sub'), refusedAs.invalidToken);
  });

  it.each(['token-500', 'token-502', 'token-503', 'userinfo-401', 'userinfo-500', 'userinfo-502', 'userinfo-503'])(
    '20. %s ends on a clean error page',
    async (name) => {
      await refusedLogin(fault(name), refusedAs.providerFailure);
    },
  );

  it.each(['token-slow', 'userinfo-slow'])('20. %s: the gateway stops waiting and says so', async (name) => {
    const started = Date.now();
    await refusedLogin(fault(name), refusedAs.timeout);
    expect(Date.now() - started).toBeLessThan(SLOW_MS);
  });

  it('21. "back to the service" (access_denied) ends on a neutral page without session', async () => {
    const browser = new Browser();
    const logsBefore = gateway.logs.length;
    const authorizeUrl = await startLogin(browser, gateway, 'franceconnect');
    const page = await browser.navigate(authorizeUrl, sandbox.url);
    const back = await browser.navigate(linkHref(await page.response.text(), 'Revenir sur', page.url), sandbox.url);
    expect(back.url.searchParams.get('error')).toBe('access_denied');
    const response = await browser.request(back.url);
    await expectRefused(
      browser,
      gateway,
      response,
      { ...refusedAs.cancelled, secrets: wireSecrets({ authorizeUrl, callbackUrl: back.url }) },
      logsBefore,
    );
    expect(await response.text()).toContain('Aucune information n’a été transmise');
  });

  it('21. a blocked FranceConnect account (access_denied) gets the same neutral page', async () => {
    await refusedLogin('desactive', refusedAs.cancelled);
  });

  it.each(['login-server-error', 'login-temporarily-unavailable'])(
    '22. %s: a transient provider error is shown as such',
    async (name) => {
      await refusedLogin(fault(name), refusedAs.providerError);
    },
  );

  it.each([
    ['invalid_acr', (url: URL) => withParam(url, 'acr_values', 'eidas2')],
    ['invalid_scope', (url: URL) => withParam(url, 'scope', `${url.searchParams.get('scope')} address`)],
  ])('22. %s from the provider is logged loudly as an integration error', async (code, tamper) => {
    const logsBefore = gateway.logs.length;
    const run = await refusedLogin('test', refusedAs.integration, 'franceconnect', tamper);
    expect(run.callbackUrl.searchParams.get('error')).toBe(code);
    const line = gateway.logs.slice(logsBefore).find((entry) => entry.includes('"login refused"'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ level: 'error', detail: code });
  });

  it('23. a code already used (invalid_grant) is handled', async () => {
    const victim = new Browser();
    const first = await login(victim, gateway, sandbox, 'franceconnect', 'test');
    expect(first.response.status).toBe(303);
    // Someone who obtained the used code replays it within an attempt of their own (a valid state).
    const attacker = new Browser();
    const logsBefore = gateway.logs.length;
    const authorizeUrl = await startLogin(attacker, gateway, 'franceconnect');
    const reused = new URL(first.callbackUrl);
    reused.searchParams.set('state', authorizeUrl.searchParams.get('state') ?? '');
    const response = await attacker.request(reused);
    await expectRefused(
      attacker,
      gateway,
      response,
      {
        ...refusedAs.tokenRejected,
        secrets: [...wireSecrets(first), ...wireSecrets({ authorizeUrl, callbackUrl: reused })],
      },
      logsBefore,
    );
  });

  // The birthplace is neither asked nor kept: those identities ask the `birth` scope, as a federation sending more
  // than asked would, and a malformed claim is still refused.
  it.each(['sans_prenom', 'test_INVALID_COG', 'test_CORSE_INVALID'])(
    '24. malformed claims (%s) are refused',
    async (identity) => {
      const logsBefore = gateway.logs.length;
      await refusedLogin(identity, refusedAs.invalidClaims, 'franceconnect', (url) =>
        withParam(url, 'scope', `${url.searchParams.get('scope')} birth`),
      );
      const line = gateway.logs.slice(logsBefore).find((entry) => entry.includes('"login refused"'));
      // Only the field names are recorded, never their values.
      expect(JSON.parse(line ?? '{}').detail).toMatch(/^malformed claims: [a-z_/]+(, [a-z_/]+)*$/);
      expect(line).not.toMatch(/AAAAA|AZERTY/);
    },
  );

  it('25. a logout return with a wrong or missing state is ignored (single use: see the logout flows)', async () => {
    const browser = new Browser();
    expect((await login(browser, gateway, sandbox, 'franceconnect', 'test')).response.status).toBe(303);
    const forged = `${gateway.url}/auth/franceconnect/logout/callback`;
    for (const url of [`${forged}?state=${'A'.repeat(43)}`, forged, `${forged}?state=undefined`]) {
      const response = await browser.request(url);
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/');
    }
    // Still logged in: a forged logout return cannot end a session.
    expect((await me(browser, gateway)).status).toBe(200);
    expect(
      gateway.logs.filter((line) => line.includes('logout return with an unknown state')).length,
    ).toBeGreaterThanOrEqual(3);
  });
});

describe('ProConnect negative cases', () => {
  it.each([
    // (acr faults never come back: ProConnect itself re-prompts when the essential acr is not met)
    ['ID token émis dans une heure (iat futur)', refusedAs.iat],
    ['Retour sans paramètre iss', refusedAs.issMismatch],
    ['Userinfo JWT modifié après signature', refusedAs.invalidToken],
    ["ID token avec le nonce d'une autre session", refusedAs.invalidToken],
  ])('%s is refused', async (label, expected) => {
    await refusedLogin(label, expected, 'proconnect');
  });
});

function withParam(url: URL, name: string, value: string): URL {
  const copy = new URL(url);
  copy.searchParams.set(name, value);
  return copy;
}
