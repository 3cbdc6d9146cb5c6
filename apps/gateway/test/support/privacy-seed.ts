// What the privacy specs (export, erasure) give a person in the booking service, through the gateway as the web app
// does, or as the service writes it where the privacy stack runs no such flow (online signing).
import { PDFDocument } from 'pdf-lib';
import { Client } from 'pg';
import type { Browser } from '@salle/testing';
import { fromSite } from './privacy-services';
import type { PrivacyStack } from './privacy-stack';

async function send<T>(
  stack: PrivacyStack,
  browser: Browser,
  method: 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await browser.request(`${stack.gateway.url}${path}`, fromSite(stack.gateway.url, method, body));
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function query(stack: PrivacyStack, sql: string, values: unknown[]): Promise<void> {
  const client = new Client({ connectionString: stack.database.url });
  await client.connect();
  try {
    await client.query(sql, values);
  } finally {
    await client.end();
  }
}

/**
 * A collège with a gymnasium, its ProConnect agent, the organisation verified, and one booking `person` requests,
 * approved (so that its convention is issued and stored in the document store): the booking's id.
 */
export async function bookedBy(
  stack: PrivacyStack,
  person: Browser,
  admin: Browser,
  organisationId: string,
): Promise<string> {
  const establishment = await send<{ id: string }>(stack, admin, 'POST', '/api/booking/establishments', {
    uai: '0382111N',
    siret: '99990038421115',
    name: 'Collège Champollion',
    address: '1 cours La Fontaine',
    postalCode: '38000',
    communeName: 'Grenoble',
    communeInsee: '38185',
    latitude: 45.1885,
    longitude: 5.7245,
    schoolZone: 'A',
    status: 'active',
  });
  const agent = await stack.loggedIn('proconnect', 'Claire MARTIN');
  const space = await send<{ id: string }>(
    stack,
    agent,
    'POST',
    `/api/booking/establishments/${establishment.id}/spaces`,
    {
      kind: 'gymnasium',
      name: 'Gymnase',
      capacity: 120,
      areaM2: 900,
      equipment: [],
      stepFreeAccess: true,
      description: '',
      photoUrls: [],
      bufferMinutes: 0,
      minDurationMinutes: 60,
      maxDurationMinutes: 240,
      minNoticeHours: 48,
      maxHorizonDays: 365,
      approvalRequired: true,
      allowedCategories: ['association'],
      closedOnPublicHolidays: false,
      active: true,
    },
  );
  await send(stack, agent, 'PUT', `/api/booking/spaces/${space.id}/opening-rules`, {
    rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
  });
  await send(stack, agent, 'PUT', `/api/booking/spaces/${space.id}/tariffs`, {
    tariffs: [{ category: 'association', hourlyCents: 1500 }],
  });
  await send(stack, admin, 'POST', `/api/booking/organisations/${organisationId}/verify`);
  // A Saturday three weeks or more ahead, 10:00 to 12:00 in Paris whatever the season.
  const day = new Date(Date.now() + 21 * 86_400_000);
  day.setUTCDate(day.getUTCDate() + ((6 - day.getUTCDay() + 7) % 7));
  const date = day.toISOString().slice(0, 10);
  const booked = await send<{ id: string }>(stack, person, 'POST', '/api/booking/bookings', {
    spaceId: space.id,
    organisationId,
    startsAt: `${date}T09:00:00Z`,
    endsAt: `${date}T11:00:00Z`,
    purpose: 'Entraînement',
    attendees: 10,
  });
  await send(stack, agent, 'POST', `/api/booking/bookings/${booked.id}/approve`, {});
  return booked.id;
}

/** The organisation's insurance certificate, uploaded by its owner: a small PDF that names the association only. */
export async function uploadCertificate(stack: PrivacyStack, owner: Browser, organisationId: string): Promise<void> {
  const document = await PDFDocument.create();
  document.addPage().drawText("Attestation d'assurance - Basket Club", { x: 50, y: 700 });
  const pdf = Buffer.from(await document.save());
  const query = new URLSearchParams({
    insurer: 'MAIF',
    policyNumber: '123456',
    expiresOn: '2099-08-31',
    fileName: 'attestation.pdf',
  });
  const response = await owner.request(
    `${stack.gateway.url}/api/booking/organisations/${organisationId}/insurance-certificate?${query.toString()}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/pdf', origin: stack.gateway.url, 'x-requested-with': 'fetch' },
      body: pdf,
    },
  );
  if (response.status !== 201) throw new Error(`certificate refused: ${response.status} ${await response.text()}`);
}

/** A message `author` writes in the booking's conversation. */
export async function wroteMessage(stack: PrivacyStack, author: Browser, bookingId: string, body: string) {
  await send(stack, author, 'POST', `/api/booking/bookings/${bookingId}/messages`, { body });
}

/**
 * The person's signature of the booking's convention (its organisation's step), the convention then complete, as
 * the online signing writes them (the privacy stack runs no signing).
 */
export async function signedConvention(
  stack: PrivacyStack,
  bookingId: string,
  accountId: string,
  displayName: string,
): Promise<void> {
  await query(
    stack,
    `INSERT INTO booking.convention_signature (convention_id, step, signer_account_id, display_name, method,
            assurance_level, document_sha256, consent_version, signed_at)
     SELECT id, 'organisation', $2, $3, 'franceconnect', 'eidas1', sha256, 'v1', now()
       FROM booking.convention WHERE booking_id = $1`,
    [bookingId, accountId, displayName],
  );
  await query(stack, `UPDATE booking.convention SET completed_at = now() WHERE booking_id = $1`, [bookingId]);
}

/** The département's delegation to sign conventions, granted by `admin` to the account. */
export async function delegatedTo(stack: PrivacyStack, admin: Browser, accountId: string): Promise<void> {
  await send(stack, admin, 'PUT', `/api/booking/convention-delegates/${accountId}`, {
    deliberation: 'Délibération du 3 mars 2026',
  });
}

/**
 * Two claims of the person on the number another organisation holds (verified first): one the admin dismissed,
 * whose decision stays, and one still pending; each statement names them (`name`).
 */
export async function claimsOn(
  stack: PrivacyStack,
  person: Browser,
  admin: Browser,
  claim: { holderId: string; number: string; name: string },
): Promise<void> {
  await send(stack, admin, 'POST', `/api/booking/organisations/${claim.holderId}/verify`);
  const body = { number: claim.number, statement: `${claim.name}, présidente : ce numéro est celui de notre club.` };
  const first = await send<{ id: string }>(stack, person, 'POST', '/api/booking/organisation-claims', body);
  await send(stack, admin, 'POST', `/api/booking/organisation-claims/${first.id}/dismiss`, {
    reason: 'Numéro bien attribué',
  });
  await send(stack, person, 'POST', '/api/booking/organisation-claims', body);
}

/** An address unsubscribed from one optional kind of e-mail, as the one-click link of such an e-mail records it. */
export async function unsubscribed(stack: PrivacyStack, email: string, kind: string): Promise<void> {
  await query(stack, `INSERT INTO notification.contact_opt_out (email, kind) VALUES ($1, $2)`, [email, kind]);
}
