import * as client from 'openid-client';
import type { SandboxClient } from '../src';
import { type Browser, formAction } from '@salle/testing';

/** One HTTP exchange seen by the relying party, to assert what went over the wire. */
export interface WireRecord {
  url: string;
  status: number;
  contentType: string | null;
  body: string;
}

export interface RelyingParty {
  config: client.Configuration;
  registration: SandboxClient;
  redirectUri: string;
  wire: WireRecord[];
}

/**
 * openid-client configured the way the gateway will be: algorithms pinned
 * to ES256, client_secret_post, signatures of the ID token and userinfo
 * verified. `allowInsecureRequests` only because the sandbox is plain http.
 */
export async function relyingParty(issuer: string, registration: SandboxClient): Promise<RelyingParty> {
  const wire: WireRecord[] = [];
  const recordingFetch: client.CustomFetch = async (url, options) => {
    const response = await fetch(url, options);
    wire.push({
      url,
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: await response.clone().text(),
    });
    return response;
  };
  const config = await client.discovery(
    new URL(issuer),
    registration.clientId,
    { id_token_signed_response_alg: 'ES256', userinfo_signed_response_alg: 'ES256' },
    client.ClientSecretPost(registration.clientSecret),
    {
      execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks],
      [client.customFetch]: recordingFetch,
    },
  );
  config[client.customFetch] = recordingFetch;
  const redirectUri = registration.redirectUris[0];
  if (!redirectUri) throw new Error('client without redirect URI');
  return { config, registration, redirectUri, wire };
}

export interface AuthorizationAttempt {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier?: string;
}

/** An authorization request like FranceConnect wants it: state, nonce, acr_values=eidas1, no PKCE. */
export function franceconnectRequest(rp: RelyingParty, extra: Record<string, string> = {}): AuthorizationAttempt {
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(rp.config, {
    redirect_uri: rp.redirectUri,
    scope: 'openid profile birth email',
    acr_values: 'eidas1',
    state,
    nonce,
    ...extra,
  });
  return { url, state, nonce };
}

/** A ProConnect request with PKCE (S256) and the agent scopes. */
export async function proconnectRequest(
  rp: RelyingParty,
  extra: Record<string, string> = {},
): Promise<AuthorizationAttempt> {
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(rp.config, {
    redirect_uri: rp.redirectUri,
    scope: 'openid given_name usual_name email uid siret organization_label idp_id roles',
    claims: JSON.stringify({ id_token: { acr: { essential: true, values: ['eidas1'] } } }),
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    ...extra,
  });
  return { url, state, nonce, codeVerifier };
}

/**
 * Opens the authorization URL, picks `identity` on the login page and
 * follows the redirects: returns the URL the provider sent the browser back
 * to (the relying party's callback).
 */
export async function loginAs(browser: Browser, attempt: AuthorizationAttempt, identity: string): Promise<URL> {
  const origin = attempt.url.origin;
  const loginPage = await browser.navigate(attempt.url, origin);
  expect(loginPage.response.status).toBe(200);
  const html = await loginPage.response.text();
  const back = await browser.navigate(formAction(html, loginPage.url), origin, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ identity }).toString(),
  });
  if (back.url.origin === origin) {
    throw new Error(`no redirect to the service: ${back.response.status} ${await back.response.text()}`);
  }
  return back.url;
}

/** The code exchange as the gateway does it: state, iss, nonce and ID token checked by openid-client. */
export function exchangeCode(rp: RelyingParty, callback: URL, attempt: AuthorizationAttempt) {
  return client.authorizationCodeGrant(rp.config, callback, {
    expectedState: attempt.state,
    expectedNonce: attempt.nonce,
    pkceCodeVerifier: attempt.codeVerifier,
    idTokenExpected: true,
  });
}

/** Decodes a compact JWS without verifying it, to look at what the provider really sent. */
export function decodeJws(jws: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header = '', payload = ''] = jws.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>,
  };
}
