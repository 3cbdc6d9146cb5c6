import type { BookingView, EstablishmentView, OrganisationView } from '@salle/contracts';
import { BookingEntity } from '../src/database/entities';
import { publicHolidayOn } from '../src/domain/calendar';
import { BookingLifecycle } from '../src/bookings/booking-lifecycle';
import { BookingSweeper } from '../src/bookings/booking-sweeper';
import { toBookingViews } from '../src/bookings/booking-view';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, beaurepaire, gymnasium, parisInstant, upcomingSaturday } from './fixtures';

describe('bookings API', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret });
  const otherManager = proConnectAgent({ siret: beaurepaire.siret });
  const member = franceConnectUser();
  const outsider = franceConnectUser();
  const communeClerk = franceConnectUser();
  let establishmentId: string;
  let spaceId: string;
  let organisationId: string;
  let communeId: string;
  const saturday = upcomingSaturday(3, (date) => publicHolidayOn(date) !== null);
  const at = (time: string, date: string = saturday) => parisInstant(date, time);

  async function verifiedOrganisation(owner: typeof member, overrides: Parameters<typeof association>[0]) {
    const created = await api.as(owner).post<OrganisationView>('/organisations', association(overrides));
    expect(created.status).toBe(201);
    await api.as(admin).post(`/organisations/${created.body.id}/verify`);
    return created.body.id;
  }

  beforeAll(async () => {
    api = await startBookingTestService('bookings');
    establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    await api.as(admin).post<EstablishmentView>('/establishments', beaurepaire);
    spaceId = (await api.as(manager).post(`/establishments/${establishmentId}/spaces`, gymnasium)).body['id'] as string;
    await api.as(manager).put(`/spaces/${spaceId}/opening-rules`, {
      rules: [
        { weekdays: [1, 2, 3, 4, 5], startTime: '18:00', endTime: '22:00' },
        { weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' },
      ],
    });
    await api.as(manager).put(`/spaces/${spaceId}/tariffs`, {
      tariffs: [
        { category: 'association', hourlyCents: 1500, depositCents: 30000 },
        { category: 'commune', hourlyCents: 0 },
      ],
    });
    organisationId = await verifiedOrganisation(member, {});
    communeId = await verifiedOrganisation(communeClerk, {
      name: 'Mairie',
      kind: 'commune',
      rna: undefined,
      siren: '213800063',
    });
  });
  afterAll(() => api.stop());

  const request = (who = member, overrides: Record<string, unknown> = {}) =>
    api.as(who).post<BookingView>('/bookings', {
      spaceId,
      organisationId,
      startsAt: at('10:00'),
      endsAt: at('12:00'),
      purpose: 'Entraînement de basket',
      attendees: 20,
      ...overrides,
    });

  describe('requesting', () => {
    it('creates a request with the price computed by the server, its audit entry and its event', async () => {
      const response = await request(member, { startsAt: at('08:00'), endsAt: at('10:00') });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        status: 'requested',
        priceCents: 3000,
        depositCents: 30000,
        renterCategory: 'association',
      });
      const details = await api
        .as(member)
        .get<{ history: { toStatus: string; actorRole: string }[] }>(`/bookings/${response.body.id}`);
      expect(details.body.history).toEqual([
        expect.objectContaining({ toStatus: 'requested', actorRole: 'organisation_member' }),
      ]);
      const events = await api.service.dataSource.query(
        `SELECT type, aggregate_id FROM booking.event_outbox WHERE aggregate_id = $1`,
        [response.body.id],
      );
      expect(events).toEqual([{ type: 'booking.requested', aggregate_id: response.body.id }]);
      await api.as(member).post(`/bookings/${response.body.id}/cancel`);
    });

    it('labels the booking with its space, collège and organisation names in every response that returns it', async () => {
      const labels = {
        spaceName: gymnasium.name,
        establishmentName: allevard.name,
        organisationName: association().name,
      };
      const date = upcomingSaturday(12, (d) => publicHolidayOn(d) !== null);
      const requested = await request(member, { startsAt: at('16:00', date), endsAt: at('17:00', date) });
      expect(requested.status).toBe(201);
      expect(requested.body).toMatchObject({ spaceId, establishmentId, organisationId, ...labels });
      for (const who of [member, manager, admin]) {
        expect((await api.as(who).get<BookingView>(`/bookings/${requested.body.id}`)).body).toMatchObject(labels);
      }
      // The collège's managers are told by message who asks, and the standing the request was checked against.
      const [requestedEvent] = await api.service.dataSource.query(
        `SELECT payload FROM booking.event_outbox WHERE aggregate_id = $1 AND type = 'booking.requested'`,
        [requested.body.id],
      );
      expect(requestedEvent.payload.labels).toEqual(labels);
      expect(requestedEvent.payload.requester).toEqual({
        status: 'verified',
        insuranceExpiresOn: association().insuranceExpiresOn,
      });
      expect((await api.as(manager).post<BookingView>(`/bookings/${requested.body.id}/approve`)).body).toMatchObject({
        status: 'approved',
        ...labels,
      });
      // Payment knows only ids: booking.approved names the parties for its checkout and receipts.
      const [approved] = await api.service.dataSource.query(
        `SELECT payload FROM booking.event_outbox WHERE aggregate_id = $1 AND type = 'booking.approved'`,
        [requested.body.id],
      );
      expect(approved.payload.labels).toEqual(labels);
      expect((await api.as(member).post<BookingView>(`/bookings/${requested.body.id}/cancel`)).body).toMatchObject({
        status: 'cancelled',
        ...labels,
      });

      const commune = await api.as(communeClerk).post<BookingView>('/bookings', {
        spaceId,
        organisationId: communeId,
        startsAt: at('18:00', date),
        endsAt: at('19:00', date),
      });
      expect(commune.body).toMatchObject({
        spaceName: gymnasium.name,
        establishmentName: allevard.name,
        organisationName: 'Mairie',
      });
      expect(
        (
          await api
            .as(manager)
            .post<BookingView>(`/bookings/${commune.body.id}/refuse`, { reason: 'Gymnase indisponible' })
        ).body,
      ).toMatchObject({
        status: 'refused',
        organisationName: 'Mairie',
      });
    });

    it('refuses visitors, outsiders and agents acting for an organisation they do not belong to', async () => {
      expect(
        (await api.visitor.post('/bookings', { spaceId, organisationId, startsAt: at('10:00'), endsAt: at('12:00') }))
          .status,
      ).toBe(401);
      expect((await request(outsider)).status).toBe(403);
      expect((await request(manager)).status).toBe(403);
    });

    it('refuses an unverified organisation and expired insurance', async () => {
      const pending = (
        await api.as(outsider).post<OrganisationView>('/organisations', association({ rna: 'W381000777' }))
      ).body.id;
      const notVerified = await request(outsider, { organisationId: pending });
      expect(notVerified.status).toBe(409);
      expect(notVerified.body).toMatchObject({ code: 'organisation_not_verified' });
      await api.as(admin).post(`/organisations/${pending}/verify`);
      await api.service.dataSource.query(`UPDATE booking.organisation SET insurance_expires_on = $2 WHERE id = $1`, [
        pending,
        saturday.replace(/-\d\d$/, '-01'),
      ]);
      const uninsured = await request(outsider, { organisationId: pending });
      expect(uninsured.status).toBe(409);
      expect(uninsured.body).toMatchObject({ code: 'insurance_expired' });
    });

    it('refuses a slot outside the opening rules, with every reason', async () => {
      const tuesdayMorning = new Date(`${saturday}T12:00:00Z`);
      tuesdayMorning.setUTCDate(tuesdayMorning.getUTCDate() + 3);
      const day = tuesdayMorning.toISOString().slice(0, 10);
      const response = await request(member, { startsAt: at('10:00', day), endsAt: at('10:30', day) });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'slot_not_offered' });
      const codes = (response.body as unknown as { reasons: { code: string }[] }).reasons.map((r) => r.code);
      expect(codes).toEqual(expect.arrayContaining(['too_short']));
      expect(
        codes.some((code) => ['school_time', 'outside_opening_hours', 'school_calendar_unknown'].includes(code)),
      ).toBe(true);
    });

    it('refuses a category the space does not admit', async () => {
      const companyOwner = franceConnectUser();
      const company = await verifiedOrganisation(companyOwner, {
        name: 'SARL',
        kind: 'company',
        rna: undefined,
        siren: '732829320',
      });
      const response = await request(companyOwner, { organisationId: company });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'category_not_admitted' });
    });

    it('refuses a start or an end off the space’s time grid in French, naming the nearest times', async () => {
      const date = upcomingSaturday(14, (d) => publicHolidayOn(d) !== null);
      // The gymnasium's 15-minute buffer puts it on a 15-minute grid.
      const offGrid = await request(member, { startsAt: at('18:07', date), endsAt: at('19:15', date) });
      expect(offGrid.status).toBe(422);
      expect(offGrid.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(offGrid.body).toMatchObject({
        code: 'slot_not_offered',
        title:
          'L’heure de début, 18\u00a0h\u00a007, n’est pas proposée pour cet espace\u00a0: choisissez une heure par pas ' +
          'de 15\u00a0minutes, par exemple 18\u00a0h\u00a000 ou 18\u00a0h\u00a015.',
        reasons: [expect.objectContaining({ code: 'off_grid' })],
      });
      const bothEnds = await request(member, { startsAt: at('09:50', date), endsAt: at('11:05', date) });
      expect(bothEnds.status).toBe(422);
      expect(bothEnds.body).toMatchObject({
        reasons: [
          { code: 'off_grid', message: expect.stringMatching(/^L’heure de début, 9\u00a0h\u00a050,/) },
          { code: 'off_grid', message: expect.stringContaining('par exemple 11\u00a0h\u00a000 ou 11\u00a0h\u00a015.') },
        ],
      });
      const [{ n }] = await api.service.dataSource.query(
        `SELECT count(*)::int AS n FROM booking.booking WHERE space_id = $1 AND starts_at::date = $2::date`,
        [spaceId, date],
      );
      expect(n).toBe(0);
      const onGrid = await request(member, { startsAt: at('18:15', date), endsAt: at('19:15', date) });
      expect(onGrid.status).toBe(201);
      await api.as(member).post(`/bookings/${onGrid.body.id}/cancel`);
    });

    it('puts a space whose hours, shortest booking and buffer fall on half-hours on a 30-minute grid', async () => {
      const halfHourly = await api
        .as(manager)
        .post(`/establishments/${establishmentId}/spaces`, { ...gymnasium, name: 'Salle de danse', bufferMinutes: 0 });
      const id = halfHourly.body['id'] as string;
      await api.as(manager).put(`/spaces/${id}/opening-rules`, {
        rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
      });
      await api.as(manager).put(`/spaces/${id}/tariffs`, { tariffs: [{ category: 'association', hourlyCents: 1000 }] });
      const date = upcomingSaturday(15, (d) => publicHolidayOn(d) !== null);
      const quarter = await request(member, { spaceId: id, startsAt: at('10:15', date), endsAt: at('11:30', date) });
      expect(quarter.status).toBe(422);
      expect(quarter.body).toMatchObject({
        code: 'slot_not_offered',
        title:
          'L’heure de début, 10\u00a0h\u00a015, n’est pas proposée pour cet espace\u00a0: choisissez une heure par pas ' +
          'de 30\u00a0minutes, par exemple 10\u00a0h\u00a000 ou 10\u00a0h\u00a030.',
      });
      const half = await request(member, { spaceId: id, startsAt: at('10:30', date), endsAt: at('11:30', date) });
      expect(half.status).toBe(201);
    });

    it('validates the body, naming the fields', async () => {
      const response = await api.as(member).post('/bookings', {
        spaceId: 'x',
        organisationId,
        startsAt: '2027-01-01T10:00:00',
        endsAt: at('09:00'),
        extra: 1,
      });
      expect(response.status).toBe(400);
      const fields = JSON.stringify(response.body['errors']);
      expect(fields).toMatch(/spaceId/);
      expect(fields).toMatch(/startsAt/);
      expect(fields).toMatch(/extra/);
    });
  });

  describe('no overlap, ever', () => {
    it('keeps the turnaround buffer free after a booking', async () => {
      const first = await request(member, { startsAt: at('14:00'), endsAt: at('16:00') });
      expect(first.status).toBe(201);
      // On the space's 15-minute grid: a request inside the buffer meets the booking, not the grid.
      const inBuffer = await request(member, { startsAt: at('16:00'), endsAt: at('17:00') });
      expect(inBuffer.status).toBe(409);
      expect(inBuffer.body).toMatchObject({ code: 'slot_unavailable' });
      const before = await request(member, { startsAt: at('13:00'), endsAt: at('14:00') });
      expect(before.status).toBe(409);
      const afterBuffer = await request(member, { startsAt: at('16:15'), endsAt: at('17:15') });
      expect(afterBuffer.status).toBe(201);
      // A cancelled booking frees its slot.
      await api.as(member).post(`/bookings/${first.body.id}/cancel`);
      expect((await request(member, { startsAt: at('14:00'), endsAt: at('15:00') })).status).toBe(201);
    });

    it('gives exactly one success to 50 parallel requests for one slot', async () => {
      const date = upcomingSaturday(5, (d) => publicHolidayOn(d) !== null);
      const responses = await Promise.all(
        Array.from({ length: 50 }, () => request(member, { startsAt: at('09:00', date), endsAt: at('11:00', date) })),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(49);
      const [{ n }] = await api.service.dataSource.query(
        `SELECT count(*)::int AS n FROM booking.booking WHERE space_id = $1 AND starts_at = $2`,
        [spaceId, new Date(at('09:00', date))],
      );
      expect(n).toBe(1);
    });
  });

  describe('deciding', () => {
    it('lets the collège approve a priced request, which waits for the payout account, then for payment', async () => {
      const booking = (await request(member, { startsAt: at('18:00'), endsAt: at('19:00') })).body;
      expect((await api.as(member).post(`/bookings/${booking.id}/approve`)).status).toBe(403);
      expect((await api.as(otherManager).post(`/bookings/${booking.id}/approve`)).status).toBe(404);
      const approved = await api
        .as(manager)
        .post<BookingView>(`/bookings/${booking.id}/approve`, { message: 'Bienvenue !' });
      expect(approved.body).toMatchObject({ status: 'approved', decisionMessage: 'Bienvenue !' });
      expect((await api.as(manager).post(`/bookings/${booking.id}/approve`)).status).toBe(409);

      await api.service.dataSource.query(`UPDATE booking.establishment SET payout_ready = true WHERE id = $1`, [
        establishmentId,
      ]);
      const later = upcomingSaturday(9, (d) => publicHolidayOn(d) !== null);
      const next = (await request(member, { startsAt: at('18:00', later), endsAt: at('19:00', later) })).body;
      const awaiting = await api.as(manager).post<BookingView>(`/bookings/${next.id}/approve`);
      expect(awaiting.body.status).toBe('awaiting_payment');
      expect(awaiting.body.expiresAt).not.toBeNull();
      const events = await api.service.dataSource.query(
        `SELECT type FROM booking.event_outbox WHERE aggregate_id = $1 ORDER BY position`,
        [next.id],
      );
      expect(events.map((e: { type: string }) => e.type)).toEqual(['booking.requested', 'booking.approved']);
    });

    it("approves at once, on the collège's behalf, where the space needs no approval", async () => {
      const open = (
        await api.as(manager).post(`/establishments/${establishmentId}/spaces`, {
          ...gymnasium,
          name: 'Salle en libre accès',
          approvalRequired: false,
        })
      ).body['id'] as string;
      await api.as(manager).put(`/spaces/${open}/opening-rules`, {
        rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
      });
      await api
        .as(manager)
        .put(`/spaces/${open}/tariffs`, { tariffs: [{ category: 'association', hourlyCents: 1500 }] });
      const response = await request(member, { spaceId: open });
      expect(response.status).toBe(201);
      const details = await api
        .as(member)
        .get<BookingView & { history: { toStatus: string; actorRole: string }[] }>(`/bookings/${response.body.id}`);
      expect(details.body.status).not.toBe('requested');
      expect(details.body.history.map((h) => [h.toStatus, h.actorRole])).toEqual([
        ['requested', 'organisation_member'],
        [details.body.status, 'system'],
      ]);
    });

    it('confirms a free booking straight away', async () => {
      const response = await api.as(communeClerk).post<BookingView>('/bookings', {
        spaceId,
        organisationId: communeId,
        startsAt: at(
          '10:00',
          upcomingSaturday(6, (d) => publicHolidayOn(d) !== null),
        ),
        endsAt: at(
          '12:00',
          upcomingSaturday(6, (d) => publicHolidayOn(d) !== null),
        ),
      });
      expect(response.body).toMatchObject({ status: 'requested', priceCents: 0 });
      const approved = await api.as(admin).post<BookingView>(`/bookings/${response.body.id}/approve`);
      expect(approved.body.status).toBe('confirmed');
    });

    it('needs a reason to refuse', async () => {
      const booking = (await request(member, { startsAt: at('11:00'), endsAt: at('12:00') })).body;
      expect((await api.as(manager).post(`/bookings/${booking.id}/refuse`, { reason: '' })).status).toBe(400);
      const refused = await api
        .as(manager)
        .post<BookingView>(`/bookings/${booking.id}/refuse`, { reason: 'Gymnase réservé pour une compétition' });
      expect(refused.body).toMatchObject({ status: 'refused', refusalReason: 'Gymnase réservé pour une compétition' });
      expect((await api.as(manager).post(`/bookings/${booking.id}/cancel`)).status).toBe(409);
      const history = await api
        .as(member)
        .get<{ history: { fromStatus: string | null; toStatus: string; reason: string | null }[] }>(
          `/bookings/${booking.id}`,
        );
      expect(history.body.history.map((h) => [h.fromStatus, h.toStatus])).toEqual([
        [null, 'requested'],
        ['requested', 'refused'],
      ]);
    });
  });

  describe('cancelling', () => {
    it('records the refund percentage of the policy on a paid booking', async () => {
      const date = upcomingSaturday(8, (d) => publicHolidayOn(d) !== null);
      const booking = (await request(member, { startsAt: at('17:00', date), endsAt: at('18:00', date) })).body;
      await api.as(manager).post(`/bookings/${booking.id}/approve`);
      await api.service.dataSource.query(`UPDATE booking.booking SET status = 'confirmed' WHERE id = $1`, [booking.id]);
      const cancelled = await api
        .as(member)
        .post<BookingView>(`/bookings/${booking.id}/cancel`, { reason: 'Match reporté' });
      // The slot is more than 7 days ahead: full refund under the default policy.
      expect(cancelled.body).toMatchObject({
        status: 'cancelled',
        cancelledBy: 'organisation',
        refundPercent: 100,
        cancellationReason: 'Match reporté',
      });
      const [event] = await api.service.dataSource.query(
        `SELECT payload FROM booking.event_outbox WHERE aggregate_id = $1 AND type = 'booking.cancelled'`,
        [booking.id],
      );
      expect(event.payload).toMatchObject({
        refundPercent: 100,
        priceCents: 1500,
        cancelledBy: 'organisation',
        cancelledFrom: 'confirmed',
      });
    });

    it('announces a full refund for a booking cancelled before its payment confirmed it (a payment may be crossing)', async () => {
      const date = upcomingSaturday(8, (d) => publicHolidayOn(d) !== null);
      const booking = (await request(member, { startsAt: at('18:00', date), endsAt: at('19:00', date) })).body;
      const approved = await api.as(manager).post<BookingView>(`/bookings/${booking.id}/approve`);
      const cancelled = await api.as(member).post<BookingView>(`/bookings/${booking.id}/cancel`);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', refundPercent: 100 });
      const [event] = await api.service.dataSource.query(
        `SELECT payload FROM booking.event_outbox WHERE aggregate_id = $1 AND type = 'booking.cancelled'`,
        [booking.id],
      );
      expect(event.payload).toMatchObject({ refundPercent: 100, cancelledFrom: approved.body.status });
      expect(['approved', 'awaiting_payment']).toContain(approved.body.status);
    });

    it('refuses cancellation by an outsider without revealing the booking', async () => {
      const booking = (
        await request(member, {
          startsAt: at(
            '08:00',
            upcomingSaturday(7, (d) => publicHolidayOn(d) !== null),
          ),
          endsAt: at(
            '09:00',
            upcomingSaturday(7, (d) => publicHolidayOn(d) !== null),
          ),
        })
      ).body;
      expect((await api.as(outsider).post(`/bookings/${booking.id}/cancel`)).status).toBe(404);
      expect((await api.as(outsider).get(`/bookings/${booking.id}`)).status).toBe(404);
      expect((await api.as(otherManager).get(`/bookings/${booking.id}`)).status).toBe(404);
    });
  });

  describe('expiry and completion', () => {
    const sweeper = () =>
      new BookingSweeper(api.service.dataSource, new BookingLifecycle({ decisionDays: 10, paymentDeadlineHours: 72 }));

    it('expires an undecided request once, even with two sweepers at once, and frees its slot', async () => {
      const date = upcomingSaturday(10, (d) => publicHolidayOn(d) !== null);
      const booking = (await request(member, { startsAt: at('10:00', date), endsAt: at('12:00', date) })).body;
      expect(booking.expiresAt).not.toBeNull();
      await api.service.dataSource.query(
        `UPDATE booking.booking SET expires_at = now() - interval '1 minute' WHERE id = $1`,
        [booking.id],
      );
      await Promise.all([sweeper().sweepOnce(), sweeper().sweepOnce()]);
      const details = await api
        .as(member)
        .get<BookingView & { history: { toStatus: string; actorRole: string }[] }>(`/bookings/${booking.id}`);
      expect(details.body.status).toBe('expired');
      expect(details.body.history.filter((h) => h.toStatus === 'expired')).toEqual([
        expect.objectContaining({ actorRole: 'system' }),
      ]);
      const events = await api.service.dataSource.query(
        `SELECT type FROM booking.event_outbox WHERE aggregate_id = $1 ORDER BY position`,
        [booking.id],
      );
      expect(events.map((e: { type: string }) => e.type)).toEqual(['booking.requested', 'booking.expired']);
      expect((await request(member, { startsAt: at('10:00', date), endsAt: at('12:00', date) })).status).toBe(201);
    });

    it('expires an approval whose payment never opened, and says so in booking.expired v2', async () => {
      const date = upcomingSaturday(12, (d) => publicHolidayOn(d) !== null);
      const booking = (await request(member, { startsAt: at('16:00', date), endsAt: at('17:00', date) })).body;
      // Accepted while the collège's payout account was not ready: the booking waits in `approved`.
      await api.service.dataSource.query(
        `UPDATE booking.booking SET status = 'approved', expires_at = now() - interval '1 minute' WHERE id = $1`,
        [booking.id],
      );
      await sweeper().sweepOnce();
      expect((await api.as(member).get<BookingView>(`/bookings/${booking.id}`)).body.status).toBe('expired');
      const [event] = await api.service.dataSource.query(
        `SELECT version, payload FROM booking.event_outbox WHERE aggregate_id = $1 AND type = 'booking.expired'`,
        [booking.id],
      );
      expect(event).toEqual({
        version: 2,
        payload: { bookingId: booking.id, establishmentId, organisationId, expiredFrom: 'approved' },
      });
    });

    it('completes a confirmed booking at its end, not before', async () => {
      const date = upcomingSaturday(11, (d) => publicHolidayOn(d) !== null);
      const booking = (await request(member, { startsAt: at('14:00', date), endsAt: at('15:00', date) })).body;
      await api.service.dataSource.query(
        `UPDATE booking.booking SET status = 'confirmed', expires_at = NULL WHERE id = $1`,
        [booking.id],
      );
      await sweeper().sweepOnce(new Date(at('14:30', date)));
      expect((await api.as(member).get<BookingView>(`/bookings/${booking.id}`)).body.status).toBe('confirmed');
      await sweeper().sweepOnce(new Date(at('15:00', date)));
      expect((await api.as(member).get<BookingView>(`/bookings/${booking.id}`)).body.status).toBe('completed');
    });
  });

  describe('listing', () => {
    it('lists an organisation to its members and an establishment to its managers only', async () => {
      const mine = await api
        .as(member)
        .get<{ items: BookingView[]; total: number }>(`/bookings?organisationId=${organisationId}&pageSize=100`);
      expect(mine.status).toBe(200);
      expect(mine.body.total).toBeGreaterThan(3);
      expect(mine.body.items.every((b) => b.organisationId === organisationId)).toBe(true);
      expect((await api.as(outsider).get(`/bookings?organisationId=${organisationId}`)).status).toBe(404);
      expect((await api.as(manager).get(`/bookings?establishmentId=${establishmentId}&status=requested`)).status).toBe(
        200,
      );
      expect((await api.as(otherManager).get(`/bookings?establishmentId=${establishmentId}`)).status).toBe(403);
      expect((await api.as(member).get(`/bookings`)).status).toBe(400);
    });

    it('labels every booking of a page with the names of its own space, collège and organisation', async () => {
      const spaces = await api.visitor.get<{ items: { id: string; name: string }[] }>(
        `/establishments/${establishmentId}/spaces`,
      );
      const spaceNames = new Map(spaces.body.items.map((space) => [space.id, space.name]));
      const organisationNames = new Map([
        [organisationId, association().name],
        [communeId, 'Mairie'],
      ]);
      const page = await api
        .as(manager)
        .get<{ items: BookingView[] }>(`/bookings?establishmentId=${establishmentId}&pageSize=100`);
      expect(page.status).toBe(200);
      // Earlier tests booked two spaces for two organisations: a page mixing them, not one repeated label.
      expect(new Set(page.body.items.map((b) => b.spaceId)).size).toBeGreaterThanOrEqual(2);
      expect(new Set(page.body.items.map((b) => b.organisationId))).toEqual(new Set(organisationNames.keys()));
      for (const booking of page.body.items) {
        expect({
          spaceName: booking.spaceName,
          establishmentName: booking.establishmentName,
          organisationName: booking.organisationName,
        }).toEqual({
          spaceName: spaceNames.get(booking.spaceId),
          establishmentName: allevard.name,
          organisationName: organisationNames.get(booking.organisationId),
        });
      }
      const mine = await api.as(communeClerk).get<{ items: BookingView[] }>(`/bookings?organisationId=${communeId}`);
      expect(mine.body.items.length).toBeGreaterThan(0);
      expect(
        mine.body.items.every((b) => b.organisationName === 'Mairie' && b.establishmentName === allevard.name),
      ).toBe(true);
    });

    it('reads the labels of a whole page in one query, however many bookings it holds', async () => {
      const rows = await api.service.dataSource
        .getRepository(BookingEntity)
        .find({ where: { establishmentId }, order: { startsAt: 'ASC' } });
      expect(rows.length).toBeGreaterThan(5);
      // A manager of its own, so the service's background work on the shared one is not counted.
      const manager = api.service.dataSource.createEntityManager();
      const query = jest.spyOn(manager, 'query');
      const views = await toBookingViews(manager, rows);
      expect(query).toHaveBeenCalledTimes(1);
      expect(views.map((view) => view.id)).toEqual(rows.map((row) => row.id));
      expect(
        views.every(
          (view) => view.spaceName !== '' && view.establishmentName === allevard.name && view.organisationName !== '',
        ),
      ).toBe(true);
    });
  });
});
