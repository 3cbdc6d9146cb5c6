import * as client from 'openid-client';
import {
  defaultClients,
  proconnectAgents,
  startIdentitySandbox,
  type IdentitySandbox,
  type SandboxClient,
} from '../src';
import { Browser, formAction, hiddenInputs } from '@salle/testing';
import { decodeJws, exchangeCode, loginAs, proconnectRequest, relyingParty, type RelyingParty } from './relying-party';

const [gateway] = defaultClients('proconnect') as [SandboxClient];

let sandbox: IdentitySandbox;
let rp: RelyingParty;

beforeAll(async () => {
  sandbox = await startIdentitySandbox({ port: 0 });
  rp = await relyingParty(sandbox.issuers.proconnect, gateway);
});

afterAll(async () => {
  await sandbox?.close();
});

describe('ProConnect', () => {
  it('logs an agent in with PKCE and returns the agent claims, then logs out', async () => {
    expect(rp.config.serverMetadata()).toMatchObject({
      issuer: `${sandbox.url}/proconnect/api/v2`,
      subject_types_supported: ['public'],
      code_challenge_methods_supported: ['S256'],
    });
    const agent = proconnectAgents.find((candidate) => candidate.claims.uid === 'claire.martin');
    if (!agent) throw new Error('missing agent');
    const browser = new Browser();
    const attempt = await proconnectRequest(rp);
    expect(attempt.url.searchParams.get('code_challenge_method')).toBe('S256');

    const callback = await loginAs(browser, attempt, agent.accountId);
    expect(callback.searchParams.get('iss')).toBe(sandbox.issuers.proconnect);
    const tokens = await exchangeCode(rp, callback, attempt);
    const claims = tokens.claims();
    expect(claims?.sub).toBe(agent.accountId);
    expect(claims?.sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(claims).toMatchObject({ acr: 'eidas1', aud: gateway.clientId, nonce: attempt.nonce });
    expect(decodeJws(tokens.id_token ?? '').header.alg).toBe('ES256');
    expect(claims?.['given_name']).toBeUndefined();

    const userinfo = await client.fetchUserInfo(rp.config, tokens.access_token, agent.accountId);
    expect(rp.wire.find((record) => record.url.endsWith('/userinfo'))?.contentType).toMatch(/^application\/jwt/);
    expect(userinfo).toMatchObject({
      sub: agent.accountId,
      given_name: 'Claire',
      usual_name: 'MARTIN',
      email: 'claire.martin@agents.sandbox.test',
      uid: 'claire.martin',
      siret: agent.claims.siret,
      organization_label: 'Collège Champollion (Grenoble)',
      idp_id: agent.claims.idp_id,
      roles: ['agent_public', 'agent_public_etat'],
    });
    expect(userinfo['siret']).toMatch(/^\d{14}$/);

    const logoutState = client.randomState();
    const logoutPage = await browser.navigate(
      client.buildEndSessionUrl(rp.config, {
        id_token_hint: tokens.id_token ?? '',
        post_logout_redirect_uri: gateway.postLogoutRedirectUris[0] ?? '',
        state: logoutState,
      }),
      sandbox.url,
    );
    const html = await logoutPage.response.text();
    const confirmed = await browser.postForm(formAction(html, logoutPage.url), hiddenInputs(html));
    const back = new URL(confirmed.headers.get('location') ?? '');
    expect(back.origin + back.pathname).toBe(gateway.postLogoutRedirectUris[0]);
    expect(back.searchParams.get('state')).toBe(logoutState);
  });

  it('refuses the code with a wrong PKCE verifier', async () => {
    const attempt = await proconnectRequest(rp);
    const callback = await loginAs(new Browser(), attempt, proconnectAgents[0]?.accountId ?? '');
    await expect(
      exchangeCode(rp, callback, { ...attempt, codeVerifier: client.randomPKCECodeVerifier() }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('lists collège agents and département admins on its login page', async () => {
    const page = await new Browser().navigate((await proconnectRequest(rp)).url, sandbox.url);
    const html = await page.response.text();
    expect(html).toContain('Agents des collèges');
    expect(html).toContain('Administrateurs du département');
    for (const agent of proconnectAgents) expect(html).toContain(`value="${agent.accountId}"`);
  });

  it('shows error page Y000400 for a parameter ProConnect does not know', async () => {
    const url = (await proconnectRequest(rp)).url;
    url.searchParams.set('max_age', '0');
    const response = await new Browser().request(url);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('data-error-code="Y000400"');
  });

  it('answers prompt=none without a session with login_required', async () => {
    const attempt = await proconnectRequest(rp, { prompt: 'none' });
    const response = await new Browser().request(attempt.url);
    const back = new URL(response.headers.get('location') ?? '');
    expect(back.searchParams.get('error')).toBe('login_required');
    expect(back.searchParams.get('state')).toBe(attempt.state);
  });
});
