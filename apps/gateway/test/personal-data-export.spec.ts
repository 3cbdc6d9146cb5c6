// « Télécharger mes données »: GET /api/me/personal-data assembles, for the signed-in person only, what the
// gateway, the real booking, notification and payment services (child processes) hold about them.
import { Browser } from '@salle/testing';
import type { PersonalDataExport } from '@salle/contracts';
import { declareOrganisation, fromSite } from './support/privacy-services';
import { me } from './support/login-flow';
import { seedPaymentRecords } from './support/payment-records';
import {
  bookedBy,
  claimsOn,
  delegatedTo,
  signedConvention,
  unsubscribed,
  uploadCertificate,
  wroteMessage,
} from './support/privacy-seed';
import { tablesNaming } from './support/privacy-scan';
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

/**
 * The export once notification has heard of the person's contact (an event, so a moment after login), and when
 * `withMessages`, has written them a message (the events of what they did in booking).
 */
async function exportWithContact(browser: Browser, withMessages = false): Promise<PersonalDataExport> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { status, body } = await exportOf(browser);
    expect(status).toBe(200);
    const settled = body.notification.contact && (!withMessages || body.notification.messages.length > 0);
    if (settled || Date.now() > deadline) return body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Where the export shows each table that may name a person (their account id, or their e-mail in a text or JSON
 * column): a table found naming the person must be here, and its part of the export must not be empty. A new table
 * holding personal data thus fails the completeness check below until the export covers it.
 */
const EXPORTED_AS: Record<string, (data: PersonalDataExport) => readonly unknown[]> = {
  'gateway.account': (data) => [data.gateway.account],
  'gateway.erasure_request': (data) => data.gateway.erasureRequests,
  'gateway.audit_log': (data) => data.gateway.auditLog,
  'booking.membership': (data) => data.booking.memberships,
  'booking.establishment_manager': (data) => data.booking.managedEstablishments,
  'booking.booking': (data) => data.booking.bookings,
  'booking.series': (data) => data.booking.series,
  'booking.organisation_invitation': (data) => data.booking.invitations,
  'booking.audit_entry': (data) => data.booking.auditEntries,
  'booking.audit_log': (data) => data.booking.auditLog,
  'booking.booking_message': (data) => data.booking.messages,
  'booking.booking_message_read': (data) => data.booking.conversationsRead,
  'booking.insurance_certificate': (data) => data.booking.insuranceCertificates,
  'booking.space_photo': (data) => data.booking.spacePhotos,
  'booking.convention_signature': (data) => data.booking.conventionSignatures,
  'booking.convention_delegate': (data) => data.booking.conventionDelegations,
  'booking.organisation_claim': (data) => data.booking.organisationClaims,
  'notification.account_contact': (data) => (data.notification.contact ? [data.notification.contact] : []),
  'notification.account_phone': (data) => (data.notification.phone ? [data.notification.phone] : []),
  'notification.preference': (data) => data.notification.preferences,
  'notification.organisation_member': (data) => data.notification.organisationIds,
  'notification.establishment_manager': (data) => data.notification.establishmentIds,
  'notification.digest_choice': (data) => (data.notification.dailyDigest ? [data.notification.dailyDigest] : []),
  'notification.recipient': (data) => data.notification.recipientOf,
  'notification.contact_opt_out': (data) => data.notification.unsubscribed,
  'notification.message': (data) => data.notification.messages,
  'notification.audit_log': (data) => data.notification.auditLog,
  'payment.payment': (data) => data.payment.payments,
  'payment.provider_event': (data) => data.payment.providerPayerDetails,
  'payment.payout_account': (data) => data.payment.payoutAccountsCreated,
  'payment.refund': (data) => data.payment.refundsMarkedDone,
  'payment.invoice': (data) => data.payment.invoicesMarkedPaid,
  'payment.payment_flag': (data) => data.payment.flagsResolved,
  'payment.payment_flag_contact': (data) => data.payment.payerContacts,
  'payment.audit_log': (data) => data.payment.auditLog,
};

/**
 * Tables naming a person that the export leaves out on purpose: each service's outbox holds, until every consumer
 * confirmed them and the pruner deletes them days later, copies of the events that carried the person's own data to
 * another service, whose part of the export shows it.
 */
/** What the seed of the test below gives the person, table by table (the others need flows it does not drive). */
const SEEDED = new Set([
  'gateway.account',
  'gateway.erasure_request',
  'gateway.audit_log',
  'booking.membership',
  'booking.booking',
  'booking.audit_log',
  'booking.booking_message',
  'booking.booking_message_read',
  'booking.insurance_certificate',
  'booking.convention_signature',
  'booking.convention_delegate',
  'booking.organisation_claim',
  'notification.account_contact',
  'notification.account_phone',
  'notification.preference',
  'notification.message',
  'notification.contact_opt_out',
  'notification.audit_log',
  'payment.payment',
  'payment.provider_event',
  'payment.payout_account',
  'payment.refund',
  'payment.invoice',
  'payment.payment_flag',
  'payment.payment_flag_contact',
  'payment.audit_log',
]);

const NOT_EXPORTED = new Set(['gateway.event_outbox', 'booking.event_outbox', 'payment.event_outbox']);

const declare = (browser: Browser, name: string, rna: string) =>
  declareOrganisation((url, init) => browser.request(url, init), stack.gateway.url, name, rna);

