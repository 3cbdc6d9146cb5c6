import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import {
  frenchEuros,
  frenchSlot,
  type ConventionTemplateView,
  type EstablishmentView,
  type OrganisationView,
  type SeriesCreatedView,
} from '@salle/contracts';
import { publicHolidayOn } from '../src/domain/calendar';
import { DEFAULT_CONVENTION_TEMPLATE } from '../src/conventions/default-template';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, beaurepaire, gymnasium, parisInstant, upcomingSaturday } from './fixtures';

const PDFTOTEXT = '/usr/bin/pdftotext';
const run = promisify(execFile);
const flat = (text: string) => text.replace(/\s+/g, ' ');

/** The PDF's text as poppler reads it (whitespace collapsed, so wrapped lines and no-break spaces compare equal). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'salle-convention-'));
  try {
    const file = path.join(folder, 'convention.pdf');
    await writeFile(file, bytes);
    const { stdout } = await run(PDFTOTEXT, ['-enc', 'UTF-8', file, '-']);
    return flat(stdout);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const compact = (date: string) => date.replace(/-/g, '');

describe('conventions', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret });
  const otherManager = proConnectAgent({ siret: beaurepaire.siret });
  const owner = franceConnectUser();
  const stranger = franceConnectUser({ displayName: 'Intrus' });
  let spaceId: string;
  let organisationId: string;

  beforeAll(async () => {
    api = await startBookingTestService('conventions');
    const establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    await api.as(admin).post<EstablishmentView>('/establishments', beaurepaire);
    spaceId = (await api.as(manager).post(`/establishments/${establishmentId}/spaces`, gymnasium)).body['id'] as string;
    await api.as(manager).put(`/spaces/${spaceId}/opening-rules`, {
      rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
    });
    await api
      .as(manager)
      .put(`/spaces/${spaceId}/tariffs`, { tariffs: [{ category: 'association', hourlyCents: 1500 }] });
    await api.as(manager).put(`/spaces/${spaceId}/access-instructions`, {
      keys: 'Badge à retirer à la loge le vendredi.',
      alarm: 'Boîtier à gauche de l’entrée.',
      caretakerContact: 'M. Girard : 06 12 34 56 78',
    });
    organisationId = (await api.as(owner).post<OrganisationView>('/organisations', association())).body.id;
    await api.as(admin).post(`/organisations/${organisationId}/verify`);
  });
  afterAll(() => api.stop());

  describe('the template', () => {
    it('starts with the shipped defaults, which only admins read', async () => {
      const template = await api.as(admin).get<ConventionTemplateView>('/convention-template');
      expect(template.body).toEqual({ ...DEFAULT_CONVENTION_TEMPLATE, version: 0, createdAt: null });
      expect(template.body.clauses.map((clause) => clause.title)).toEqual(
        expect.arrayContaining([
          'Sécurité',
          'Assurance et responsabilité',
          'Incessibilité',
          'Précarité et résiliation',
        ]),
      );
      expect((await api.as(manager).get('/convention-template')).status).toBe(403);
      expect((await api.as(owner).get('/convention-template')).status).toBe(403);
      expect((await api.visitor.get('/convention-template')).status).toBe(401);
    });

    it('saves each change as a new version, refused to anyone but an admin and when a clause is empty', async () => {
      const edited = {
        ...DEFAULT_CONVENTION_TEMPLATE,
        clauses: [...DEFAULT_CONVENTION_TEMPLATE.clauses, { title: 'Stationnement', text: 'Le parking reste fermé.' }],
      };
      expect((await api.as(manager).put('/convention-template', edited)).status).toBe(403);
      const empty = await api
        .as(admin)
        .put('/convention-template', { ...edited, clauses: [{ title: 'Vide', text: ' ' }] });
      expect(empty.status).toBe(400);
      const first = await api.as(admin).put<ConventionTemplateView>('/convention-template', edited);
      expect(first.body).toMatchObject({ version: 1 });
      const second = await api.as(admin).put<ConventionTemplateView>('/convention-template', edited);
      expect(second.body).toMatchObject({ version: 2 });
      expect((await api.as(admin).get<ConventionTemplateView>('/convention-template')).body).toMatchObject({
        version: 2,
        clauses: edited.clauses,
      });
    });
  });

  describe('the convention of a series', () => {
    let bookingId: string;
    let seriesId: string;
    let sessions: { startsAt: string; endsAt: string }[];

    beforeAll(async () => {
      const first = upcomingSaturday(3, (date) => publicHolidayOn(date) !== null);
      const until = new Date(`${first}T12:00:00Z`);
      until.setUTCDate(until.getUTCDate() + 21);
      const created = await api.as(owner).post<SeriesCreatedView>('/series', {
        spaceId,
        organisationId,
        rrule: `FREQ=WEEKLY;BYDAY=SA;UNTIL=${compact(until.toISOString().slice(0, 10))}`,
        firstDate: first,
        startTime: '10:00',
        durationMinutes: 120,
        options: { skipSchoolHolidays: false, skipPublicHolidays: true },
        purpose: 'Entraînement de basket',
      });
      expect(created.status).toBe(201);
      const booked = created.body.occurrences.filter((occurrence) => occurrence.bookingId);
      expect(booked.length).toBeGreaterThanOrEqual(3);
      bookingId = booked[0]?.bookingId as string;
      seriesId = created.body.series.id;
      const rows: { starts_at: Date; ends_at: Date }[] = await api.service.dataSource.query(
        `SELECT starts_at, ends_at FROM booking.booking WHERE series_id = $1 ORDER BY starts_at`,
        [created.body.series.id],
      );
      sessions = rows.map((row) => ({ startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString() }));
    });

    it('is a PDF for the organisation, the collège and admins; others get 404', async () => {
      for (const who of [owner, manager, admin]) {
        const response = await api.as(who).get(`/bookings/${bookingId}/convention.pdf`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/pdf');
        expect(response.headers.get('content-disposition')).toMatch(
          /^attachment; filename="?projet-convention-[0-9A-F]{8}\.pdf/,
        );
        const document = await PDFDocument.load(response.bytes);
        expect(document.getTitle()).toBe('Convention d’occupation temporaire de locaux scolaires');
        expect(document.getPageCount()).toBeGreaterThanOrEqual(2);
      }
      expect((await api.as(otherManager).get(`/bookings/${bookingId}/convention.pdf`)).status).toBe(404);
      expect((await api.as(stranger).get(`/bookings/${bookingId}/convention.pdf`)).status).toBe(404);
      expect((await api.visitor.get(`/bookings/${bookingId}/convention.pdf`)).status).toBe(401);
    });

    (existsSync(PDFTOTEXT) ? it : it.skip)(
      'says who the parties are, every session of the series, the access instructions and the template version, as a draft',
      async () => {
        const text = await pdfText((await api.as(owner).get(`/bookings/${bookingId}/convention.pdf`)).bytes);
        expect(text).toContain('PROJET – document non signé');
        expect(text).toContain('Département de l’Isère');
        expect(text).toContain(`${allevard.name} (UAI ${allevard.uai})`);
        expect(text).toContain(`${association().name} (RNA W381000123)`);
        expect(text).toContain('Vu le Code de l’éducation, notamment son article L.213-2-2');
        // 2 hours at 15 € per session.
        expect(text).toContain(flat(`Redevance : ${frenchEuros(3000 * sessions.length)} pour l’ensemble des séances.`));
        expect(text).toContain(`${sessions.length} séances`);
        for (const [index, session] of sessions.entries()) {
          expect(text).toContain(flat(`${index + 1}. ${frenchSlot(session.startsAt, session.endsAt)}`));
        }
        expect(text).toContain('Clés ou badge : Badge à retirer à la loge le vendredi.');
        expect(text).toContain('Contact sur place : M. Girard : 06 12 34 56 78');
        expect(text).toContain('Article 11 – Stationnement');
        expect(text).toContain('modèle version 2');
      },
    );

    it('is issued once at approval: stored with its SHA-256 and template version, unchanged by later template edits', async () => {
      expect((await api.as(manager).post(`/series/${seriesId}/approve`, {})).status).toBe(200);
      // Stored by the approval itself, before anyone downloads it.
      const rows: { booking_id: string | null; sha256: string; template_version: number; storage_key: string }[] =
        await api.service.dataSource.query(
          `SELECT booking_id, sha256, template_version, storage_key FROM booking.convention WHERE series_id = $1`,
          [seriesId],
        );
      const first = await api.as(owner).get(`/bookings/${bookingId}/convention.pdf`);
      expect(first.status).toBe(200);
      expect(first.headers.get('content-disposition')).toMatch(/^attachment; filename="?convention-[0-9A-F]{8}\.pdf/);
      const sha256 = createHash('sha256').update(first.bytes).digest('hex');
      expect(first.headers.get('x-convention-sha256')).toBe(sha256);
      expect(first.headers.get('x-convention-template-version')).toBe('2');
      expect(rows).toEqual([
        { booking_id: null, sha256, template_version: 2, storage_key: expect.stringMatching(/^conventions\//) },
      ]);

      const edited = (await api.as(admin).get<ConventionTemplateView>('/convention-template')).body;
      const { version: _version, createdAt: _createdAt, ...content } = edited;
      expect((await api.as(admin).put('/convention-template', { ...content, departmentName: 'Autre' })).status).toBe(
        200,
      );
      for (const who of [owner, manager, admin]) {
        const again = await api.as(who).get(`/bookings/${bookingId}/convention.pdf`);
        expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
        expect(again.headers.get('x-convention-template-version')).toBe('2');
      }
      const [last] = (await api.service.dataSource.query(
        `SELECT id FROM booking.booking WHERE series_id = $1 AND id <> $2 ORDER BY starts_at DESC LIMIT 1`,
        [seriesId, bookingId],
      )) as { id: string }[];
      const sibling = await api.as(owner).get(`/bookings/${last?.id}/convention.pdf`);
      expect(createHash('sha256').update(sibling.bytes).digest('hex')).toBe(sha256);
      expect((await api.as(otherManager).get(`/bookings/${bookingId}/convention.pdf`)).status).toBe(404);
      expect((await api.as(stranger).get(`/bookings/${bookingId}/convention.pdf`)).status).toBe(404);
      expect(await api.service.dataSource.query(`SELECT count(*)::int AS n FROM booking.convention`)).toEqual([
        { n: 1 },
      ]);
    });

    (existsSync(PDFTOTEXT) ? it : it.skip)('says the issued convention is to be signed, not a draft', async () => {
      const text = await pdfText((await api.as(owner).get(`/bookings/${bookingId}/convention.pdf`)).bytes);
      expect(text).toContain('Convention soumise à la signature des parties');
      expect(text).not.toContain('PROJET');
      expect(text).toContain('Département de l’Isère');
      expect(text).toContain('modèle version 2');
    });
  });
  describe('a refused request', () => {
    it('leaves only a draft: nothing issued, nothing stored', async () => {
      const day = upcomingSaturday(12, (date) => publicHolidayOn(date) !== null);
      const requested = await api.as(owner).post<{ id: string }>('/bookings', {
        spaceId,
        organisationId,
        startsAt: parisInstant(day, '14:00'),
        endsAt: parisInstant(day, '16:00'),
        purpose: 'Assemblée générale',
      });
      expect(requested.status).toBe(201);
      const id = requested.body.id;
      const refused = await api.as(manager).post(`/bookings/${id}/refuse`, { reason: 'Gymnase en travaux' });
      expect(refused.status).toBe(200);
      const response = await api.as(owner).get(`/bookings/${id}/convention.pdf`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="?projet-convention-/);
      expect(response.headers.get('x-convention-sha256')).toBeNull();
      expect(
        await api.service.dataSource.query(`SELECT count(*)::int AS n FROM booking.convention WHERE booking_id = $1`, [
          id,
        ]),
      ).toEqual([{ n: 0 }]);
    });
  });
});
