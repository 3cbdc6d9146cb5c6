import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import {
  DEFAULT_SUBJECT_SECRET,
  canonicalFranceConnectClaims,
  defaultClients,
  franceconnectIdentities,
  pairwiseSubject,
  startIdentitySandbox,
  type IdentitySandbox,
  type SandboxClient,
} from '../src';
import { Browser, formAction, hiddenInputs, linkHref } from '@salle/testing';
import {
  decodeJws,
  exchangeCode,
  franceconnectRequest,
  loginAs,
  relyingParty,
  type RelyingParty,
} from './relying-party';

const [gateway] = defaultClients('franceconnect') as [SandboxClient];
const otherService: SandboxClient = {
  clientId: 'autre-service',
  clientSecret: 'autre-service-secret-de-test-0123456789',
  redirectUris: ['http://127.0.0.1:3100/callback'],
  postLogoutRedirectUris: ['http://127.0.0.1:3100/logged-out'],
};

let sandbox: IdentitySandbox;
let rp: RelyingParty;

beforeAll(async () => {
  sandbox = await startIdentitySandbox({ port: 0, franceconnectClients: [gateway, otherService] });
  rp = await relyingParty(sandbox.issuers.franceconnect, gateway);
});

afterAll(async () => {
  await sandbox?.close();
});

describe('FranceConnect: the full flow', () => {
  it('logs the canonical identity in, serves signed tokens and userinfo, and logs out', async () => {
    expect(rp.config.serverMetadata().issuer).toBe(`${sandbox.url}/franceconnect/api/v2`);
    const browser = new Browser();
    const attempt = franceconnectRequest(rp);
    expect(attempt.url.searchParams.has('code_challenge')).toBe(false);

    const callback = await loginAs(browser, attempt, 'test');
    expect(callback.origin + callback.pathname).toBe(gateway.redirectUris[0]);
    expect(callback.searchParams.get('iss')).toBe(sandbox.issuers.franceconnect);
    expect(callback.searchParams.get('state')).toBe(attempt.state);

    const tokens = await exchangeCode(rp, callback, attempt);
    const tokenCall = rp.wire.find((record) => record.url.endsWith('/token'));
    expect(tokenCall?.status).toBe(200);
    expect(Object.keys(JSON.parse(tokenCall?.body ?? '{}')).sort()).toEqual([
      'access_token',
      'expires_in',
      'id_token',
      'scope',
      'token_type',
    ]);
    expect(tokens.expires_in).toBe(60);

    const idToken = decodeJws(tokens.id_token ?? '');
    expect(idToken.header).toEqual({ alg: 'ES256', kid: expect.stringMatching(/^franceconnect:ES256:/) });
    const claims = tokens.claims();
    expect(Object.keys(idToken.payload).sort()).toEqual([
      'acr',
      'aud',
      'auth_time',
      'exp',
      'iat',
      'iss',
      'nonce',
      'sub',
    ]);
    expect(claims).toMatchObject({
      acr: 'eidas1',
      aud: gateway.clientId,
      iss: sandbox.issuers.franceconnect,
      nonce: attempt.nonce,
    });
    expect(claims?.sub).toMatch(/^[0-9a-f]{64}v1$/);
    expect(claims?.sub).toBe(pairwiseSubject(gateway.clientId, 'test', DEFAULT_SUBJECT_SECRET));
    expect((claims?.exp ?? 0) - (claims?.iat ?? 0)).toBe(60);

    const userinfo = await client.fetchUserInfo(rp.config, tokens.access_token, claims?.sub ?? '');
    const userinfoCall = rp.wire.find((record) => record.url.endsWith('/userinfo'));
    expect(userinfoCall?.contentType).toMatch(/^application\/jwt/);
    expect(decodeJws(userinfoCall?.body ?? '').header.alg).toBe('ES256');
    expect(userinfo).toEqual({
      sub: claims?.sub,
      given_name: canonicalFranceConnectClaims.given_name,
      given_name_array: ['Angela', 'Claire', 'Louise'],
      family_name: 'DUBOIS',
      birthdate: '1962-08-24',
      gender: 'female',
      birthplace: '75107',
      birthcountry: '99100',
      email: 'wossewodda-3728@yopmail.com',
      iss: sandbox.issuers.franceconnect,
      aud: gateway.clientId,
      iat: expect.any(Number),
      exp: expect.any(Number),
    });

    const logoutState = client.randomState();
    const endSession = client.buildEndSessionUrl(rp.config, {
      id_token_hint: tokens.id_token ?? '',
      post_logout_redirect_uri: gateway.postLogoutRedirectUris[0] ?? '',
      state: logoutState,
    });
    const logoutPage = await browser.navigate(endSession, sandbox.url);
    expect(logoutPage.response.status).toBe(200);
    const logoutHtml = await logoutPage.response.text();
    // The page submits itself (as FranceConnect's does): its inline script must be allowed by hash.
    const script = /<script>([^<]*)<\/script>/.exec(logoutHtml)?.[1] ?? '';
    expect(script).toContain('submit()');
    const hash = createHash('sha256').update(script).digest('base64');
    expect(logoutPage.response.headers.get('content-security-policy')).toContain(`script-src 'self' 'sha256-${hash}'`);
    const confirmed = await browser.postForm(formAction(logoutHtml, logoutPage.url), hiddenInputs(logoutHtml));
    expect(confirmed.status).toBe(303);
    const back = new URL(confirmed.headers.get('location') ?? '');
    expect(back.origin + back.pathname).toBe(gateway.postLogoutRedirectUris[0]);
    expect(back.searchParams.get('state')).toBe(logoutState);

    // The FranceConnect session is gone: a new attempt shows the login page again.
    const again = await browser.navigate(franceconnectRequest(rp).url, sandbox.url);
    expect(again.response.status).toBe(200);
    expect(await again.response.text()).toContain('Angela Claire Louise DUBOIS');
  });
});

