import type { Browser } from '@salle/testing';
import type { TestGateway } from './gateway-harness';
import { secretsIn, sessionCookie, type Provider } from './login-flow';

/** Personal data of the sandbox identities used in the negative cases: never to be logged. */
export const PERSONAL_DATA = [
  'Angela',
  'DUBOIS',
  'wossewodda',
  '1962-08-24',
  'Claire',
  'MARTIN',
  'claire.martin',
  '99990038421115',
];

export interface ExpectedRefusal {
  status: number;
  /** The page's heading. */
  title: string;
  /** The `reason` of the "login refused" log line. */
  reason: string;
  provider?: Provider;
  /** Values that must appear in no log line (states, codes...). */
  secrets?: readonly string[];
}

/**
 * A refused login: a French HTML page with a retry link, no session cookie,
 * /api/me still anonymous, and log lines naming the reason without any
 * token, code, state or personal data.
 */
export async function expectRefused(
  browser: Browser,
  gateway: TestGateway,
  response: Response,
  expected: ExpectedRefusal,
  logsBefore: number,
): Promise<void> {
  const provider = expected.provider ?? 'franceconnect';
  const body = await response.clone().text();
  expect(response.status).toBe(expected.status);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  expect(body).toContain('<html lang="fr">');
  expect(body).toContain(`<h1>${expected.title}</h1>`);
  expect(body).toMatch(new RegExp(`<a class="button retry" href="/auth/${provider}/login">Réessayer</a>`));
  expect(
    response.headers
      .getSetCookie()
      .some((line) => line.startsWith('salle_session=') && !line.startsWith('salle_session=;')),
  ).toBe(false);
  expect(sessionCookie(browser)).toBeUndefined();
  expect((await browser.request(`${gateway.url}/api/me`)).status).toBe(401);

  const lines = gateway.logs.slice(logsBefore);
  const refusal = lines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .find((line) => line['msg'] === 'login refused');
  expect(refusal).toMatchObject({ reason: expected.reason, provider });
  const secrets = [
    ...(expected.secrets ?? []),
    ...PERSONAL_DATA,
    gateway.config.FRANCECONNECT_CLIENT_SECRET,
    gateway.config.PROCONNECT_CLIENT_SECRET,
  ];
  expect(secretsIn(lines, secrets)).toEqual([]);
}