describe('GET /api/me/personal-data', () => {
  it('gathers the person’s account, sessions, organisations and contact from every service, and nothing of others', async () => {
    const angela = await loggedIn('test');
    await loggedIn('test');
    const jeanne = await loggedIn('bdd_default');
    const paul = await loggedIn('nom_compose');
    const admin = await stack.loggedIn('proconnect', 'Nathalie ROUX');
    const angelaOrganisation = await declare(angela, 'Basket Club', 'W381000123');
    const jeanneOrganisation = await declare(jeanne, 'Chorale des Alpes', 'W381000456');
    const paulOrganisation = await declare(paul, 'Tennis Club', 'W381000789');
    const angelaId = (await me(angela, stack.gateway)).body.account.id;
    const jeanneId = (await me(jeanne, stack.gateway)).body.account.id;
    const paid = await seedPaymentRecords(
      stack.database.url,
      angelaId,
      { email: 'wossewodda-3728@yopmail.com', name: 'Angela DUBOIS' },
      'angela',
    );
    await seedPaymentRecords(stack.database.url, jeanneId, { email: 'jeanne@example.test', name: 'Jeanne' }, 'jeanne');
    // Booking: a booking with its convention, which she signed, a message, a certificate, claims and a delegation.
    const bookingId = await bookedBy(stack, angela, admin, angelaOrganisation);
    await wroteMessage(stack, angela, bookingId, 'Nous arriverons à 9 h 45.');
    await uploadCertificate(stack, angela, angelaOrganisation);
    await signedConvention(stack, bookingId, angelaId, 'Angela Claire Louise DUBOIS');
    await claimsOn(stack, angela, admin, { holderId: paulOrganisation, number: 'W381000789', name: 'Angela DUBOIS' });
    await delegatedTo(stack, admin, angelaId);
    // « Mon compte »: a mobile number with consent to SMS, and one kind of message turned off.
    const put = (path: string, body: unknown) =>
      angela.request(`${stack.gateway.url}/api/notification${path}`, fromSite(stack.gateway.url, 'PUT', body));
    expect((await put('/me/phone', { phone: '06 12 34 56 78', smsConsent: true })).status).toBe(200);
    const choice = { kind: 'session_reminder', channel: 'email', enabled: false } as const;
    expect((await put('/me/preferences', { items: [choice] })).status).toBe(200);
    // Her address, an organisation's contact, unsubscribed from one optional kind (as its one-click link writes it).
    await unsubscribed(stack, 'wossewodda-3728@yopmail.com', 'session_reminder');
    // « Supprimer mon compte », not executed yet.
    const erasure = await angela.request(
      `${stack.gateway.url}/api/me/erasure-request`,
      fromSite(stack.gateway.url, 'POST'),
    );
    expect(erasure.status).toBe(201);
    await exportWithContact(angela, true);

    // Every table naming her (found from the schemas, not listed by hand) is in the export, and not empty there.
    const naming = await tablesNaming(stack.database.url, angelaId, ['wossewodda']);
    const data = await exportWithContact(angela, true);
    expect(naming.filter((table) => !(table in EXPORTED_AS) && !NOT_EXPORTED.has(table))).toEqual([]);
    const empty = naming.filter((table) => EXPORTED_AS[table] && EXPORTED_AS[table](data).length === 0);
    expect(empty).toEqual([]);
    // The tables the seed above fills, so that the check covers them.
    expect(naming).toEqual(expect.arrayContaining(Object.keys(EXPORTED_AS).filter((table) => SEEDED.has(table))));
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
    expect(data.payment.payerContacts).toEqual([
      { flagId: paid.flagId, role: 'department_admin', message: expect.any(String), contactedAt: expect.any(String) },
    ]);
    expect(data.payment.providerPayerDetails).toEqual([
      {
        paymentId: paid.stripePaymentId,
        details: { customer_details: expect.objectContaining({ name: 'Angela DUBOIS' }) },
      },
    ]);
    expect(data.payment.auditLog).toEqual([
      expect.objectContaining({ service: 'payment', action: 'flag.resolved', actorAccountId: angelaId }),
    ]);
    expect(data.booking.conventionSignatures).toEqual([
      expect.objectContaining({ bookingId, step: 'organisation', displayName: 'Angela Claire Louise DUBOIS' }),
    ]);
    expect(data.booking.conventionDelegations).toEqual([
      { deliberation: 'Délibération du 3 mars 2026', grantedAt: expect.any(String) },
    ]);
    expect(data.booking.organisationClaims.map((claim) => [claim.organisationId, claim.status])).toEqual([
      [paulOrganisation, 'dismissed'],
      [paulOrganisation, 'pending'],
    ]);
    expect(data.booking.messages).toEqual([expect.objectContaining({ bookingId, body: 'Nous arriverons à 9 h 45.' })]);
    expect(data.booking.auditLog).toEqual(
      expect.arrayContaining([expect.objectContaining({ service: 'booking', actorAccountId: angelaId })]),
    );
    expect(data.notification.auditLog).toEqual(
      expect.arrayContaining([expect.objectContaining({ service: 'notification', actorAccountId: angelaId })]),
    );
    expect(data.gateway.erasureRequests).toEqual([expect.objectContaining({ accountId: angelaId, executedAt: null })]);
    expect(data.gateway.auditLog).toEqual([
      expect.objectContaining({ service: 'gateway', action: 'erasure.requested', actorAccountId: angelaId }),
    ]);

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
