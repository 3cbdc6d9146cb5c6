import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Caller } from '@salle/auth';
import {
  type BookingView,
  type ConventionEvidence,
  type ConventionSigningView,
  type ConventionVerification,
  type SeriesCreatedView,
  type SeriesView,
} from '@salle/contracts';
import { flagOverdueSignatures } from '../src/conventions/signing-overdue';
import { publicHolidayOn } from '../src/domain/calendar';
import { departmentAdmin, startBookingTestService, type BookingTestService } from './booking-test-service';
import { approvedBooking, issuedSha, setUp, sign, signBody, type Parties } from './convention-parties';
import { eventually, startFakePaymentProducer } from './payment-producer';
import { parisInstant, upcomingSaturday } from './fixtures';

const run = promisify(execFile);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const compact = (date: string) => date.replace(/-/g, '');

/** The PDF's text as poppler reads it, and whether poppler reads it without error at all. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'salle-signed-'));
  try {
    const file = path.join(folder, 'signed.pdf');
    await writeFile(file, bytes);
    const { stdout } = await run('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-']);
    return stdout.replace(/\s+/g, ' ');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** What poppler's pdfsig says of the file's signatures (its exit status is not an answer: it is 0 for "valid"). */
async function pdfsig(bytes: Uint8Array): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'salle-sealed-'));
  try {
    const file = path.join(folder, 'sealed.pdf');
    await writeFile(file, bytes);
    const { stdout } = await run('/usr/bin/pdfsig', [file]).catch((error: { stdout?: string }) => ({
      stdout: error.stdout ?? '',
    }));
    return stdout;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function outboxTypes(api: BookingTestService, bookingId: string): Promise<string[]> {
  const rows = (await api.service.dataSource.query(
    `SELECT type FROM booking.event_outbox WHERE aggregate_id = $1 ORDER BY position`,
    [bookingId],
  )) as { type: string }[];
  return rows.map((row) => row.type);
}

async function refusalsRecorded(api: BookingTestService, bookingId: string): Promise<string[]> {
  const rows = (await api.service.dataSource.query(
    `SELECT reason FROM booking.audit_entry WHERE booking_id = $1 AND reason LIKE 'Signature de la convention refusée%' ORDER BY id`,
    [bookingId],
  )) as { reason: string }[];
  return rows.map((row) => row.reason.replace(/^.*\((.*)\)$/, '$1'));
}

const statusOf = (api: BookingTestService, who: Caller, id: string) =>
  api
    .as(who)
    .get<BookingView>(`/bookings/${id}`)
    .then((response) => response.body.status);

describe('signing the convention online, before payment (the default)', () => {
  let api: BookingTestService;
  let p: Parties;

  beforeAll(async () => {
    api = await startBookingTestService('convention-signing', undefined, { CONVENTION_SIGNING: 'before_payment' });
    p = await setUp(api);
  });
  afterAll(() => api.stop());

  it('signs in order, refuses and records every other attempt, then seals and opens the payment', async () => {
    const booking = await approvedBooking(api, p, 4);
    // Approved, waiting for the signatures: nothing tells payment the booking may be paid yet.
    expect(booking.status).toBe('approved');
    expect(await outboxTypes(api, booking.id)).toEqual(['booking.requested', 'convention.issued']);
    // Its views say the payment waits for the signatures, so that no « Payer » is offered: detail, list, decision.
    expect(booking.awaitingSignatures).toBe(true);
    expect((await api.as(p.owner).get<BookingView>(`/bookings/${booking.id}`)).body.awaitingSignatures).toBe(true);
    const listed = await api.as(p.owner).get<{ items: BookingView[] }>(`/bookings?organisationId=${p.organisationId}`);
    expect(listed.body.items.find((item) => item.id === booking.id)?.awaitingSignatures).toBe(true);
    const sha = await issuedSha(api, p.owner, booking.id);
    const start = await api.as(p.owner).get<ConventionSigningView>(`/bookings/${booking.id}/convention/signing`);
    expect(start.body).toMatchObject({ status: 'signing', nextStep: 'organisation', canSign: true, signatures: [] });
    expect(
      (await api.as(p.signatory).get<ConventionSigningView>(`/bookings/${booking.id}/convention/signing`)).body,
    ).toMatchObject({ canSign: false });

    // Out of order, not entitled, strangers, another document, no consent.
    expect((await sign(api, p.signatory, booking.id, sha)).body.code).toBe('convention_not_your_turn');
    const plain = await sign(api, p.member, booking.id, sha);
    expect(plain.status).toBe(403);
    expect(plain.body.code).toBe('convention_signer_forbidden');
    expect((await sign(api, p.otherOwner, booking.id, sha)).status).toBe(404);
    expect((await sign(api, p.otherManager, booking.id, sha)).status).toBe(404);
    expect((await sign(api, p.owner, booking.id, 'b'.repeat(64))).body.code).toBe('convention_not_current');
    const unconsented = await api
      .as(p.owner)
      .post(`/bookings/${booking.id}/convention/signatures`, { ...signBody(sha), consent: false });
    expect(unconsented.status).toBe(400);

    const first = await sign(api, p.owner, booking.id, sha);
    expect(first.status).toBe(200);
    expect(first.body.signatures).toEqual([
      expect.objectContaining({
        step: 'organisation',
        displayName: 'Angela Dubois',
        method: 'franceconnect',
        assuranceLevel: 'eidas1',
        documentSha256: sha,
      }),
    ]);
    expect(first.body.nextStep).toBe('establishment');
    expect((await sign(api, p.owner, booking.id, sha)).body.code).toBe('convention_already_signed');
    expect((await sign(api, p.plainManager, booking.id, sha)).body.code).toBe('convention_signer_forbidden');
    expect((await sign(api, p.admin, booking.id, sha)).body.code).toBe('convention_signer_forbidden');

    expect((await sign(api, p.signatory, booking.id, sha)).body.nextStep).toBe('department');
    expect(await statusOf(api, p.owner, booking.id)).toBe('approved');
    // An admin without the delegation may not sign for the département; one holding it may.
    expect((await sign(api, p.admin, booking.id, sha)).body.code).toBe('convention_signer_forbidden');
    const delegate = departmentAdmin();
    expect(
      (await api.as(p.admin).put(`/convention-delegates/${delegate.accountId}`, { deliberation: 'CP-2026-045' }))
        .status,
    ).toBe(204);
    const done = await sign(api, delegate, booking.id, sha);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'signed', nextStep: null, canSign: false });
    expect(done.body.signatures.map((signature) => [signature.step, signature.method])).toEqual([
      ['organisation', 'franceconnect'],
      ['establishment', 'proconnect'],
      ['department', 'proconnect'],
    ]);

    // Fully signed: the payment opens, announced to payment now.
    expect(await statusOf(api, p.owner, booking.id)).toBe('awaiting_payment');
    expect((await api.as(p.owner).get<BookingView>(`/bookings/${booking.id}`)).body.awaitingSignatures).toBe(false);
    expect(await outboxTypes(api, booking.id)).toEqual([
      'booking.requested',
      'convention.issued',
      'convention.signed',
      'convention.signed',
      'convention.signed',
      'convention.completed',
      'booking.approved',
    ]);
    expect(await refusalsRecorded(api, booking.id)).toEqual([
      'convention_not_your_turn',
      'convention_signer_forbidden',
      'not_a_party',
      'not_a_party',
      'convention_not_current',
      'convention_already_signed',
      'convention_signer_forbidden',
      'convention_signer_forbidden',
      'convention_signer_forbidden',
    ]);
    expect((await sign(api, delegate, booking.id, sha)).body.code).toBe('convention_already_signed');
  });

  it('gives each session of a series signed before payment its period’s due date, from the last signature', async () => {
    const first = upcomingSaturday(6, (date) => publicHolidayOn(date) !== null);
    const until = new Date(`${first}T12:00:00Z`);
    until.setUTCDate(until.getUTCDate() + 14);
    const created = await api.as(p.owner).post<SeriesCreatedView>('/series', {
      spaceId: p.spaceId,
      organisationId: p.organisationId,
      rrule: `FREQ=WEEKLY;BYDAY=SA;UNTIL=${compact(until.toISOString().slice(0, 10))}`,
      firstDate: first,
      startTime: '16:00',
      durationMinutes: 120,
      options: { skipSchoolHolidays: false, skipPublicHolidays: true },
      purpose: 'Entraînement de basket',
    });
    expect(created.status).toBe(201);
    const seriesId = created.body.series.id;
    const ids = created.body.occurrences.flatMap((occurrence) => (occurrence.bookingId ? [occurrence.bookingId] : []));
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect((await api.as(p.signatory).post(`/series/${seriesId}/approve`, {})).status).toBe(200);
    // The signatures take time: the deadline the approval set is an hour away when the last one lands.
    await api.service.dataSource.query(
      `UPDATE booking.booking SET expires_at = now() + interval '1 hour' WHERE series_id = $1`,
      [seriesId],
    );
    const [firstId] = ids as [string];
    const sessionsAwaiting = async () =>
      (await api.as(p.owner).get<SeriesView>(`/series/${seriesId}`)).body.occurrences.map(
        (occurrence) => occurrence.awaitingSignatures,
      );
    expect(await sessionsAwaiting()).toEqual(ids.map(() => true));
    const sha = await issuedSha(api, p.owner, firstId);
    expect((await sign(api, p.owner, firstId, sha)).status).toBe(200);
    expect((await sign(api, p.signatory, firstId, sha)).status).toBe(200);
    expect(await sessionsAwaiting()).toEqual(ids.map(() => true));
    const delegate = departmentAdmin();
    await api.as(p.admin).put(`/convention-delegates/${delegate.accountId}`, { deliberation: 'CP-2026-046' });
    expect((await sign(api, delegate, firstId, sha)).body.status).toBe('signed');
    expect(await sessionsAwaiting()).toEqual(ids.map(() => false));

    // The whole series is one period (SERIES_PAYMENT=whole), due 14 days before its first session, not in an hour.
    const rows = (await api.service.dataSource.query(
      `SELECT b.id, b.status, b.expires_at AS "expiresAt", e.payload
         FROM booking.booking b JOIN booking.event_outbox e ON e.aggregate_id = b.id::text AND e.type = 'booking.approved'
        WHERE b.series_id = $1 ORDER BY b.starts_at`,
      [seriesId],
    )) as { status: string; expiresAt: Date; payload: { paymentDueAt: string; seriesPeriod?: unknown } }[];
    const dueAt = new Date(new Date(parisInstant(first, '16:00')).getTime() - 14 * 86_400_000).toISOString();
    expect(rows).toHaveLength(ids.length);
    for (const row of rows) {
      expect([row.status, row.expiresAt.toISOString(), row.payload.paymentDueAt]).toEqual([
        'awaiting_payment',
        dueAt,
        dueAt,
      ]);
      // Payment learns which period the session belongs to, to pay the period as one item.
      expect(row.payload.seriesPeriod).toEqual({ seriesId, key: 'season', label: 'Toute la série' });
    }
  });

  it('keeps the sealed PDF and its evidence beside it, for the parties only', async () => {
    const booking = await approvedBooking(api, p, 5);
    const sha = await issuedSha(api, p.owner, booking.id);
    const delegate = departmentAdmin();
    await api.as(p.admin).put(`/convention-delegates/${delegate.accountId}`, { deliberation: 'CP-2026-045' });
    expect((await api.as(p.owner).get(`/bookings/${booking.id}/convention-signed.pdf`)).status).toBe(404);
    for (const who of [p.owner, p.signatory, delegate])
      expect((await sign(api, who, booking.id, sha)).status).toBe(200);

    const sealed = await api.as(p.member).get(`/bookings/${booking.id}/convention-signed.pdf`);
    expect(sealed.status).toBe(200);
    expect(sealed.headers.get('x-convention-sha256')).toBe(sha256(sealed.bytes));
    const text = await pdfText(sealed.bytes);
    expect(text).toContain('Page de preuve des signatures');
    expect(text).toContain('Angela Dubois');
    expect(text).toContain('Claire Principal');
    expect(text).toContain(sha);
    // The seal holds for anyone holding the file: the public verification page and poppler's pdfsig say so.
    const verified = await api.visitor.postBytes<ConventionVerification>(
      '/convention-verification',
      sealed.bytes,
      'application/pdf',
    );
    expect(verified.body).toMatchObject({ valid: true, evidence: { documentSha256: sha } });
    expect(verified.body.evidence?.signers.map((signer) => signer.step)).toEqual([
      'organisation',
      'establishment',
      'department',
    ]);
    expect(await pdfsig(sealed.bytes)).toMatch(/Signature Validation: Signature is Valid/);
    const tampered = Uint8Array.from(sealed.bytes);
    tampered[200] ^= 0x01;
    expect(
      (await api.visitor.postBytes<ConventionVerification>('/convention-verification', tampered, 'application/pdf'))
        .body.valid,
    ).toBe(false);
    const evidence = await api
      .as(p.signatory)
      .get<ConventionEvidence>(`/bookings/${booking.id}/convention-evidence.json`);
    expect(evidence.status).toBe(200);
    expect(evidence.headers.get('x-evidence-sha256')).toBe(sha256(evidence.bytes));
    expect(evidence.body.documentSha256).toBe(sha);
    expect(evidence.body.signers.map((signer) => [signer.step, signer.name, signer.documentSha256])).toEqual([
      ['organisation', 'Angela Dubois', sha],
      ['establishment', 'Claire Principal', sha],
      ['department', delegate.displayName, sha],
    ]);
    const [row] = (await api.service.dataSource.query(
      `SELECT sealed_sha256, evidence_sha256, completed_at FROM booking.convention WHERE booking_id = $1`,
      [booking.id],
    )) as { sealed_sha256: string; evidence_sha256: string; completed_at: Date | null }[];
    expect(row).toMatchObject({ sealed_sha256: sha256(sealed.bytes), evidence_sha256: sha256(evidence.bytes) });
    for (const stranger of [p.otherOwner, p.otherManager]) {
      expect((await api.as(stranger).get(`/bookings/${booking.id}/convention-signed.pdf`)).status).toBe(404);
      expect((await api.as(stranger).get(`/bookings/${booking.id}/convention-evidence.json`)).status).toBe(404);
    }
    expect((await api.visitor.get(`/bookings/${booking.id}/convention-signed.pdf`)).status).toBe(401);

    // The organisation is e-mailed a signed link to the sealed PDF (convention.completed carries it): it opens that
    // exact file without a session for a month, and nothing once altered.
    const [completed] = (await api.service.dataSource.query(
      `SELECT payload FROM booking.event_outbox WHERE aggregate_id = $1 AND type = 'convention.completed'`,
      [booking.id],
    )) as { payload: { sealedSha256: string; signedDownload: { path: string; expiresAt: string } } }[];
    const link = completed?.payload.signedDownload;
    expect(completed?.payload.sealedSha256).toBe(sha256(sealed.bytes));
    expect(link?.path).toMatch(new RegExp(`^/downloads/conventions/${booking.id}\\?expires=\\d+&signature=`));
    const lifetimeDays = (Date.parse(link?.expiresAt ?? '') - Date.now()) / 86_400_000;
    expect(lifetimeDays).toBeGreaterThan(29.9);
    expect(lifetimeDays).toBeLessThanOrEqual(30);
    const downloaded = await api.visitor.get(link?.path ?? '');
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get('content-disposition')).toContain('convention-signee.pdf');
    expect(sha256(downloaded.bytes)).toBe(sha256(sealed.bytes));
    const altered = (link?.path ?? '').replace(
      /signature=(.)/,
      (_, first: string) => `signature=${first === 'A' ? 'B' : 'A'}`,
    );
    const refused = await api.visitor.get(altered);
    expect([refused.status, (refused.body as { code?: string }).code]).toEqual([403, 'download_link_invalid']);
    // Another booking's path with this link's signature opens nothing either.
    const other = await approvedBooking(api, p, 9);
    const borrowed = await api.visitor.get((link?.path ?? '').replace(booking.id, other.id));
    expect(borrowed.status).toBe(403);
  });

  it('refuses to sign once the booking is cancelled, and shows its convention as a draft', async () => {
    const booking = await approvedBooking(api, p, 6);
    const sha = await issuedSha(api, p.owner, booking.id);
    expect((await api.as(p.owner).post(`/bookings/${booking.id}/cancel`, {})).status).toBe(200);
    const refused = await sign(api, p.owner, booking.id, sha);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('convention_not_signable');
    expect(
      (await api.as(p.owner).get<ConventionSigningView>(`/bookings/${booking.id}/convention/signing`)).body,
    ).toMatchObject({ status: 'draft', canSign: false });
    expect(await refusalsRecorded(api, booking.id)).toEqual(['convention_not_signable']);
  });

  it('lists for the admins the conventions that wait for the département, and only for them', async () => {
    const booking = await approvedBooking(api, p, 7);
    const sha = await issuedSha(api, p.owner, booking.id);
    const listed = async () =>
      (await api.as(p.admin).get<{ items: { bookingId: string; reference: string }[] }>('/conventions/to-sign')).body
        .items;
    await sign(api, p.owner, booking.id, sha);
    expect((await listed()).map((item) => item.bookingId)).not.toContain(booking.id);
    await sign(api, p.signatory, booking.id, sha);
    expect(await listed()).toContainEqual(
      expect.objectContaining({ bookingId: booking.id, reference: booking.id.slice(0, 8).toUpperCase() }),
    );
    for (const who of [p.signatory, p.owner]) expect((await api.as(who).get('/conventions/to-sign')).status).toBe(403);
    const delegate = departmentAdmin();
    await api.as(p.admin).put(`/convention-delegates/${delegate.accountId}`, { deliberation: 'CP-2026-045' });
    await sign(api, delegate, booking.id, sha);
    expect((await listed()).map((item) => item.bookingId)).not.toContain(booking.id);
  });

  it('lets only admins flag a signatory or grant the delegation', async () => {
    const listed = await api
      .as(p.admin)
      .get<{ managers: { accountId: string; signatory: boolean }[] }>(`/establishments/${p.establishmentId}/managers`);
    expect(
      listed.body.managers.map((manager) => [manager.accountId === p.signatory.accountId, manager.signatory]).sort(),
    ).toEqual([
      [false, false],
      [true, true],
    ]);
    const path = `/establishments/${p.establishmentId}/managers/${p.plainManager.accountId}/signatory`;
    expect((await api.as(p.signatory).put(path, { signatory: true })).status).toBe(403);
    expect((await api.as(p.owner).put(path, { signatory: true })).status).toBe(403);
    expect(
      (
        await api
          .as(p.admin)
          .put(`/establishments/${p.establishmentId}/managers/${randomUUID()}/signatory`, { signatory: true })
      ).status,
    ).toBe(404);
    expect(
      (await api.as(p.signatory).put(`/convention-delegates/${p.signatory.accountId}`, { deliberation: 'x' })).status,
    ).toBe(403);
    expect((await api.as(p.owner).delete(`/convention-delegates/${p.owner.accountId}`)).status).toBe(403);
  });

  it('lists the delegates to admins only; granting again replaces the deliberation, withdrawing removes it', async () => {
    const delegate = departmentAdmin();
    const delegates = async () =>
      (await api.as(p.admin).get<{ items: { accountId: string; deliberation: string }[] }>('/convention-delegates'))
        .body.items;
    expect(await delegates()).not.toContainEqual(expect.objectContaining({ accountId: delegate.accountId }));
    for (const deliberation of ['CP-2026-045', 'CP-2026-046'])
      expect((await api.as(p.admin).put(`/convention-delegates/${delegate.accountId}`, { deliberation })).status).toBe(
        204,
      );
    expect((await delegates()).filter((item) => item.accountId === delegate.accountId)).toEqual([
      expect.objectContaining({ deliberation: 'CP-2026-046', grantedAt: expect.any(String) }),
    ]);
    // A plain agent of the collège (even its signatory), an organisation's owner, a visitor: refused.
    for (const who of [p.signatory, p.otherManager, p.owner])
      expect((await api.as(who).get('/convention-delegates')).status).toBe(403);
    expect((await api.visitor.get('/convention-delegates')).status).toBe(401);
    expect(
      (await api.as(p.admin).put(`/convention-delegates/${delegate.accountId}`, { deliberation: ' ' })).status,
    ).toBe(400);
    expect((await api.as(p.admin).delete(`/convention-delegates/${delegate.accountId}`)).status).toBe(204);
    expect(await delegates()).not.toContainEqual(expect.objectContaining({ accountId: delegate.accountId }));
  });
});

