import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import type { Caller } from '@salle/auth';
import { createLogger } from '@salle/runtime';
import { retentionReport } from '@salle/service';
import { LocalFolderStore } from '@salle/storage';
import { Registry } from 'prom-client';
import type { BookingPersonalData, BookingView, ConventionSigningView } from '@salle/contracts';
import { flagOverdueSignatures } from '../src/conventions/signing-overdue';
import { parisToday } from '../src/domain/time';
import { deleteOldConventions } from '../src/privacy/convention-retention';
import { departmentAdmin, startBookingTestService, type BookingTestService } from './booking-test-service';
import { approvedBooking, issuedSha, setUp, sign, type Parties } from './convention-parties';
import { eventually, startFakePaymentProducer } from './payment-producer';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A one-page PDF, as a scanner would make it. */
async function scannedPdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.addPage().drawText('Convention d’occupation — signée le 2 mars', {
    x: 50,
    y: 750,
    size: 14,
    font: await document.embedFont(StandardFonts.Helvetica),
  });
  return document.save();
}

function inDays(days: number): string {
  const date = new Date(`${parisToday()}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

type Problem = { code?: string; title?: string };
type Answer = ConventionSigningView & Problem;

function recorder(api: BookingTestService) {
  return (who: Caller, bookingId: string, bytes: Uint8Array, overrides: Record<string, string> = {}) =>
    api.as(who).postBytes<Answer>(
      `/bookings/${bookingId}/convention/paper?${new URLSearchParams({
        fileName: 'convention signée.pdf',
        signedOn: parisToday(),
        signatories: 'A. Dubois ; C. Principal ; pour le Département, J. Martin',
        ...overrides,
      })}`,
      bytes,
      'application/octet-stream',
    );
}

/** Every file in the service's object store (issued conventions included), by name. */
async function storedFiles(api: BookingTestService): Promise<string[]> {
  return (await readdir(api.storageDir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.parentPath.includes(`${path.sep}objects`))
    .map((entry) => entry.name)
    .sort();
}

async function paperRows(api: BookingTestService) {
  return (await api.service.dataSource.query(
    `SELECT id, booking_id AS "bookingId", paper_storage_key AS key, paper_sha256 AS sha256,
            paper_content_type AS "contentType", to_char(paper_signed_on, 'YYYY-MM-DD') AS "signedOn",
            paper_signatories AS signatories, paper_recorded_by AS "recordedBy", completed_at AS "completedAt",
            paper_recorded_at AS "recordedAt"
       FROM booking.convention WHERE paper_storage_key IS NOT NULL ORDER BY paper_recorded_at`,
  )) as {
    id: string;
    bookingId: string;
    key: string;
    sha256: string;
    contentType: string;
    signedOn: string;
    signatories: string | null;
    recordedBy: string | null;
    completedAt: Date;
    recordedAt: Date;
  }[];
}

async function outbox(api: BookingTestService, bookingId: string) {
  return (await api.service.dataSource.query(
    `SELECT type, payload FROM booking.event_outbox WHERE aggregate_id = $1 ORDER BY position`,
    [bookingId],
  )) as { type: string; payload: Record<string, unknown> }[];
}

const bookingOf = async (api: BookingTestService, who: Caller, id: string) =>
  (await api.as(who).get<BookingView>(`/bookings/${id}`)).body;

describe('a convention signed on paper, before payment', () => {
  let api: BookingTestService;
  let p: Parties;
  let pdf: Uint8Array;
  let record: ReturnType<typeof recorder>;

  beforeAll(async () => {
    api = await startBookingTestService('paper-conventions', undefined, { CONVENTION_SIGNING: 'before_payment' });
    p = await setUp(api);
    pdf = await scannedPdf();
    record = recorder(api);
  });
  afterAll(() => api.stop());

  it('completes the convention from its scan: the payment opens, the parties download the scan, others may not', async () => {
    const booking = await approvedBooking(api, p, 4);
    expect([booking.status, booking.awaitingSignatures]).toEqual(['approved', true]);
    // A plain manager of the collège records it: signing online is the signatory's, recording the paper is not.
    const recorded = await record(p.plainManager, booking.id, pdf);
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({
      status: 'signed',
      canSign: false,
      canRecordPaper: false,
      sealedSha256: null,
      paper: {
        signedOn: parisToday(),
        signatories: 'A. Dubois ; C. Principal ; pour le Département, J. Martin',
        sha256: sha256(pdf),
        contentType: 'application/pdf',
      },
    });
    const [row] = await paperRows(api);
    expect(row).toMatchObject({ bookingId: booking.id, sha256: sha256(pdf), recordedBy: p.plainManager.accountId });
    expect(row?.completedAt).toEqual(row?.recordedAt);

    // The gate opens as after the last online signature: awaiting payment, nothing awaited any more.
    const moved = await bookingOf(api, p.owner, booking.id);
    expect([moved.status, moved.awaitingSignatures]).toEqual(['awaiting_payment', false]);
    const events = await outbox(api, booking.id);
    const completed = events.find((event) => event.type === 'convention.completed');
    expect(completed?.payload).toMatchObject({
      bookingId: booking.id,
      conventionId: row?.id,
      organisationId: p.organisationId,
      sealedSha256: sha256(pdf),
    });
    expect(events.map((event) => event.type)).not.toContain('convention.signed');
    // One audit entry of the record, naming the manager's role and no one's name.
    const audit = (await api.service.dataSource.query(
      `SELECT actor_account_id AS "accountId", actor_role AS role, reason FROM booking.audit_entry
        WHERE booking_id = $1 AND reason LIKE '%papier%'`,
      [booking.id],
    )) as { accountId: string; role: string; reason: string }[];
    expect(audit).toEqual([
      {
        accountId: p.plainManager.accountId,
        role: 'establishment_manager',
        reason: 'Convention signée sur papier par toutes les parties',
      },
    ]);

    // Every party downloads the scan, as stored; another organisation and another collège's manager may not.
    for (const who of [p.owner, p.member, p.signatory, p.admin]) {
      const scan = await api.as(who).get(`/bookings/${booking.id}/convention/paper-scan`);
      expect([scan.status, scan.headers.get('content-type'), scan.headers.get('x-convention-sha256')]).toEqual([
        200,
        'application/pdf',
        sha256(pdf),
      ]);
      expect(sha256(scan.bytes)).toBe(sha256(pdf));
      expect(scan.headers.get('content-disposition')).toMatch(/convention-signee-papier-.*\.pdf/);
    }
    for (const who of [p.otherOwner, p.otherManager])
      expect((await api.as(who).get(`/bookings/${booking.id}/convention/paper-scan`)).status).toBe(404);
    expect((await api.visitor.get(`/bookings/${booking.id}/convention/paper-scan`)).status).toBe(401);
    // The e-mailed link opens the scan without a session, like the sealed PDF's.
    const link = (completed?.payload['signedDownload'] as { path: string }).path;
    const linked = await api.visitor.get(link);
    expect([linked.status, sha256(linked.bytes)]).toEqual([200, sha256(pdf)]);
    // No sealed PDF nor evidence: the scan stands for them.
    const sealed = await api.as(p.owner).get<Problem>(`/bookings/${booking.id}/convention-signed.pdf`);
    expect([sealed.status, sealed.body.code]).toEqual([404, 'convention_signed_on_paper']);

    // Nothing is signed online any more, and the paper is recorded once.
    const sha = await issuedSha(api, p.owner, booking.id);
    const online = await sign(api, p.owner, booking.id, sha);
    expect([online.status, online.body.code]).toEqual([409, 'convention_signed_on_paper']);
    const files = await storedFiles(api);
    const again = await record(p.signatory, booking.id, pdf);
    expect([again.status, again.body.code]).toEqual([409, 'convention_signed_on_paper']);
    expect(await storedFiles(api)).toEqual(files);
    expect(await paperRows(api)).toHaveLength(1);
  });

  it('completes on paper a convention partly signed online, keeping its online signatures', async () => {
    const booking = await approvedBooking(api, p, 5);
    expect((await sign(api, p.owner, booking.id, await issuedSha(api, p.owner, booking.id))).status).toBe(200);
    const before = await api.as(p.signatory).get<ConventionSigningView>(`/bookings/${booking.id}/convention/signing`);
    expect([before.body.canRecordPaper, before.body.paper]).toEqual([true, null]);
    // The organisation's members see where it stands, but may not record the paper for the collège.
    const asMember = await api.as(p.owner).get<ConventionSigningView>(`/bookings/${booking.id}/convention/signing`);
    expect(asMember.body.canRecordPaper).toBe(false);
    const photo = await sharp({ create: { width: 40, height: 60, channels: 3, background: '#fff' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Artist: 'scanner du collège' } } })
      .toBuffer();
    const recorded = await record(p.admin, booking.id, new Uint8Array(photo), {
      fileName: 'scan.jpg',
      signatories: '',
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body.signatures.map((signature) => signature.step)).toEqual(['organisation']);
    expect(recorded.body.paper).toMatchObject({ contentType: 'image/jpeg', signatories: null });
    // The image kept is the one re-encoded, without the original's metadata.
    const scan = await api.as(p.member).get(`/bookings/${booking.id}/convention/paper-scan`);
    expect(scan.headers.get('content-type')).toBe('image/jpeg');
    expect(sha256(scan.bytes)).toBe(recorded.body.paper?.sha256);
    expect(sha256(scan.bytes)).not.toBe(sha256(photo));
    expect((await sharp(scan.bytes).metadata()).exif).toBeUndefined();
    expect((await bookingOf(api, p.owner, booking.id)).status).toBe('awaiting_payment');
  });

  it('refuses a paper record once the convention is fully signed online', async () => {
    const booking = await approvedBooking(api, p, 6);
    const sha = await issuedSha(api, p.owner, booking.id);
    const delegate = departmentAdmin();
    await api.as(p.admin).put(`/convention-delegates/${delegate.accountId}`, { deliberation: 'CP-2026-045' });
    for (const who of [p.owner, p.signatory, delegate])
      expect((await sign(api, who, booking.id, sha)).status).toBe(200);
    const refused = await record(p.signatory, booking.id, pdf);
    expect([refused.status, refused.body.code]).toEqual([409, 'convention_already_signed']);
    expect((await paperRows(api)).map((row) => row.bookingId)).not.toContain(booking.id);
  });

  it('records two paper signatures sent at once only once', async () => {
    const booking = await approvedBooking(api, p, 7);
    await issuedSha(api, p.owner, booking.id);
    const files = await storedFiles(api);
    const [first, second] = await Promise.all([
      record(p.signatory, booking.id, pdf),
      record(p.plainManager, booking.id, pdf),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    expect([first, second].find((answer) => answer.status === 409)?.body.code).toBe('convention_signed_on_paper');
    expect((await paperRows(api)).filter((row) => row.bookingId === booking.id)).toHaveLength(1);
    // The loser's scan is removed: one new file, the winner's.
    expect((await storedFiles(api)).filter((name) => !files.includes(name))).toHaveLength(1);
    const moved = (await outbox(api, booking.id)).filter((event) => event.type === 'convention.completed');
    expect(moved).toHaveLength(1);
  });

  describe('refusals, each in French, storing nothing', () => {
    let bookingId: string;
    let files: string[];

    beforeAll(async () => {
      bookingId = (await approvedBooking(api, p, 8)).id;
      await issuedSha(api, p.owner, bookingId);
    });
    beforeEach(async () => {
      files = await storedFiles(api);
    });
    afterEach(async () => {
      expect(await storedFiles(api)).toEqual(files);
      expect((await paperRows(api)).map((row) => row.bookingId)).not.toContain(bookingId);
      expect((await bookingOf(api, p.owner, bookingId)).status).toBe('approved');
    });

    const refused = async (answer: Promise<{ status: number; body: Answer }>, status: number, code: string) => {
      const { status: got, body } = await answer;
      expect([got, body.code]).toEqual([status, code]);
      expect(body.title).toMatch(/[a-zé]/);
      return body;
    };

    it('refuses an executable renamed .pdf and a text file', async () => {
      const executable = new Uint8Array((await readFile(process.execPath)).subarray(0, 256 * 1024));
      const body = await refused(record(p.signatory, bookingId, executable), 422, 'file_type_refused');
      expect(body.title).toContain('PDF, JPEG ou PNG');
      await refused(
        record(p.signatory, bookingId, new TextEncoder().encode('Signé par tous')),
        422,
        'file_type_refused',
      );
    });

    it('refuses a PDF that does not open, an oversized file and a missing one', async () => {
      const broken = new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), ...new Uint8Array(64).fill(7)]);
      await refused(record(p.signatory, bookingId, broken), 422, 'file_unreadable');
      const big = new Uint8Array(5 * 1024 * 1024 + 1);
      big.set(pdf);
      await refused(record(p.signatory, bookingId, big), 422, 'file_too_large');
      await refused(record(p.signatory, bookingId, new Uint8Array(0)), 422, 'file_empty');
    });

    it('refuses a date in the future, or before the convention was issued', async () => {
      const future = await refused(
        record(p.signatory, bookingId, pdf, { signedOn: inDays(1) }),
        422,
        'paper_signed_in_future',
      );
      expect(future.title).toBe('La date de signature ne peut pas être postérieure à aujourd’hui.');
      await refused(record(p.signatory, bookingId, pdf, { signedOn: inDays(-1) }), 422, 'paper_signed_before_issue');
      const malformed = await api
        .as(p.signatory)
        .postBytes<Problem>(
          `/bookings/${bookingId}/convention/paper?fileName=a.pdf&signedOn=demain`,
          pdf,
          'application/pdf',
        );
      expect(malformed.status).toBe(400);
    });

    it('lets only the collège’s managers and admins record: members, other parties and visitors are refused', async () => {
      await refused(record(p.owner, bookingId, pdf), 403, 'forbidden');
      await refused(record(p.member, bookingId, pdf), 403, 'forbidden');
      await refused(record(p.otherOwner, bookingId, pdf), 404, 'booking_not_found');
      await refused(record(p.otherManager, bookingId, pdf), 404, 'booking_not_found');
      const visitor = await api.visitor.postBytes(
        `/bookings/${bookingId}/convention/paper?fileName=a.pdf&signedOn=${parisToday()}`,
        pdf,
        'application/pdf',
      );
      expect(visitor.status).toBe(401);
      await refused(record(p.signatory, randomUUID(), pdf), 404, 'booking_not_found');
    });
  });

  it('keeps the scan as long as the convention, exports its record and unlinks its recorder on erasure', async () => {
    const booking = await approvedBooking(api, p, 9);
    const recorder = departmentAdmin();
    expect((await record(recorder, booking.id, pdf)).status).toBe(200);
    const [row] = (await paperRows(api)).filter((each) => each.bookingId === booking.id);
    const store = new LocalFolderStore(api.storageDir);
    expect(await store.get(row?.key ?? '')).toBeDefined();

    const exported = await api.as(recorder).get<BookingPersonalData>('/me/personal-data');
    expect(exported.body.paperConventions).toEqual([
      {
        conventionId: row?.id,
        bookingId: booking.id,
        seriesId: null,
        signedOn: parisToday(),
        recordedAt: row?.recordedAt.toISOString(),
      },
    ]);
    expect((await api.as(p.admin).post(`/personal-data/${recorder.accountId}/erase`)).status).toBe(200);
    const [erased] = (await paperRows(api)).filter((each) => each.bookingId === booking.id);
    expect(erased).toMatchObject({ recordedBy: null, key: row?.key, sha256: row?.sha256 });
    expect(await store.get(row?.key ?? '')).toBeDefined();

    // Retention: the scan goes with its convention, five years after the last session.
    const report = retentionReport(createLogger({ service: 'booking', level: 'silent' }), new Registry());
    const after = new Date(booking.endsAt);
    after.setUTCFullYear(after.getUTCFullYear() + 5);
    after.setUTCDate(after.getUTCDate() + 1);
    expect(await deleteOldConventions(api.service.dataSource, store, 5, report, after)).toBeGreaterThanOrEqual(1);
    expect(await store.get(row?.key ?? '')).toBeUndefined();
    expect((await paperRows(api)).map((each) => each.bookingId)).not.toContain(booking.id);
  });
});

describe('a convention signed on paper, after payment', () => {
  let api: BookingTestService;
  let payment: Awaited<ReturnType<typeof startFakePaymentProducer>>;
  let p: Parties;

  beforeAll(async () => {
    api = await startBookingTestService('paper-after-payment', undefined, { CONVENTION_SIGNING: 'after_payment' });
    payment = await startFakePaymentProducer(api);
    p = await setUp(api);
  });
  afterAll(async () => {
    await payment?.stop();
    await api?.stop();
  });

  it('confirms a paid booking, which the overdue-signature job no longer chases', async () => {
    const booking = await approvedBooking(api, p, 4);
    await payment.publish({
      type: 'payment.succeeded',
      aggregateId: booking.id,
      payload: {
        paymentId: randomUUID(),
        bookingId: booking.id,
        establishmentId: p.establishmentId,
        amountCents: booking.priceCents,
        paidAt: new Date().toISOString(),
      },
    });
    const paid = await eventually(
      () => bookingOf(api, p.owner, booking.id),
      (view) => view.conventionDueAt !== undefined,
    );
    expect(paid.status).toBe('awaiting_payment');
    const recorded = await recorder(api)(p.signatory, booking.id, await scannedPdf());
    expect(recorded.status).toBe(200);
    const confirmed = await bookingOf(api, p.owner, booking.id);
    expect([confirmed.status, confirmed.conventionDueAt]).toEqual(['confirmed', undefined]);
    // Long past the signing deadline: nothing flagged, nobody reminded.
    const late = new Date(Date.parse(paid.conventionDueAt as string) + 86_400_000);
    expect(await flagOverdueSignatures(api.service.dataSource, late)).toBe(0);
    expect((await outbox(api, booking.id)).map((event) => event.type)).not.toContain('convention.signing_overdue');
  });
});
