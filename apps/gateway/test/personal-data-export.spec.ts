// « Télécharger mes données »: GET /api/me/personal-data assembles, for the signed-in person only, what the
// gateway, the real booking, notification and payment services (child processes) hold about them.
import { Browser } from '@salle/testing';
import type { PersonalDataExport } from '@salle/contracts';
import { declareOrganisation, fromSite } from './support/privacy-services';
import { me } from './support/login-flow';
import { seedPaymentRecords } from './support/payment-records';
import { startPrivacyStack, type PrivacyStack } from './support/privacy-stack';

let stack: PrivacyStack;

beforeAll(async () => {
  stack = await startPrivacyStack('gateway_privacy');
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

const loggedIn = (identity: string) => stack.loggedIn('franceconnect', identity);

async function exportOf(browser: Browser): Promise<{ status: number; body: PersonalDataExport }> {
  const response = await browser.request(`${stack.gateway.url}/api/me/personal-data`);
  return { status: response.status, body: (await response.json()) as PersonalDataExport };
}

/** The export once notification has heard of the person's contact (an event, so a moment after login). */
async function exportWithContact(browser: Browser): Promise<PersonalDataExport> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { status, body } = await exportOf(browser);
    expect(status).toBe(200);
    if (body.notification.contact || Date.now() > deadline) return body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const declare = (browser: Browser, name: string, rna: string) =>
  declareOrganisation((url, init) => browser.request(url, init), stack.gateway.url, name, rna);

describe('GET /api/me/personal-data', () => {
  it('gathers the person’s account, sessions, organisations and contact from every service, and nothing of others', async () => {
    const angela = await loggedIn('test');
    await loggedIn('test');
    const jeanne = await loggedIn('bdd_default');
    const angelaOrganisation = await declare(angela, 'Basket Club', 'W381000123');
    const jeanneOrganisation = await declare(jeanne, 'Chorale des Alpes', 'W381000456');
    const angelaId = (await me(angela, stack.gateway)).body.account.id;
    const jeanneId = (await me(jeanne, stack.gateway)).body.account.id;
    const paid = await seedPaymentRecords(
      stack.database.url,
      angelaId,
      { email: 'wossewodda-3728@yopmail.com', name: 'Angela DUBOIS' },
      'angela',
    );
    await seedPaymentRecords(stack.database.url, jeanneId, { email: 'jeanne@example.test', name: 'Jeanne' }, 'jeanne');
    // « Mon compte »: a mobile number with consent to SMS, and one kind of message turned off.
    const put = (path: string, body: unknown) =>
      angela.request(`${stack.gateway.url}/api/notification${path}`, fromSite(stack.gateway.url, 'PUT', body));
    expect((await put('/me/phone', { phone: '06 12 34 56 78', smsConsent: true })).status).toBe(200);
    const choice = { kind: 'session_reminder', channel: 'email', enabled: false } as const;
    expect((await put('/me/preferences', { items: [choice] })).status).toBe(200);

    const data = await exportWithContact(angela);
    expect(data.gateway.account).toMatchObject({
      id: angelaId,
      provider: 'franceconnect',
      subject: expect.stringMatching(/^[0-9a-f]{64}v1$/),
      claims: { given_name: 'Angela Claire Louise', family_name: 'DUBOIS', email: 'wossewodda-3728@yopmail.com' },
    });
    expect(data.gateway.activeSessions).toBe(2);
    expect(data.booking.memberships).toEqual([
      expect.objectContaining({ organisationId: angelaOrganisation, organisationName: 'Basket Club', role: 'owner' }),
    ]);
    expect(data.notification.contact).toEqual({
      email: 'wossewodda-3728@yopmail.com',
      displayName: 'Angela Claire Louise DUBOIS',
    });
    expect(data.notification.phone).toEqual({ number: '+33612345678', smsConsentAt: expect.any(String) });
    expect(data.notification.preferences).toEqual([{ ...choice, updatedAt: expect.any(String) }]);
    expect(data.payment.payments.map((payment) => [payment.id, payment.payerEmail])).toEqual([
      [paid.payfipPaymentId, 'wossewodda-3728@yopmail.com'],
      [paid.stripePaymentId, null],
    ]);
    expect(data.payment.payoutAccountsCreated).toEqual([
      { establishmentId: paid.establishmentId, createdAt: expect.any(String) },
    ]);
    expect(data.payment.refundsMarkedDone).toEqual([
      expect.objectContaining({ id: paid.refundId, accountantReference: 'OP-angela' }),
    ]);
    expect(data.payment.invoicesMarkedPaid).toEqual([
      expect.objectContaining({ number: paid.invoiceNumber, paymentReference: 'MANDAT-angela' }),
    ]);
    expect(data.payment.flagsResolved).toEqual([expect.objectContaining({ id: paid.flagId, resolution: 'Remboursé' })]);

    const jeanneData = await exportWithContact(jeanne);
    expect(jeanneData.booking.memberships.map((m) => m.organisationId)).toEqual([jeanneOrganisation]);
    const text = JSON.stringify(data);
    const jeanneText = JSON.stringify(jeanneData);
    for (const foreign of [jeanneOrganisation, 'Chorale', 'Jeanne', jeanneData.gateway.account.subject, 'jeanne'])
      expect(text).not.toContain(foreign);
    for (const foreign of [
      angelaOrganisation,
      'Basket',
      'Angela',
      'wossewodda',
      '+33612345678',
      data.gateway.account.subject,
      'angela',
    ])
      expect(jeanneText).not.toContain(foreign);
  });

  it('refuses a visitor, and answers 502 rather than a partial export when a service is down', async () => {
    const visitor = await new Browser().request(`${stack.gateway.url}/api/me/personal-data`);
    expect(visitor.status).toBe(401);
    expect(visitor.headers.get('content-type')).toContain('application/problem+json');

    const angela = await loggedIn('test');
    await stack.notification.stop();
    const response = await angela.request(`${stack.gateway.url}/api/me/personal-data`);
    expect(response.status).toBe(502);
    expect(((await response.json()) as { code: string }).code).toBe('personal_data_unavailable');
  });
});