describe('signing the convention after payment, with a standing delegation', () => {
  let api: BookingTestService;
  let payment: Awaited<ReturnType<typeof startFakePaymentProducer>>;
  let p: Parties;

  beforeAll(async () => {
    api = await startBookingTestService('convention-after-payment', undefined, {
      CONVENTION_SIGNING: 'after_payment',
      CONVENTION_STANDING_DELEGATION: 'Jeanne Martin, directrice de l’éducation | Délibération CP-2026-045',
    });
    payment = await startFakePaymentProducer(api);
    p = await setUp(api);
  });
  afterAll(async () => {
    await payment?.stop();
    await api?.stop();
  });

  it('confirms a paid booking only once its convention is signed, the département signing by delegation', async () => {
    const booking = await approvedBooking(api, p, 4);
    expect(booking.status).toBe('awaiting_payment');
    // After payment, the signatures do not hold the payment back.
    expect(booking.awaitingSignatures).toBe(false);
    const paymentId = randomUUID();
    await payment.publish({
      type: 'payment.succeeded',
      aggregateId: booking.id,
      payload: {
        paymentId,
        bookingId: booking.id,
        establishmentId: p.establishmentId,
        amountCents: booking.priceCents,
        paidAt: new Date().toISOString(),
      },
    });
    const paid = await eventually(
      () => api.service.dataSource.query(`SELECT paid_by_payment_id FROM booking.booking WHERE id = $1`, [booking.id]),
      (rows: { paid_by_payment_id: string | null }[]) => rows[0]?.paid_by_payment_id === paymentId,
    );
    expect(paid).toEqual([{ paid_by_payment_id: paymentId }]);
    expect(await statusOf(api, p.owner, booking.id)).toBe('awaiting_payment');

    const sha = await issuedSha(api, p.owner, booking.id);
    expect((await sign(api, p.owner, booking.id, sha)).status).toBe(200);
    const last = await sign(api, p.signatory, booking.id, sha);
    expect(last.body.status).toBe('signed');
    expect(last.body.signatures[2]).toMatchObject({
      step: 'department',
      displayName: 'Jeanne Martin, directrice de l’éducation',
      method: 'standing_delegation',
      assuranceLevel: 'Délibération CP-2026-045',
    });
    expect(await statusOf(api, p.owner, booking.id)).toBe('confirmed');
    const [confirmed] = (await api.service.dataSource.query(
      `SELECT payload FROM booking.event_outbox WHERE aggregate_id = $1 AND type = 'booking.confirmed'`,
      [booking.id],
    )) as { payload: { paymentId: string } }[];
    expect(confirmed?.payload.paymentId).toBe(paymentId);
  });

  it('gives a paid unsigned booking a signing deadline, then flags it once and reminds whose turn it is', async () => {
    const booking = await approvedBooking(api, p, 5, '14:00');
    const paidAt = Date.now();
    await payment.publish({
      type: 'payment.succeeded',
      aggregateId: booking.id,
      payload: {
        paymentId: randomUUID(),
        bookingId: booking.id,
        establishmentId: p.establishmentId,
        amountCents: booking.priceCents,
        paidAt: new Date(paidAt).toISOString(),
      },
    });
    const view = await eventually(
      async () => (await api.as(p.owner).get<BookingView>(`/bookings/${booking.id}`)).body,
      (body) => body.conventionDueAt !== undefined,
    );
    // CONVENTION_SIGNING_DUE_DAYS (7 by default) after the payment: the session is five weeks away.
    const dueAt = Date.parse(view.conventionDueAt as string);
    expect(dueAt - paidAt).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(dueAt - paidAt).toBeLessThan(7 * 86_400_000 + 60_000);
    expect(view.conventionOverdueAt).toBeUndefined();
    const sha = await issuedSha(api, p.owner, booking.id);
    expect((await sign(api, p.owner, booking.id, sha)).status).toBe(200);

    const overdueEvents = async () =>
      (await api.service.dataSource.query(
        `SELECT payload FROM booking.event_outbox WHERE aggregate_id = $1 AND type = 'convention.signing_overdue'`,
        [booking.id],
      )) as { payload: { nextStep: string; dueAt: string; establishmentId: string } }[];
    // A minute before the deadline (simulated clock): nothing yet.
    await flagOverdueSignatures(api.service.dataSource, new Date(dueAt - 60_000));
    expect(await overdueEvents()).toEqual([]);
    // At the deadline, two replicas at once: flagged and announced once, to the collège whose turn it is.
    const at = new Date(dueAt + 1_000);
    await Promise.all([
      flagOverdueSignatures(api.service.dataSource, at),
      flagOverdueSignatures(api.service.dataSource, at),
    ]);
    await flagOverdueSignatures(api.service.dataSource, new Date(dueAt + 86_400_000));
    const events = await overdueEvents();
    expect(events.map((event) => event.payload.nextStep)).toEqual(['establishment']);
    expect(events[0]?.payload).toMatchObject({ establishmentId: p.establishmentId, dueAt: view.conventionDueAt });
    // Never cancelled nor refunded silently: still held by its payment, flagged for the collège to decide.
    const flagged = (await api.as(p.signatory).get<BookingView>(`/bookings/${booking.id}`)).body;
    expect(flagged.status).toBe('awaiting_payment');
    expect(flagged.conventionOverdueAt).toBe(at.toISOString());

    // Signed late after all: confirmed, the deadline and the flag gone.
    expect((await sign(api, p.signatory, booking.id, sha)).body.status).toBe('signed');
    const confirmed = (await api.as(p.owner).get<BookingView>(`/bookings/${booking.id}`)).body;
    expect(confirmed.status).toBe('confirmed');
    expect([confirmed.conventionDueAt, confirmed.conventionOverdueAt]).toEqual([undefined, undefined]);
  });

  it('signs a season series once for all its sessions, each confirmed as its payment lands', async () => {
    const first = upcomingSaturday(8, (date) => publicHolidayOn(date) !== null);
    const until = new Date(`${first}T12:00:00Z`);
    until.setUTCDate(until.getUTCDate() + 14);
    const created = await api.as(p.owner).post<SeriesCreatedView>('/series', {
      spaceId: p.spaceId,
      organisationId: p.organisationId,
      rrule: `FREQ=WEEKLY;BYDAY=SA;UNTIL=${compact(until.toISOString().slice(0, 10))}`,
      firstDate: first,
      startTime: '14:00',
      durationMinutes: 120,
      options: { skipSchoolHolidays: false, skipPublicHolidays: true },
      purpose: 'Entraînement de basket',
    });
    expect(created.status).toBe(201);
    const ids = created.body.occurrences.flatMap((occurrence) => (occurrence.bookingId ? [occurrence.bookingId] : []));
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect((await api.as(p.signatory).post(`/series/${created.body.series.id}/approve`, {})).status).toBe(200);
    const [firstId, secondId] = ids as [string, string];
    // One convention for the series, announced once to the organisation.
    const issued = (await api.service.dataSource.query(
      `SELECT payload FROM booking.event_outbox WHERE type = 'convention.issued' AND payload->>'seriesId' = $1`,
      [created.body.series.id],
    )) as unknown[];
    expect(issued).toHaveLength(1);
    const sha = await issuedSha(api, p.owner, firstId);
    expect((await sign(api, p.owner, firstId, sha)).status).toBe(200);
    // The series has one convention: signing through another session continues it.
    expect((await sign(api, p.signatory, secondId, sha)).body.status).toBe('signed');
    for (const id of ids) expect(await statusOf(api, p.owner, id)).toBe('awaiting_payment');
    await payment.publish({
      type: 'payment.succeeded',
      aggregateId: secondId,
      payload: {
        paymentId: randomUUID(),
        bookingId: secondId,
        establishmentId: p.establishmentId,
        amountCents: 3000,
        paidAt: new Date().toISOString(),
      },
    });
    expect(
      await eventually(
        () => statusOf(api, p.owner, secondId),
        (status) => status === 'confirmed',
      ),
    ).toBe('confirmed');
    expect(await statusOf(api, p.owner, firstId)).toBe('awaiting_payment');
  });
});
