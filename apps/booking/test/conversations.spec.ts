import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { createLogger } from '@salle/runtime';
import { retentionReport } from '@salle/service';
import { LocalFolderStore } from '@salle/storage';
import { Registry } from 'prom-client';
import type {
  BookingMessageView,
  SeriesCreatedView,
  BookingView,
  ConversationView,
  EstablishmentView,
  OrganisationView,
  UnreadMessagesView,
} from '@salle/contracts';
import { addDays, localDateOf } from '../src/domain/time';
import { deleteOldAttachments } from '../src/privacy/attachment-retention';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, beaurepaire, gymnasium, parisInstant } from './fixtures';

describe('a conversation per booking between the organisation and the collège', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret, displayName: 'Julien Bernard' });
  const otherManager = proConnectAgent({ siret: beaurepaire.siret });
  const member = franceConnectUser({ displayName: 'Angela Dubois' });
  const outsider = franceConnectUser();
  let bookingId: string;
  let gymId: string;
  let organisationId: string;

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    api.service.dataSource.query(sql, params) as Promise<T[]>;
  const thread = (who = member) => api.as(who).get<ConversationView>(`/bookings/${bookingId}/messages`);
  const write = (who: typeof member, body: unknown) =>
    api.as(who).post<BookingMessageView>(`/bookings/${bookingId}/messages`, body);
  const unread = async (who: typeof member) =>
    (await api.as(who).get<UnreadMessagesView>('/me/unread-messages')).body.items;

  beforeAll(async () => {
    api = await startBookingTestService('conversations');
    const establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    await api.as(admin).post('/establishments', beaurepaire);
    gymId = (await api.as(manager).post(`/establishments/${establishmentId}/spaces`, gymnasium)).body['id'] as string;
    await api.as(manager).put(`/spaces/${gymId}/opening-rules`, {
      rules: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '08:00', endTime: '22:00', period: 'always' }],
    });
    await api
      .as(manager)
      .put(`/spaces/${gymId}/tariffs`, { tariffs: [{ category: 'association', hourlyCents: 1500, depositCents: 0 }] });
    organisationId = (await api.as(member).post<OrganisationView>('/organisations', association({}))).body.id;
    await api.as(admin).post(`/organisations/${organisationId}/verify`);
    const day = addDays(localDateOf(new Date()), 20);
    const booked = await api.as(member).post<BookingView>('/bookings', {
      spaceId: gymId,
      organisationId,
      startsAt: parisInstant(day, '10:00'),
      endsAt: parisInstant(day, '12:00'),
    });
    expect(booked.status).toBe(201);
    bookingId = booked.body.id;
  });
  afterAll(() => api.stop());

  it('carries a question and its answer, with unread markers on each side and an event for each message', async () => {
    const question = await write(member, { body: '  Peut-on accéder aux vestiaires dès 9 h 30 ?  ' });
    expect(question.status).toBe(201);
    expect(question.body).toMatchObject({
      authorRole: 'organisation_member',
      authorName: 'Angela Dubois',
      body: 'Peut-on accéder aux vestiaires dès 9 h 30 ?',
      mine: true,
    });
    expect(await unread(manager)).toEqual([{ bookingId, seriesId: null, unread: 1 }]);
    expect(await unread(member)).toEqual([]);

    const seen = await thread(manager);
    expect(seen.body).toMatchObject({ unread: 1, lastReadAt: null });
    expect(seen.body.items.map((m) => [m.authorName, m.mine])).toEqual([['Angela Dubois', false]]);
    expect((await api.as(manager).post(`/bookings/${bookingId}/messages/read`)).status).toBe(204);
    expect(await unread(manager)).toEqual([]);
    expect((await thread(manager)).body.unread).toBe(0);

    await write(manager, { body: 'Oui, le gardien ouvre à 9 h 15.' });
    expect(await unread(member)).toEqual([{ bookingId, seriesId: null, unread: 1 }]);
    const both = await thread(member);
    expect(both.body.items.map((m) => [m.authorRole, m.body, m.mine])).toEqual([
      ['organisation_member', 'Peut-on accéder aux vestiaires dès 9 h 30 ?', true],
      ['establishment_manager', 'Oui, le gardien ouvre à 9 h 15.', false],
    ]);

    const events = await query<{ type: string; payload: Record<string, unknown> }>(
      `SELECT type, payload FROM booking.event_outbox WHERE type = 'booking.message_posted' ORDER BY position`,
    );
    expect(events.map((e) => e.payload['authorRole'])).toEqual(['organisation_member', 'establishment_manager']);
    expect(events[0]?.payload).toMatchObject({ bookingId, messageId: question.body.id });
    // The event says that someone wrote, not what: the text stays with the booking.
    expect(JSON.stringify(events)).not.toContain('vestiaires');
  });

  it('refuses empty or oversized messages, visitors, and people who are not party to the booking', async () => {
    const empty = await write(member, { body: '   ' });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toMatch(/"field":"body"/);
    expect((await write(member, { body: 'x'.repeat(4_001) })).status).toBe(400);
    expect((await write(member, { body: 'ok', extra: 1 })).status).toBe(400);
    expect((await api.visitor.get(`/bookings/${bookingId}/messages`)).status).toBe(401);
    for (const stranger of [outsider, otherManager]) {
      expect((await thread(stranger)).body).toMatchObject({ status: 404, code: 'booking_not_found' });
      expect((await write(stranger, { body: 'Bonjour' })).status).toBe(404);
      expect((await api.as(stranger).post(`/bookings/${bookingId}/messages/read`)).status).toBe(404);
      expect(await unread(stranger)).toEqual([]);
    }
    expect((await thread(admin)).status).toBe(200);
  });

  describe('attachments', () => {
    const attach = (who: typeof member, bytes: Uint8Array, fileName: string, body?: string) =>
      api
        .as(who)
        .postBytes<BookingMessageView>(
          `/bookings/${bookingId}/messages/attachments?${new URLSearchParams({ fileName, ...(body ? { body } : {}) })}`,
          bytes,
          'application/octet-stream',
        );
    const onePagePdf = async () => {
      const document = await PDFDocument.create();
      document.addPage();
      return document.save();
    };

    it('carries a PDF or an image with a message, downloadable by the parties and listed in the author’s data', async () => {
      const pdf = await onePagePdf();
      const sent = await attach(member, pdf, 'plan d’accès.pdf', 'Voici le plan.');
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({
        body: 'Voici le plan.',
        attachment: { fileName: 'plan d’accès.pdf', contentType: 'application/pdf', sizeBytes: pdf.length },
      });
      const photo = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#2a6f97' } })
        .png()
        .toBuffer();
      const image = await attach(manager, new Uint8Array(photo), 'gymnase.png');
      expect(image.status).toBe(201);
      expect(image.body).toMatchObject({ body: '', attachment: { contentType: 'image/png' } });

      const seen = await thread(manager);
      expect(seen.body.items.filter((m) => m.attachment).map((m) => m.attachment?.fileName)).toEqual([
        'plan d’accès.pdf',
        'gymnase.png',
      ]);
      const path = `/bookings/${bookingId}/messages/${sent.body.id}/attachment`;
      for (const party of [manager, member, admin]) {
        const download = await api.as(party).get(path);
        expect(download.status).toBe(200);
      }
      for (const stranger of [outsider, otherManager]) {
        expect((await api.as(stranger).get(path)).body).toMatchObject({ status: 404, code: 'booking_not_found' });
      }
      expect((await api.visitor.get(path)).status).toBe(401);
      // A message of another thread is not reachable through this booking.
      const unknown = await api.as(member).get(`/bookings/${bookingId}/messages/${crypto.randomUUID()}/attachment`);
      expect(unknown.body).toMatchObject({ status: 404, code: 'message_attachment_not_found' });

      const data = await api.as(member).get<{ messages: { attachmentFileName: string | null }[] }>('/me/personal-data');
      expect(data.body.messages.map((m) => m.attachmentFileName)).toContain('plan d’accès.pdf');
    });

    it('refuses other files, strangers and visitors without storing anything', async () => {
      const before = await query<{ n: number }>(`SELECT count(*)::int AS n FROM booking.booking_message_attachment`);
      const text = await attach(member, new TextEncoder().encode('#!/bin/sh\necho bonjour\n'), 'script.pdf');
      expect(text.status).toBe(422);
      expect(text.headers.get('content-type')).toContain('application/problem+json');
      const pdf = await onePagePdf();
      for (const stranger of [outsider, otherManager]) {
        expect((await attach(stranger, pdf, 'a.pdf')).body).toMatchObject({ status: 404, code: 'booking_not_found' });
      }
      const visitor = await api.visitor.postBytes(
        `/bookings/${bookingId}/messages/attachments?fileName=a.pdf`,
        pdf,
        'application/octet-stream',
      );
      expect(visitor.status).toBe(401);
      expect((await attach(member, pdf, '')).status).toBe(400);
      const after = await query<{ n: number }>(`SELECT count(*)::int AS n FROM booking.booking_message_attachment`);
      expect(after).toEqual(before);
    });
  });

  it('deletes the files of a conversation with it, once its retention period is over', async () => {
    const stored = await query<{ storageKey: string }>(
      `SELECT a.storage_key AS "storageKey" FROM booking.booking_message_attachment a
         JOIN booking.booking_message m ON m.id = a.message_id WHERE m.booking_id = $1`,
      [bookingId],
    );
    expect(stored.length).toBeGreaterThan(0);
    const store = new LocalFolderStore(api.storageDir);
    const report = retentionReport(createLogger({ service: 'booking', level: 'silent' }), new Registry());
    const { dataSource } = api.service;
    expect(await deleteOldAttachments(dataSource, store, 2, report)).toBe(0);
    const later = new Date(Date.now() + 3 * 366 * 24 * 3_600_000);
    expect(await deleteOldAttachments(dataSource, store, 2, report, later)).toBe(stored.length);
    for (const { storageKey } of stored) expect(await store.get(storageKey)).toBeUndefined();
    expect(await thread(member).then((seen) => seen.body.items.some((m) => m.attachment))).toBe(false);
  });

  it('gives a season series one thread, shown from each session, with unread markers per session', async () => {
    const firstDate = addDays(localDateOf(new Date()), 35);
    const until = addDays(firstDate, 14).replaceAll('-', '');
    const created = await api.as(member).post<SeriesCreatedView>('/series', {
      spaceId: gymId,
      organisationId,
      rrule: `FREQ=WEEKLY;UNTIL=${until}`,
      firstDate,
      startTime: '18:00',
      durationMinutes: 60,
      options: {},
    });
    expect(created.status).toBe(201);
    const seriesId = created.body.series.id;
    const sessions = created.body.occurrences.map((o) => o.bookingId).filter((id): id is string => id !== null);
    expect(sessions).toHaveLength(3);
    const [first, second, third] = sessions as [string, string, string];

    const posted = await api.as(member).post<BookingMessageView>(`/bookings/${first}/messages`, {
      body: 'Pour toute la saison : le local du matériel est-il ouvert ?',
    });
    expect(posted.body).toMatchObject({ bookingId: first, seriesId });
    await api.as(manager).post(`/bookings/${third}/messages`, { body: 'Oui, chaque semaine.' });
    for (const session of sessions) {
      const seen = await api.as(member).get<ConversationView>(`/bookings/${session}/messages`);
      expect(seen.body.items.map((m) => m.body)).toEqual([
        'Pour toute la saison : le local du matériel est-il ouvert ?',
        'Oui, chaque semaine.',
      ]);
    }
    const memberUnread = (await unread(member)).filter((item) => item.seriesId === seriesId);
    expect(memberUnread).toEqual(sessions.map((id) => ({ bookingId: id, seriesId, unread: 1 })).sort(byBooking));
    // Reading the thread from one session reads it for the whole series.
    expect((await api.as(member).post(`/bookings/${second}/messages/read`)).status).toBe(204);
    expect((await unread(member)).filter((item) => item.seriesId === seriesId)).toEqual([]);
    // The series' thread stays with the series: the single booking's thread does not show it.
    expect((await thread(member)).body.items.map((m) => m.body)).not.toContain('Oui, chaque semaine.');
    for (const stranger of [outsider, otherManager]) {
      expect((await api.as(stranger).get(`/bookings/${second}/messages`)).status).toBe(404);
    }
  });
});

const byBooking = (a: { bookingId: string }, b: { bookingId: string }) => a.bookingId.localeCompare(b.bookingId);