describe('FranceConnect: sessions, subjects and claims', () => {
  it('gives each service its own sub, asks an already logged-in user to confirm, and returns amr on request', async () => {
    const browser = new Browser();
    const first = franceconnectRequest(rp, {
      prompt: 'login consent',
      claims: JSON.stringify({ id_token: { amr: { essential: true } } }),
    });
    const firstTokens = await exchangeCode(rp, await loginAs(browser, first, 'test'), first);
    expect(firstTokens.claims()?.amr).toEqual(['fc', 'pwd']);

    // Same browser, another service: single sign-on, with FranceConnect's confirmation step.
    const other = await relyingParty(sandbox.issuers.franceconnect, otherService);
    const attempt = franceconnectRequest(other);
    const confirmation = await browser.navigate(attempt.url, sandbox.url);
    const html = await confirmation.response.text();
    expect(html).toContain('Continuer sur');
    expect(html).toContain('Angela Claire Louise DUBOIS');
    const callback = await browser.navigate(formAction(html, confirmation.url), sandbox.url, { method: 'POST' });
    const otherTokens = await exchangeCode(other, callback.url, attempt);
    const otherSub = otherTokens.claims()?.sub;
    expect(otherSub).toMatch(/^[0-9a-f]{64}v1$/);
    expect(otherSub).not.toBe(firstTokens.claims()?.sub);
    expect(otherSub).toBe(pairwiseSubject(otherService.clientId, 'test', DEFAULT_SUBJECT_SECRET));
  });

  it.each(
    franceconnectIdentities
      .filter((identity) => !identity.refusal)
      .map((identity) => [identity.accountId, identity] as const),
  )('passes the claims of %s through userinfo unchanged', async (_id, identity) => {
    const attempt = franceconnectRequest(rp, { scope: 'openid identite_pivot email preferred_username idp_birthdate' });
    const tokens = await exchangeCode(rp, await loginAs(new Browser(), attempt, identity.accountId), attempt);
    const {
      iss: _iss,
      aud: _aud,
      iat: _iat,
      exp: _exp,
      sub,
      ...claims
    } = await client.fetchUserInfo(rp.config, tokens.access_token, tokens.claims()?.sub ?? '');
    expect(sub).toBe(tokens.claims()?.sub);
    expect(claims).toEqual(JSON.parse(JSON.stringify(identity.claims)));
  });

  it('accepts the client secret only in the body (client_secret_post)', async () => {
    const basic = await client.discovery(
      new URL(sandbox.issuers.franceconnect),
      gateway.clientId,
      { id_token_signed_response_alg: 'ES256' },
      client.ClientSecretBasic(gateway.clientSecret),
      { execute: [client.allowInsecureRequests] },
    );
    const attempt = franceconnectRequest(rp);
    const callback = await loginAs(new Browser(), attempt, 'test');
    await expect(
      client.authorizationCodeGrant(basic, callback, { expectedState: attempt.state, expectedNonce: attempt.nonce }),
    ).rejects.toMatchObject({ error: 'invalid_client' });
  });

  it('refuses a code used twice (invalid_grant)', async () => {
    const attempt = franceconnectRequest(rp);
    const callback = await loginAs(new Browser(), attempt, 'test');
    await exchangeCode(rp, callback, attempt);
    await expect(exchangeCode(rp, callback, attempt)).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});

describe('FranceConnect: the authorize whitelist', () => {
  const refusals: [string, (params: URLSearchParams) => void][] = [
    ['an unknown parameter', (params) => params.set('foo', 'bar')],
    ['a PKCE code_challenge', (params) => params.set('code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')],
    ['max_age', (params) => params.set('max_age', '0')],
    ['login_hint', (params) => params.set('login_hint', 'angela@example.org')],
    ['response_mode', (params) => params.set('response_mode', 'query')],
    ['no acr_values', (params) => params.delete('acr_values')],
    ['no state', (params) => params.delete('state')],
    ['no nonce', (params) => params.delete('nonce')],
    ['a 16-character nonce', (params) => params.set('nonce', 'abcdefghijklmnop')],
    ['an empty client_id', (params) => params.set('client_id', '')],
    ['prompt=none', (params) => params.set('prompt', 'none')],
    ['prompt=select_account', (params) => params.set('prompt', 'select_account')],
    ['an empty prompt', (params) => params.set('prompt', '')],
  ];

  it.each(refusals)('shows error page Y030007, without redirecting, for %s', async (_case, change) => {
    const url = franceconnectRequest(rp).url;
    change(url.searchParams);
    const response = await new Browser().request(url);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('data-error-code="Y030007"');
    expect(html).toContain("Une erreur s'est produite");
  });

  it('accepts a 22-character nonce and prompt=login', async () => {
    const url = franceconnectRequest(rp, { nonce: 'abcdefghijklmnopqrstuv', prompt: 'login' }).url;
    const response = await new Browser().request(url);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/\/franceconnect\/interaction\//);
  });

  it.each(['eidas2', 'eidas3', 'eidas1 eidas2'])('redirects acr_values=%s back with error=invalid_acr', async (acr) => {
    const attempt = franceconnectRequest(rp, { acr_values: acr });
    const response = await new Browser().request(attempt.url);
    expect(response.status).toBe(303);
    const back = new URL(response.headers.get('location') ?? '');
    expect(back.origin + back.pathname).toBe(gateway.redirectUris[0]);
    expect(back.searchParams.get('error')).toBe('invalid_acr');
    expect(back.searchParams.get('state')).toBe(attempt.state);
    expect(back.searchParams.get('iss')).toBe(sandbox.issuers.franceconnect);
    await expect(exchangeCode(rp, back, attempt)).rejects.toMatchObject({ error: 'invalid_acr' });
  });

  it('redirects a scope outside the habilitation back with error=invalid_scope', async () => {
    const attempt = franceconnectRequest(rp, { scope: 'openid address' });
    const response = await new Browser().request(attempt.url);
    const back = new URL(response.headers.get('location') ?? '');
    expect(back.searchParams.get('error')).toBe('invalid_scope');
    expect(back.searchParams.get('state')).toBe(attempt.state);
  });

  it.each([
    ['an unknown client_id', 'client_id', 'inconnu', 'Y04EA6EF'],
    ['an unregistered redirect_uri', 'redirect_uri', 'http://127.0.0.1:3000/ailleurs', 'Y04C013C'],
  ])('shows its own error page for %s', async (_case, name, value, code) => {
    const url = franceconnectRequest(rp).url;
    url.searchParams.set(name, value);
    const response = await new Browser().request(url);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain(`data-error-code="${code}"`);
  });
});

describe('FranceConnect: refusals after the login page', () => {
  it('sends the user back with access_denied from the "back to the service" link', async () => {
    const browser = new Browser();
    const attempt = franceconnectRequest(rp);
    const page = await browser.navigate(attempt.url, sandbox.url);
    const html = await page.response.text();
    const back = await browser.navigate(linkHref(html, 'Revenir sur', page.url), sandbox.url);
    expect(back.url.origin + back.url.pathname).toBe(gateway.redirectUris[0]);
    expect(back.url.searchParams.get('error')).toBe('access_denied');
    expect(back.url.searchParams.get('error_description')).toBe('User auth aborted');
    expect(back.url.searchParams.get('state')).toBe(attempt.state);
    expect(back.url.searchParams.get('iss')).toBe(sandbox.issuers.franceconnect);
    await expect(exchangeCode(rp, back.url, attempt)).rejects.toMatchObject({ error: 'access_denied' });
  });

  it('sends a blocked account back with access_denied', async () => {
    const attempt = franceconnectRequest(rp);
    const back = await loginAs(new Browser(), attempt, 'desactive');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('stops on error page Y600006 when the identity lacks an email', async () => {
    const browser = new Browser();
    const page = await browser.navigate(franceconnectRequest(rp).url, sandbox.url);
    const response = await browser.postForm(formAction(await page.response.text(), page.url), {
      identity: 'sans_mail',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('data-error-code="Y600006"');
  });

  it('refuses an unknown identity and an expired or foreign interaction', async () => {
    const browser = new Browser();
    const page = await browser.navigate(franceconnectRequest(rp).url, sandbox.url);
    const action = formAction(await page.response.text(), page.url);
    expect((await browser.postForm(action, { identity: 'personne' })).status).toBe(400);
    const stranger = await new Browser().postForm(action, { identity: 'test' });
    expect(stranger.status).toBe(400);
    expect(await stranger.text()).toContain('La demande de connexion a expiré');
  });

  it('requires id_token_hint at logout', async () => {
    const url = new URL(`${sandbox.issuers.franceconnect}/session/end`);
    url.searchParams.set('post_logout_redirect_uri', gateway.postLogoutRedirectUris[0] ?? '');
    url.searchParams.set('state', 'etat');
    const response = await new Browser().request(url);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('id_token_hint');
  });
});
