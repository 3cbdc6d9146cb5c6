import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Caller } from '@salle/auth';
import { createLogger } from '@salle/runtime';
import { retentionReport } from '@salle/service';
import { LocalFolderStore } from '@salle/storage';
import { Registry } from 'prom-client';
import {
  CONVENTION_CONSENT,
  type BookingView,
  type ConventionEvidence,
  type ConventionSigningView,
  type ConventionVerification,
  type EstablishmentView,
  type OrganisationView,
  type SeriesCreatedView,
} from '@salle/contracts';
import { publicHolidayOn } from '../src/domain/calendar';
import { schoolYearLabel, schoolYearOf } from '../src/domain/time';
import { deleteOldConventions } from '../src/privacy/convention-retention';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, beaurepaire, gymnasium, parisInstant, upcomingSaturday } from './fixtures';

const run = promisify(execFile);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The PDF's text as poppler's pdftotext reads it, whitespace folded. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'salle-framework-'));
  try {
    const file = path.join(folder, 'document.pdf');
    await writeFile(file, bytes);
    const { stdout } = await run('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-']);
    return stdout.replace(/\s+/g, ' ');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Saturdays ahead, each `weeks` from now, all in one school year (the first found from `from` weeks on). */
function saturdaysInOneYear(count: number, from = 4): string[] {
  for (let start = from; ; start += 1) {
    const days = Array.from({ length: count }, (_, index) =>
      upcomingSaturday(start + index, (date) => publicHolidayOn(date) !== null),
    );
    const years = new Set(days.map((day) => schoolYearOf(new Date(parisInstant(day, '10:00')))));
    if (years.size === 1 && new Set(days).size === count) return days;
  }
}

/** A collège with a priced gymnasium and its signatory, a verified association (owner, plain member), strangers. */
async function setUp(api: BookingTestService) {
  const admin = departmentAdmin();
  const signatory = proConnectAgent({ siret: allevard.siret, displayName: 'Claire Principal', acr: 'eidas1' });
  const otherManager = proConnectAgent({ siret: beaurepaire.siret });
  const owner = franceConnectUser({ displayName: 'Angela Dubois', acr: 'eidas1' });
  const member = franceConnectUser({ displayName: 'Jean Martin' });
  const otherOwner = franceConnectUser({ displayName: 'Autre Association' });
  const delegate = departmentAdmin();
  const establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
  await api.as(admin).post<EstablishmentView>('/establishments', beaurepaire);
  const spaceId = (await api.as(signatory).post(`/establishments/${establishmentId}/spaces`, gymnasium)).body[
    'id'
  ] as string;
  await api.as(otherManager).get('/me');
  await api.as(signatory).put(`/spaces/${spaceId}/opening-rules`, {
    rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
  });
  await api
    .as(signatory)
    .put(`/spaces/${spaceId}/tariffs`, { tariffs: [{ category: 'association', hourlyCents: 1500 }] });
  const organisationId = (await api.as(owner).post<OrganisationView>('/organisations', association())).body.id;
  await api.as(admin).post(`/organisations/${organisationId}/verify`);
  const link = await api.as(owner).post<{ token: string }>(`/organisations/${organisationId}/invitations`, {});
  await api.as(member).post('/invitations/accept', { token: link.body.token });
  await api
    .as(otherOwner)
    .post<OrganisationView>('/organisations', association({ name: 'Club voisin', rna: 'W381000999' }));
  await api.as(admin).put(`/establishments/${establishmentId}/managers/${signatory.accountId}/signatory`, {
    signatory: true,
  });
  await api.as(admin).put(`/convention-delegates/${delegate.accountId}`, { deliberation: 'CP-2026-045' });
  await api.service.dataSource.query(`UPDATE booking.establishment SET payout_ready = true WHERE id = $1`, [
    establishmentId,
  ]);
  return {
    admin,
    signatory,
    otherManager,
    owner,
    member,
    otherOwner,
    delegate,
    establishmentId,
    spaceId,
    organisationId,
  };
}

type Parties = Awaited<ReturnType<typeof setUp>>;

