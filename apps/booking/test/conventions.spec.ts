import { execFile } from 'node:child_process';
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
import { allevard, association, beaurepaire, gymnasium, upcomingSaturday } from './fixtures';

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

  describe('the draft of a series', () => {
    let bookingId: string;
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
  });
});
