// Retention jobs of the booking service on a simulated clock: each removes exactly what is due, nothing else,
// and a second run finds nothing.
import { PDFDocument } from 'pdf-lib';
import type { BookingView, InsuranceCertificateView, OrganisationView } from '@salle/contracts';
import { createLogger } from '@salle/runtime';
import { retentionReport } from '@salle/service';
import { LocalFolderStore } from '@salle/storage';
import { Registry } from 'prom-client';
import { publicHolidayOn } from '../src/domain/calendar';
import { deleteExpiredCertificates } from '../src/privacy/certificate-retention';
import { deleteOldConventions } from '../src/privacy/convention-retention';
import { deleteOldConversations } from '../src/privacy/retention';
import { parisToday } from '../src/domain/time';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, openGymnasium, parisInstant, upcomingSaturday, yearsAfter } from './fixtures';

const inDays = (days: number) => {
  const date = new Date(`${parisToday()}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

async function onePagePdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.addPage();
  return document.save();
}

describe('booking retention jobs', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret, displayName: 'Julien Bernard' });
  const member = franceConnectUser({ displayName: 'Angela Dubois' });
  let organisationId: string;
  let gymId: string;

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    api.service.dataSource.query(sql, params) as Promise<T[]>;

  /** A Saturday morning (out of school time) in about `weeks` weeks. */
  async function book(weeks: number): Promise<BookingView> {
    const day = upcomingSaturday(weeks, (date) => publicHolidayOn(date) !== null);
    const booked = await api.as(member).post<BookingView>('/bookings', {
      spaceId: gymId,
      organisationId,
      startsAt: parisInstant(day, '10:00'),
      endsAt: parisInstant(day, '12:00'),
    });
    expect(booked.status).toBe(201);
    return booked.body;
  }

  beforeAll(async () => {
    api = await startBookingTestService('retention');
    gymId = await openGymnasium(api, admin, manager);
    organisationId = (await api.as(member).post<OrganisationView>('/organisations', association({}))).body.id;
    await api.as(admin).post(`/organisations/${organisationId}/verify`);
  });
  afterAll(() => api.stop());

  describe('conversations', () => {
    it('deletes the messages and read markers of bookings ended before the period, and only those', async () => {
      const early = await book(2);
      const late = await book(6);
      // Each writer has read the thread up to their message; the manager marks it read too: two markers a booking.
      for (const booking of [early, late]) {
        const path = `/bookings/${booking.id}/messages`;
        expect((await api.as(member).post(path, { body: 'Peut-on venir dès 9 h 30 ?' })).status).toBe(201);
        expect((await api.as(manager).post(path, { body: 'Oui, le gardien ouvre à 9 h 15.' })).status).toBe(201);
        expect((await api.as(manager).post(`${path}/read`)).status).toBe(204);
      }
      const left = async (table: string) =>
        (
          await query<{ booking_id: string; n: number }>(
            `SELECT booking_id, count(*)::int AS n FROM booking.${table} GROUP BY booking_id ORDER BY booking_id`,
          )
        ).reduce<Record<string, number>>((all, row) => ({ ...all, [row.booking_id]: row.n }), {});
      const registry = new Registry();
      const report = retentionReport(createLogger({ service: 'booking', level: 'silent' }), registry);
      const { dataSource } = api.service;

      // A day before the period ends for the early booking: nothing is due.
      expect(await deleteOldConversations(dataSource, 2, report, yearsAfter(early.endsAt, 2, -1))).toEqual({
        messages: 0,
        readMarkers: 0,
      });
      // A day after it: the early booking's conversation goes, the late one's stays.
      const afterEarly = yearsAfter(early.endsAt, 2, 1);
      expect(await deleteOldConversations(dataSource, 2, report, afterEarly)).toEqual({ messages: 2, readMarkers: 2 });
      expect(await left('booking_message')).toEqual({ [late.id]: 2 });
      expect(await left('booking_message_read')).toEqual({ [late.id]: 2 });
      expect(await deleteOldConversations(dataSource, 2, report, afterEarly)).toEqual({ messages: 0, readMarkers: 0 });
      // The bookings themselves stay (accounting period), and the thread reads empty.
      const bookings = await query<{ id: string }>(`SELECT id FROM booking.booking WHERE id = ANY($1::uuid[])`, [
        [early.id, late.id],
      ]);
      expect(bookings).toHaveLength(2);
      const thread = await api.as(member).get<{ items: unknown[] }>(`/bookings/${early.id}/messages`);
      expect(thread.body.items).toEqual([]);

      // Later, the late booking's conversation goes too: two replicas at once delete it once, between them.
      const afterLate = yearsAfter(late.endsAt, 2, 1);
      const [one, other] = await Promise.all([
        deleteOldConversations(dataSource, 2, report, afterLate),
        deleteOldConversations(dataSource, 2, report, afterLate),
      ]);
      expect({ messages: one.messages + other.messages, readMarkers: one.readMarkers + other.readMarkers }).toEqual({
        messages: 2,
        readMarkers: 2,
      });
      expect(await left('booking_message')).toEqual({});
      const metric = await registry.getSingleMetric('retention_records_total')?.get();
      expect(metric?.values).toEqual(
        expect.arrayContaining([
          { labels: { kind: 'conversation_messages', action: 'deleted' }, value: 4 },
          { labels: { kind: 'conversation_read_markers', action: 'deleted' }, value: 4 },
        ]),
      );
    });
  });

  describe('insurance certificates', () => {
    const upload = async (expiresOn: string, policyNumber: string) => {
      const details = new URLSearchParams({ insurer: 'MAIF', policyNumber, expiresOn, fileName: 'attestation.pdf' });
      const response = await api
        .as(member)
        .postBytes<InsuranceCertificateView>(
          `/organisations/${organisationId}/insurance-certificate?${details}`,
          await onePagePdf(),
          'application/octet-stream',
        );
      expect(response.status).toBe(201);
      const rows = await query<{ storage_key: string }>(
        `SELECT storage_key FROM booking.insurance_certificate WHERE id = $1`,
        [response.body.id],
      );
      expect(rows).toHaveLength(1);
      return { ...response.body, storageKey: rows.map((row) => row.storage_key).join() };
    };

    it('deletes the file and row of certificates expired before the period, never one in force', async () => {
      const store = new LocalFolderStore(api.storageDir);
      const expired = await upload(inDays(30), 'RC-ANCIENNE');
      const current = await upload(inDays(400), 'RC-EN-COURS');
      const ids = async () =>
        (await query<{ id: string }>(`SELECT id FROM booking.insurance_certificate ORDER BY id`)).map((row) => row.id);
      const registry = new Registry();
      const report = retentionReport(createLogger({ service: 'booking', level: 'silent' }), registry);
      const { dataSource } = api.service;
      const expiry = (certificate: { expiresOn: string }) => `${certificate.expiresOn}T12:00:00Z`;

      // A year to the day after its expiry, the old certificate is still kept.
      expect(await deleteExpiredCertificates(dataSource, store, 1, report, yearsAfter(expiry(expired), 1, 0))).toBe(0);
      // The day after, its file and row go; the certificate in force keeps both, and still downloads.
      const due = yearsAfter(expiry(expired), 1, 1);
      expect(await deleteExpiredCertificates(dataSource, store, 1, report, due)).toBe(1);
      expect(await ids()).toEqual([current.id]);
      expect(await store.get(expired.storageKey)).toBeUndefined();
      expect(await store.get(current.storageKey)).toEqual(expect.objectContaining({ contentType: 'application/pdf' }));
      const file = await api.as(member).get(`/organisations/${organisationId}/insurance-certificate/file`);
      expect(file.status).toBe(200);
      expect(await deleteExpiredCertificates(dataSource, store, 1, report, due)).toBe(0);

      // Long after, even the last one goes once expired a year: two replicas at once delete it once, between them.
      const afterCurrent = yearsAfter(expiry(current), 1, 1);
      const runs = await Promise.all([
        deleteExpiredCertificates(dataSource, store, 1, report, afterCurrent),
        deleteExpiredCertificates(dataSource, store, 1, report, afterCurrent),
      ]);
      expect(runs.reduce((total, deleted) => total + deleted, 0)).toBe(1);
      expect(await ids()).toEqual([]);
      expect(await store.get(current.storageKey)).toBeUndefined();
      const metric = await registry.getSingleMetric('retention_records_total')?.get();
      expect(metric?.values).toEqual([{ labels: { kind: 'insurance_certificates', action: 'deleted' }, value: 2 }]);
    });
  });

  describe('conventions', () => {
    it('deletes the file and row of conventions whose last session ended before the period, and never issues them again', async () => {
      const store = new LocalFolderStore(api.storageDir);
      const early = await book(3);
      const late = await book(9);
      for (const booking of [early, late])
        expect((await api.as(manager).post(`/bookings/${booking.id}/approve`, {})).status).toBe(200);
      const conventions = async () =>
        query<{ booking_id: string; storage_key: string }>(
          `SELECT booking_id, storage_key FROM booking.convention WHERE booking_id = ANY($1::uuid[]) ORDER BY booking_id`,
          [[early.id, late.id]],
        );
      for (const booking of [early, late])
        expect((await api.as(member).get(`/bookings/${booking.id}/convention.pdf`)).status).toBe(200);
      const issued = await conventions();
      expect(issued).toHaveLength(2);
      const keyOf = (bookingId: string) => issued.find((row) => row.booking_id === bookingId)?.storage_key ?? '';
      const registry = new Registry();
      const report = retentionReport(createLogger({ service: 'booking', level: 'silent' }), registry);
      const { dataSource } = api.service;

      // Five years to the day after the early session, its convention is still kept.
      expect(await deleteOldConventions(dataSource, store, 5, report, yearsAfter(early.endsAt, 5, -1))).toBe(0);
      // The day after, its file and row go; the later one keeps both.
      const due = yearsAfter(early.endsAt, 5, 1);
      expect(await deleteOldConventions(dataSource, store, 5, report, due)).toBe(1);
      expect((await conventions()).map((row) => row.booking_id)).toEqual([late.id]);
      expect(await store.get(keyOf(early.id))).toBeUndefined();
      expect(await store.get(keyOf(late.id))).toEqual(expect.objectContaining({ contentType: 'application/pdf' }));
      expect(await deleteOldConventions(dataSource, store, 5, report, due)).toBe(0);
      const metric = await registry.getSingleMetric('retention_records_total')?.get();
      expect(metric?.values).toEqual([{ labels: { kind: 'conventions', action: 'deleted' }, value: 1 }]);

      // A booking whose session truly ended that long ago: its deleted convention is gone for good, not issued anew.
      await query(
        `UPDATE booking.booking SET starts_at = starts_at - interval '6 years', ends_at = ends_at - interval '6 years',
                blocked_until = blocked_until - interval '6 years'
          WHERE id = $1`,
        [early.id],
      );
      const again = await api.as(member).get(`/bookings/${early.id}/convention.pdf`);
      expect([again.status, again.body['code']]).toEqual([410, 'convention_no_longer_kept']);
      expect(await conventions()).toHaveLength(1);
    });
  });
});