async function requested(api: BookingTestService, p: Parties, day: string, start = '10:00') {
  const booking = await api.as(p.owner).post<BookingView>('/bookings', {
    spaceId: p.spaceId,
    organisationId: p.organisationId,
    startsAt: parisInstant(day, start),
    endsAt: parisInstant(day, `${Number(start.slice(0, 2)) + 2}:00`),
    purpose: 'Assemblée générale',
  });
  expect(booking.status).toBe(201);
  return booking.body;
}

const signBody = (documentSha256: string) => ({
  documentSha256,
  consent: true,
  consentVersion: CONVENTION_CONSENT.version,
});

type Part = 'convention' | 'framework-convention';

async function issuedSha(api: BookingTestService, who: Caller, bookingId: string, part: Part): Promise<string> {
  const document = await api.as(who).get(`/bookings/${bookingId}/${part}.pdf`);
  expect(document.status).toBe(200);
  return document.headers.get('x-convention-sha256') as string;
}

const sign = (api: BookingTestService, who: Caller, bookingId: string, part: Part, sha: string) =>
  api
    .as(who)
    .post<ConventionSigningView & { code?: string }>(`/bookings/${bookingId}/${part}/signatures`, signBody(sha));

/** Signs `part` of `bookingId` in the three steps. */
async function signAll(api: BookingTestService, p: Parties, bookingId: string, part: Part) {
  const sha = await issuedSha(api, p.owner, bookingId, part);
  for (const who of [p.owner, p.signatory, p.delegate])
    expect((await sign(api, who, bookingId, part, sha)).status).toBe(200);
  return sha;
}

const statusOf = async (api: BookingTestService, who: Caller, id: string) =>
  (await api.as(who).get<BookingView>(`/bookings/${id}`)).body.status;

interface ConventionRow {
  id: string;
  kind: string;
  booking_id: string | null;
  framework_id: string | null;
  school_year: number | null;
}

