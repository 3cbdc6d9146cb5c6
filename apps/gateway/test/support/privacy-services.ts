import { freePort, testRedisUrl } from '@salle/testing';
import { startAppProcess } from './identity-sandbox-process';

export type ServiceProcess = Awaited<ReturnType<typeof startAppProcess>> & { url: string };

/**
 * The real booking, notification or payment service as a child process, on the test's database and event
 * streams, verifying internal tokens against the gateway's JWKS. Notification gets no relay: its messages wait;
 * payment's providers are the sandboxes' defaults, never called (no collège of the stack takes online payment).
 */
export async function startPrivacyService(
  app: 'booking' | 'notification' | 'payment',
  options: { databaseUrl: string; gatewayUrl: string; eventsKeyPrefix: string; env?: Record<string, string> },
): Promise<ServiceProcess> {
  const port = await freePort();
  const upper = app.toUpperCase();
  const url = `http://127.0.0.1:${port}`;
  const extra = {
    booking: { BOOKING_SWEEP_INTERVAL_MS: '600000' },
    notification: { SMTP_URL: `smtp://127.0.0.1:${await freePort()}` },
    payment: { PAYMENT_SWEEP_INTERVAL_MS: '600000', PAYFIP_CATCH_UP_INTERVAL_MS: '600000' },
  }[app];
  const started = await startAppProcess(
    app,
    {
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: testRedisUrl(),
      [`${upper}_PORT`]: String(port),
      [`${upper}_METRICS_PORT`]: String(await freePort()),
      INTERNAL_JWKS_URL: `${options.gatewayUrl}/.well-known/internal-jwks.json`,
      EVENTS_KEY_PREFIX: options.eventsKeyPrefix,
      ...extra,
      ...options.env,
    },
    url,
  );
  return { ...started, url };
}

/** A JSON body posted from the site, as the web app sends it (Origin and X-Requested-With pass the CSRF checks). */
export function fromSite(gatewayUrl: string, method: 'POST' | 'PUT', body?: unknown): RequestInit {
  return {
    method,
    headers: { 'content-type': 'application/json', origin: gatewayUrl, 'x-requested-with': 'fetch' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

/** An organisation the person declares through the gateway; its id. */
export async function declareOrganisation(
  request: (url: string, init: RequestInit) => Promise<Response>,
  gatewayUrl: string,
  name: string,
  rna: string,
): Promise<string> {
  const response = await request(
    `${gatewayUrl}/api/booking/organisations`,
    fromSite(gatewayUrl, 'POST', {
      name,
      kind: 'association',
      rna,
      address: '2 place de la Mairie',
      postalCode: '38580',
      communeName: 'Allevard',
      eligibility: { notReligious: true, notPolitical: true, notProfitMaking: true },
      republicanContractAcknowledged: true,
      insuranceReference: 'MAIF 123456',
      insuranceExpiresOn: '2099-08-31',
    }),
  );
  if (response.status !== 201) throw new Error(`organisation refused: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}
