import { gatewayApiOperations } from '@salle/contracts';
import { responseConformance } from '@salle/http';
import { type Browser, formAction, identityValue } from '@salle/testing';
import type { SandboxProcess } from './identity-sandbox-process';
import type { TestGateway } from './gateway-harness';

export type Provider = 'franceconnect' | 'proconnect';

export interface LoginRun {
  /** The provider's authorization URL the gateway redirected to. */
  authorizeUrl: URL;
  /** Where the provider sent the browser back (the gateway's callback, or elsewhere on refusal). */
  callbackUrl: URL;
  /** The gateway's answer to the callback. */
  response: Response;
  body: string;
}

/** GET /auth/<provider>/login: the gateway's redirect to the provider. */
export async function startLogin(browser: Browser, gateway: TestGateway, provider: Provider): Promise<URL> {
  const response = await browser.request(`${gateway.url}/auth/${provider}/login`);
  if (response.status !== 303) throw new Error(`login start answered ${response.status}: ${await response.text()}`);
  return new URL(response.headers.get('location') ?? '');
}

/** On the sandbox: open the authorization URL, pick the identity, follow until the browser leaves the sandbox. */
export async function chooseIdentity(
  browser: Browser,
  sandbox: SandboxProcess,
  authorizeUrl: URL,
  identity: string,
): Promise<URL> {
  const page = await browser.navigate(authorizeUrl, sandbox.url);
  // Refused before any login page (invalid_acr, invalid_scope...): straight back to the service.
  if (page.url.origin !== sandbox.url) return page.url;
  const html = await page.response.text();
  if (page.response.status !== 200)
    throw new Error(`sandbox login page answered ${page.response.status}: ${html.slice(0, 500)}`);
  const back = await browser.navigate(formAction(html, page.url), sandbox.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ identity: identityValue(html, identity) }).toString(),
  });
  if (back.url.origin === sandbox.url)
    throw new Error(`sandbox did not redirect: ${back.response.status} ${await back.response.text()}`);
  return back.url;
}

/** The whole login: gateway → sandbox → identity → gateway callback. */
export async function login(
  browser: Browser,
  gateway: TestGateway,
  sandbox: SandboxProcess,
  provider: Provider,
  identity: string,
  tamper: (authorizeUrl: URL) => URL = (url) => url,
): Promise<LoginRun> {
  const authorizeUrl = tamper(await startLogin(browser, gateway, provider));
  const callbackUrl = await chooseIdentity(browser, sandbox, authorizeUrl, identity);
  const response = await browser.request(callbackUrl);
  return { authorizeUrl, callbackUrl, response, body: await response.clone().text() };
}

export interface Me {
  account: {
    id: string;
    provider: Provider;
    displayName: string;
    email?: string;
    siret?: string;
    organisationLabel?: string;
  };
  roles: string[];
  organisations: { id: string; name: string }[];
  establishments: { id: string; name: string; uai: string }[];
  csrfToken: string;
  session: { expiresAt: string };
  incomplete: boolean;
}

const conforms = responseConformance(gatewayApiOperations);

/** GET /api/me, its answer checked against the gateway's operation table. */
export async function me(browser: Browser, gateway: TestGateway): Promise<{ status: number; body: Me }> {
  const response = await browser.request(`${gateway.url}/api/me`);
  const body: unknown = await response.json();
  const mismatches = conforms({
    method: 'GET',
    path: '/api/me',
    status: response.status,
    contentType: response.headers.get('content-type'),
    body,
  });
  if (mismatches.length) throw new Error(`/api/me does not match its description:\n${mismatches.join('\n')}`);
  return { status: response.status, body: body as Me };
}

export function sessionCookie(browser: Browser): string | undefined {
  return browser.cookies.get('salle_session');
}

/**
 * Log lines must not contain any of these values, nor anything shaped like
 * a JWT: tokens, codes, states, nonces, cookies, personal data.
 */
export function secretsIn(logs: readonly string[], secrets: readonly (string | undefined)[]): string[] {
  const found: string[] = [];
  for (const line of logs) {
    if (/eyJ[\w-]{5,}\.[\w-]{5,}/.test(line)) found.push(`JWT in: ${line}`);
    for (const secret of secrets) {
      if (secret && secret.length >= 4 && line.includes(secret)) found.push(`"${secret}" in: ${line}`);
    }
  }
  return found;
}

/** The secrets of a login run: what went over the wire in query strings. */
export function wireSecrets(run: Pick<LoginRun, 'authorizeUrl' | 'callbackUrl'>): string[] {
  return [
    run.authorizeUrl.searchParams.get('state'),
    run.authorizeUrl.searchParams.get('nonce'),
    run.callbackUrl.searchParams.get('code'),
    run.callbackUrl.searchParams.get('state'),
  ].filter((value): value is string => Boolean(value));
}