describe('framework conventions (CONVENTION_MODE=framework)', () => {
  let api: BookingTestService;
  let p: Parties;
  const rows = () =>
    api.service.dataSource.query(
      `SELECT id, kind, booking_id, framework_id, school_year FROM booking.convention ORDER BY created_at, id`,
    ) as Promise<ConventionRow[]>;

  beforeAll(async () => {
    api = await startBookingTestService('framework-conventions', undefined, {
      CONVENTION_SIGNING: 'before_payment',
      CONVENTION_MODE: 'framework',
    });
    p = await setUp(api);
  });
  afterAll(() => api?.stop());

  it('creates one framework per organisation, collège and school year when approvals race, and an annex each', async () => {
    const days = saturdaysInOneYear(3);
    const bookings = await Promise.all(days.map((day) => requested(api, p, day)));
    // The drafts before approval: an annex to a framework still to be made, and the framework's draft.
    const draft = await api.as(p.owner).get(`/bookings/${bookings[0]?.id}/framework-convention.pdf`);
    expect(draft.status).toBe(200);
    expect(draft.headers.get('x-convention-sha256')).toBeNull();
    expect(await pdfText(draft.bytes)).toContain('PROJET');
    expect(
      (await api.as(p.owner).get<ConventionSigningView>(`/bookings/${bookings[0]?.id}/convention/signing`)).body,
    ).toMatchObject({ status: 'draft', document: 'annex' });

    const approvals = await Promise.all(
      bookings.map((booking) => api.as(p.signatory).post<BookingView>(`/bookings/${booking.id}/approve`)),
    );
    expect(approvals.map((approval) => approval.status)).toEqual([200, 200, 200]);

    const all = await rows();
    const frameworks = all.filter((row) => row.kind === 'framework');
    const year = schoolYearOf(new Date(parisInstant(days[0] ?? '', '10:00')));
    expect(frameworks).toEqual([expect.objectContaining({ school_year: year, booking_id: null })]);
    const annexes = all.filter((row) => row.kind === 'annex');
    expect(annexes.map((row) => row.booking_id).sort()).toEqual(bookings.map((booking) => booking.id).sort());
    for (const annex of annexes) expect(annex.framework_id).toBe(frameworks[0]?.id);
    // Announced once; the losers' framework files were removed: one framework and three annexes are stored.
    const issued = (await api.service.dataSource.query(
      `SELECT 1 FROM booking.event_outbox WHERE type = 'convention.issued' AND payload->>'conventionId' = $1`,
      [frameworks[0]?.id],
    )) as unknown[];
    expect(issued).toHaveLength(1);
    const files = await readdir(path.join(api.storageDir, 'objects', 'conventions'));
    expect(files).toHaveLength(4);
    // Every booking of the year gives the same framework document.
    const shas = await Promise.all(
      bookings.map((booking) => issuedSha(api, p.member, booking.id, 'framework-convention')),
    );
    expect(new Set(shas).size).toBe(1);
    // The unique index refuses a second framework for the same organisation, collège and year outright.
    await expect(
      api.service.dataSource.query(
        `INSERT INTO booking.convention (kind, organisation_id, establishment_id, school_year, template_version, sha256, storage_key)
         VALUES ('framework', $1, $2, $3, 0, $4, 'x')`,
        [p.organisationId, p.establishmentId, year, 'a'.repeat(64)],
      ),
    ).rejects.toThrow(/convention_framework_once/);
  });

  it('prints the general clauses in the framework and the premises, sessions and price in the annex', async () => {
    const [day] = saturdaysInOneYear(1, 8);
    const booking = await requested(api, p, day ?? '', '14:00');
    await api.as(p.signatory).post(`/bookings/${booking.id}/approve`);
    const framework = await api.as(p.owner).get(`/bookings/${booking.id}/framework-convention.pdf`);
    const frameworkSha = framework.headers.get('x-convention-sha256') as string;
    expect(frameworkSha).toBe(sha256(framework.bytes));
    const annexRow = (await rows()).find((each) => each.booking_id === booking.id);
    const row = (await rows()).find((each) => each.id === annexRow?.framework_id);
    const reference = `CC-${row?.school_year}-${row?.id.slice(0, 8).toUpperCase()}`;
    const frameworkText = await pdfText(framework.bytes);
    const year = schoolYearLabel(row?.school_year ?? 0);
    for (const expected of [
      'Convention-cadre d’occupation temporaire de locaux scolaires',
      `Année scolaire ${year}`,
      reference,
      'Basket Club du Grésivaudan',
      'Collège Flavius Vaussenat',
      'Article 1 – Objet',
      'Précarité et résiliation',
      'Règlement d’utilisation des locaux',
      'Convention-cadre soumise à la signature des parties',
    ])
      expect(frameworkText).toContain(expected);
    // No premises, dates or price in the framework: they are the annexes'.
    expect(frameworkText).not.toContain('Redevance');
    expect(frameworkText).not.toContain('Calendrier des séances');

    const annex = await api.as(p.owner).get(`/bookings/${booking.id}/convention.pdf`);
    const annexText = await pdfText(annex.bytes);
    for (const expected of [
      'Annexe à la convention-cadre',
      `convention-cadre ${reference} de l’année scolaire ${year}`,
      frameworkSha,
      'Gymnase',
      'Calendrier des séances',
      'Redevance',
      '30,00 €',
      'Accès aux locaux',
    ])
      expect(annexText).toContain(expected);
    expect(annexText).not.toContain('Précarité et résiliation');
  });

  it('signs the annex and the framework each in order, and moves the booking on only once both are signed', async () => {
    const [first, second] = saturdaysInOneYear(2, 12);
    const a = await requested(api, p, first ?? '');
    const b = await requested(api, p, second ?? '');
    for (const booking of [a, b]) await api.as(p.signatory).post(`/bookings/${booking.id}/approve`);

    // The annex alone, fully signed: the booking still waits for its framework.
    await signAll(api, p, a.id, 'convention');
    const annexView = await api.as(p.owner).get<ConventionSigningView>(`/bookings/${a.id}/convention/signing`);
    expect(annexView.body).toMatchObject({ status: 'signed', document: 'annex' });
    expect(annexView.body.schoolYear).toMatch(/^\d{4}-\d{4}$/);
    expect(await statusOf(api, p.owner, a.id)).toBe('approved');

    // The framework, signed through booking b (whose annex is not signed): a moves on, b keeps waiting.
    const frameworkView = await api
      .as(p.owner)
      .get<ConventionSigningView>(`/bookings/${b.id}/framework-convention/signing`);
    expect(frameworkView.body).toMatchObject({ status: 'signing', document: 'framework', nextStep: 'organisation' });
    await signAll(api, p, b.id, 'framework-convention');
    expect(await statusOf(api, p.owner, a.id)).toBe('awaiting_payment');
    expect(await statusOf(api, p.owner, b.id)).toBe('approved');
    expect(
      (await api.as(p.owner).get<ConventionSigningView>(`/bookings/${a.id}/framework-convention/signing`)).body,
    ).toMatchObject({ status: 'signed', document: 'framework', canSign: false });

    // The framework is signed once for the year: b's annex is all that is left, and it moves b on.
    await signAll(api, p, b.id, 'convention');
    expect(await statusOf(api, p.owner, b.id)).toBe('awaiting_payment');
    const approved = (await api.service.dataSource.query(
      `SELECT aggregate_id FROM booking.event_outbox WHERE type = 'booking.approved' AND aggregate_id = ANY($1::text[])`,
      [[a.id, b.id]],
    )) as unknown[];
    expect(approved).toHaveLength(2);
  });

  it('seals the framework, which the verification page and pdfsig accept, with its evidence', async () => {
    const [day] = saturdaysInOneYear(1, 16);
    const booking = await requested(api, p, day ?? '');
    await api.as(p.signatory).post(`/bookings/${booking.id}/approve`);
    // Signed in an earlier test: the framework of this year is already complete.
    const sealed = await api.as(p.member).get(`/bookings/${booking.id}/framework-convention-signed.pdf`);
    expect(sealed.status).toBe(200);
    expect(sealed.headers.get('x-convention-sha256')).toBe(sha256(sealed.bytes));
    const text = await pdfText(sealed.bytes);
    expect(text).toContain('Page de preuve des signatures');
    expect(text).toContain('Convention-cadre');
    const verified = await api.visitor.postBytes<ConventionVerification>(
      '/convention-verification',
      sealed.bytes,
      'application/pdf',
    );
    expect(verified.body).toMatchObject({ valid: true });
    expect(verified.body.evidence?.reference).toMatch(/^CC-\d{4}-[0-9A-F]{8}$/);
    const folder = await mkdtemp(path.join(tmpdir(), 'salle-framework-sig-'));
    try {
      await writeFile(path.join(folder, 'sealed.pdf'), sealed.bytes);
      const result = await run('/usr/bin/pdfsig', [path.join(folder, 'sealed.pdf')]).catch(
        (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
      );
      expect(result.stdout).toMatch(/Signature Validation: Signature is Valid/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    const evidence = await api
      .as(p.signatory)
      .get<ConventionEvidence>(`/bookings/${booking.id}/framework-convention-evidence.json`);
    expect(evidence.status).toBe(200);
    expect(evidence.body.signers.map((signer) => signer.step)).toEqual(['organisation', 'establishment', 'department']);
    expect(evidence.body.reference).toBe(verified.body.evidence?.reference);
    // Its own annex is not signed yet: no sealed annex.
    expect((await api.as(p.owner).get(`/bookings/${booking.id}/convention-signed.pdf`)).status).toBe(404);
  });

  it('gives a series one annex for all its sessions, which moves them all on with the signed framework', async () => {
    const [first] = saturdaysInOneYear(1, 9);
    const until = new Date(`${first}T12:00:00Z`);
    until.setUTCDate(until.getUTCDate() + 14);
    const created = await api.as(p.owner).post<SeriesCreatedView>('/series', {
      spaceId: p.spaceId,
      organisationId: p.organisationId,
      rrule: `FREQ=WEEKLY;BYDAY=SA;UNTIL=${until.toISOString().slice(0, 10).replace(/-/g, '')}`,
      firstDate: first,
      startTime: '16:00',
      durationMinutes: 120,
      options: { skipSchoolHolidays: false, skipPublicHolidays: true },
      purpose: 'Entraînement de basket',
    });
    expect(created.status).toBe(201);
    const ids = created.body.occurrences.flatMap((occurrence) => (occurrence.bookingId ? [occurrence.bookingId] : []));
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect((await api.as(p.signatory).post(`/series/${created.body.series.id}/approve`, {})).status).toBe(200);
    const [annex] = (await api.service.dataSource.query(
      `SELECT a.kind, a.booking_id, f.kind AS "frameworkKind", f.completed_at AS "frameworkCompletedAt"
         FROM booking.convention a JOIN booking.convention f ON f.id = a.framework_id WHERE a.series_id = $1`,
      [created.body.series.id],
    )) as { kind: string; booking_id: string | null; frameworkKind: string; frameworkCompletedAt: Date | null }[];
    // The year's framework was signed in an earlier test: the series' annex refers to it.
    expect(annex).toMatchObject({ kind: 'annex', booking_id: null, frameworkKind: 'framework' });
    expect(annex?.frameworkCompletedAt).not.toBeNull();
    const [firstId, secondId] = ids as [string, string];
    const text = await pdfText((await api.as(p.owner).get(`/bookings/${secondId}/convention.pdf`)).bytes);
    expect(text).toContain(`${ids.length} séances`);
    expect(text).toContain(`${ids.length}. samedi`);
    for (const id of ids) expect(await statusOf(api, p.owner, id)).toBe('approved');
    await signAll(api, p, firstId, 'convention');
    for (const id of ids) expect(await statusOf(api, p.owner, id)).toBe('awaiting_payment');
  });

  it('refuses another organisation, another collège, a plain member and an admin without the delegation', async () => {
    // Another organisation at the same collège in the same year: a framework of its own, which p's owner may not see.
    const owner = franceConnectUser({ displayName: 'Lucie Bernard' });
    const member = franceConnectUser({ displayName: 'Marc Petit' });
    const organisationId = (
      await api
        .as(owner)
        .post<OrganisationView>('/organisations', association({ name: 'Judo Club', rna: 'W381000998' }))
    ).body.id;
    await api.as(p.admin).post(`/organisations/${organisationId}/verify`);
    const link = await api.as(owner).post<{ token: string }>(`/organisations/${organisationId}/invitations`, {});
    await api.as(member).post('/invitations/accept', { token: link.body.token });
    const [day] = saturdaysInOneYear(1, 18);
    const booking = await requested(api, { ...p, owner, organisationId }, day ?? '');
    await api.as(p.signatory).post(`/bookings/${booking.id}/approve`);
    const frameworks = (await rows()).filter((row) => row.kind === 'framework');
    expect(new Set(frameworks.map((row) => row.id)).size).toBe(frameworks.length);
    expect(frameworks.length).toBeGreaterThanOrEqual(2);
    const sha = await issuedSha(api, owner, booking.id, 'framework-convention');
    for (const stranger of [p.owner, p.otherManager]) {
      expect((await api.as(stranger).get(`/bookings/${booking.id}/framework-convention.pdf`)).status).toBe(404);
      expect((await api.as(stranger).get(`/bookings/${booking.id}/framework-convention/signing`)).status).toBe(404);
      const refused = await sign(api, stranger, booking.id, 'framework-convention', sha);
      expect(refused.status).toBe(404);
      expect((await api.as(stranger).get(`/bookings/${booking.id}/framework-convention-evidence.json`)).status).toBe(
        404,
      );
    }
    expect((await api.visitor.get(`/bookings/${booking.id}/framework-convention.pdf`)).status).toBe(401);
    const plain = await sign(api, member, booking.id, 'framework-convention', sha);
    expect(plain.status).toBe(403);
    expect(plain.body.code).toBe('convention_signer_forbidden');
    expect((await sign(api, p.signatory, booking.id, 'framework-convention', sha)).body.code).toBe(
      'convention_not_your_turn',
    );
    expect((await sign(api, owner, booking.id, 'framework-convention', 'b'.repeat(64))).body.code).toBe(
      'convention_not_current',
    );
    expect((await sign(api, owner, booking.id, 'framework-convention', sha)).status).toBe(200);
    expect((await sign(api, owner, booking.id, 'framework-convention', sha)).body.code).toBe(
      'convention_already_signed',
    );
    expect((await sign(api, p.signatory, booking.id, 'framework-convention', sha)).status).toBe(200);
    expect((await sign(api, p.admin, booking.id, 'framework-convention', sha)).body.code).toBe(
      'convention_signer_forbidden',
    );
    // Each refusal is in the audit of the booking it was attempted through.
    const refusals = (await api.service.dataSource.query(
      `SELECT reason FROM booking.audit_entry WHERE booking_id = $1 AND reason LIKE 'Signature de la convention refusée%' ORDER BY id`,
      [booking.id],
    )) as { reason: string }[];
    expect(refusals.map((row) => row.reason.replace(/^.*\((.*)\)$/, '$1'))).toEqual([
      'not_a_party',
      'not_a_party',
      'convention_signer_forbidden',
      'convention_not_your_turn',
      'convention_not_current',
      'convention_already_signed',
      'convention_signer_forbidden',
    ]);
    // Waiting for the département: listed for the admins as a framework, reached through its booking.
    const listed = async () =>
      (
        await api
          .as(p.admin)
          .get<{ items: { bookingId: string; document: string; reference: string }[] }>('/conventions/to-sign')
      ).body.items.filter((item) => item.document === 'framework');
    const frameworkId = (await rows()).find((each) => each.booking_id === booking.id)?.framework_id;
    expect(await listed()).toEqual([
      expect.objectContaining({ bookingId: booking.id, reference: expect.stringMatching(/^CC-\d{4}-[0-9A-F]{8}$/) }),
    ]);
    expect((await listed())[0]?.reference.endsWith((frameworkId ?? '').slice(0, 8).toUpperCase())).toBe(true);
    expect((await sign(api, p.delegate, booking.id, 'framework-convention', sha)).body.status).toBe('signed');
    expect(await listed()).toEqual([]);
  });

  it('deletes a framework with the conventions’ rule: after the last session of its last annex and the years', async () => {
    const store = new LocalFolderStore(api.storageDir);
    const report = retentionReport(createLogger({ service: 'booking', level: 'silent' }), new Registry());
    const { dataSource } = api.service;
    const [last] = (await dataSource.query(`SELECT max(ends_at) AS "lastEnd" FROM booking.booking`)) as {
      lastEnd: Date;
    }[];
    const yearsAfter = (days: number) => {
      const when = new Date(last?.lastEnd ?? 0);
      when.setUTCFullYear(when.getUTCFullYear() + 5);
      when.setUTCDate(when.getUTCDate() + days);
      return when;
    };
    const frameworks = async () => (await rows()).filter((row) => row.kind === 'framework').length;
    const kept = await frameworks();
    expect(kept).toBeGreaterThanOrEqual(2);
    // The day before the last annex's session is five years old, every framework with an annex left is kept.
    await deleteOldConventions(dataSource, store, 5, report, yearsAfter(-1));
    // Only the last booking's annex and its framework are left (the other organisation's went after its annexes).
    expect((await rows()).map((row) => row.kind).sort()).toEqual(['annex', 'framework']);
    // The day after: the last annex, then the frameworks, go with their files.
    await deleteOldConventions(dataSource, store, 5, report, yearsAfter(1));
    expect(await rows()).toEqual([]);
    expect(await readdir(path.join(api.storageDir, 'objects', 'conventions')).catch(() => [])).toEqual([]);
  });
});

describe('framework endpoints in per-booking mode (the default)', () => {
  let api: BookingTestService;
  let p: Parties;

  beforeAll(async () => {
    api = await startBookingTestService('framework-off', undefined, { CONVENTION_SIGNING: 'before_payment' });
    p = await setUp(api);
  });
  afterAll(() => api?.stop());

  it('has no framework: each booking has its own convention', async () => {
    const [day] = saturdaysInOneYear(1);
    const booking = await requested(api, p, day ?? '');
    await api.as(p.signatory).post(`/bookings/${booking.id}/approve`);
    const framework = await api.as(p.owner).get<{ code: string }>(`/bookings/${booking.id}/framework-convention.pdf`);
    expect(framework.status).toBe(404);
    expect(framework.body.code).toBe('framework_convention_not_found');
    const sha = await issuedSha(api, p.owner, booking.id, 'convention');
    expect((await sign(api, p.owner, booking.id, 'framework-convention', sha)).body.code).toBe(
      'framework_convention_not_found',
    );
    expect(
      (await api.as(p.owner).get<ConventionSigningView>(`/bookings/${booking.id}/convention/signing`)).body,
    ).toMatchObject({ status: 'signing', document: 'convention', schoolYear: null });
    const [row] = (await api.service.dataSource.query(`SELECT kind FROM booking.convention`)) as { kind: string }[];
    expect(row?.kind).toBe('convention');
  });
});
