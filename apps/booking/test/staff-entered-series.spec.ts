import { randomUUID } from 'node:crypto';
import type {
  BookingView,
  EstablishmentView,
  OrganisationView,
  SeriesCreatedView,
  SeriesPreviewView,
  SeriesView,
} from '@salle/contracts';
import type { Caller } from '@salle/auth';
import { publicHolidayOn } from '../src/domain/calendar';
import { addDays, type LocalDate } from '../src/domain/time';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, beaurepaire, gymnasium, parisInstant, upcomingSaturday } from './fixtures';

type Problem = { code?: string; errors?: { field: string; message: string }[] };

/** `count` consecutive Saturdays from `first`, none a public holiday. */
function saturdaysFrom(weeks: number, count: number): LocalDate[] {
  for (let start = upcomingSaturday(weeks, () => false); ; start = addDays(start, 7)) {
    const days = Array.from({ length: count }, (_, k) => addDays(start, 7 * k));
    if (days.every((day) => publicHolidayOn(day) === null)) return days;
  }
}

describe('a weekly series the collège enters for an organisation without an account', () => {
  let api: BookingTestService;
  const tag = randomUUID().slice(0, 8);
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret });
  const otherManager = proConnectAgent({ siret: beaurepaire.siret });
  const member = franceConnectUser();
  let allevardId: string;
  let beaurepaireId: string;
  let gymId: string;
  let organisationId: string;
  const saturdays = saturdaysFrom(5, 3);
  const laterSaturdays = saturdaysFrom(12, 2);

  const body = (days: LocalDate[], extra: Record<string, unknown> = {}) => ({
    spaceId: gymId,
    organisationId,
    rrule: `FREQ=WEEKLY;BYDAY=SA;COUNT=${days.length}`,
    firstDate: days[0],
    startTime: '10:00',
    durationMinutes: 120,
    purpose: 'Randonnée du samedi',
    paymentChoice: 'counter',
    ...extra,
  });
  const previewBody = (days: LocalDate[]) => {
    const { purpose: _purpose, paymentChoice: _choice, ...fields } = body(days);
    return fields;
  };
  const enter = (who: Caller, extra: Record<string, unknown> = {}, at = allevardId, days = saturdays) =>
    api.as(who).post<SeriesCreatedView & Problem>(`/establishments/${at}/entered-series`, body(days, extra));
  const preview = (who: Caller, at = allevardId) =>
    api
      .as(who)
      .post<SeriesPreviewView & Problem>(`/establishments/${at}/entered-series/preview`, previewBody(saturdays));
  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    api.service.dataSource.query(sql, params) as Promise<T[]>;

  beforeAll(async () => {
    api = await startBookingTestService('staff-series');
    allevardId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    beaurepaireId = (await api.as(admin).post<EstablishmentView>('/establishments', beaurepaire)).body.id;
    gymId = (await api.as(manager).post(`/establishments/${allevardId}/spaces`, gymnasium)).body['id'] as string;
    await api.as(manager).put(`/spaces/${gymId}/opening-rules`, {
      rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
    });
    await api.as(manager).put(`/spaces/${gymId}/tariffs`, {
      tariffs: [
        { category: 'association', hourlyCents: 1500 },
        { category: 'commune', hourlyCents: 1600 },
      ],
    });
    const created = await api.as(manager).post<OrganisationView>(
      `/establishments/${allevardId}/entered-organisations`,
      association({
        name: 'Les Marcheurs du Bréda',
        rna: 'W381000777',
        contactEmail: `marcheurs.${tag}@example.org`,
      }),
    );
    expect(created.status).toBe(201);
    organisationId = created.body.id;
  });
  afterAll(() => api?.stop());

  it('previews the series for the collège’s staff with the member’s preview, booking nothing', async () => {
    const previewed = await preview(manager);
    expect(previewed.status).toBe(200);
    expect(previewed.body.occurrences.map((o) => [o.date, o.state, o.priceCents])).toEqual(
      saturdays.map((date) => [date, 'free', 3000]),
    );
    expect((await preview(admin)).status).toBe(200);
    const [row] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM booking.booking WHERE space_id = $1`, [
      gymId,
    ]);
    expect(row?.n).toBe(0);
  });

  it('refuses the preview to another collège’s manager, members and visitors, and another collège’s space', async () => {
    expect((await preview(otherManager)).status).toBe(403);
    expect((await preview(member)).status).toBe(403);
    expect((await preview(otherManager, beaurepaireId)).body).toMatchObject({ code: 'space_not_found' });
    const visitor = await api.visitor.post(`/establishments/${allevardId}/entered-series/preview`, {});
    expect(visitor.status).toBe(401);
  });

  it('applies a member’s checks: a rejected record may not book, an invoice is for public payers', async () => {
    const rejected = await api
      .as(manager)
      .post<OrganisationView>(
        `/establishments/${allevardId}/entered-organisations`,
        association({ name: 'Les Marcheurs écartés', rna: 'W381000778', contactEmail: `ecartes.${tag}@example.org` }),
      );
    expect(
      (await api.as(admin).post(`/organisations/${rejected.body.id}/reject`, { reason: 'RNA inconnu' })).status,
    ).toBe(200);
    for (const who of [manager, admin])
      expect(await enter(who, { organisationId: rejected.body.id })).toMatchObject({
        status: 409,
        body: { code: 'organisation_not_verified' },
      });
    // A member's own series while their organisation waits for the département's verification.
    const newcomer = franceConnectUser({ displayName: 'Paul Nouveau' });
    const declared = await api
      .as(newcomer)
      .post<OrganisationView>('/organisations', association({ name: 'Les Nouveaux Marcheurs', rna: 'W381000779' }));
    expect(declared.body.status).toBe('pending');
    const { paymentChoice: _choice, ...own } = body(saturdays, { organisationId: declared.body.id });
    expect(await api.as(newcomer).post('/series', own)).toMatchObject({
      status: 409,
      body: { code: 'organisation_not_verified' },
    });
    const invoice = await enter(manager, { paymentChoice: 'invoice' });
    expect(invoice.status).toBe(400);
    expect(invoice.body.errors?.[0]?.field).toBe('paymentChoice');
    const [row] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM booking.series WHERE space_id = $1`, [
      gymId,
    ]);
    expect(row?.n).toBe(0);
  });

  it('enters the series approved at once for a record still pending verification, each session recorded as entered on the organisation’s behalf', async () => {
    // The manager who created the record met the organisation and vouches for it until the département verifies it.
    const [record] = await query(`SELECT status FROM booking.organisation WHERE id = $1`, [organisationId]);
    expect(record).toEqual({ status: 'pending' });
    const created = await enter(manager, { approve: true, message: 'Clés à l’accueil' });
    expect(created.status).toBe(201);
    expect(created.body.summary).toMatchObject({ total: 3, created: 3, totalPriceCents: 9000 });
    const statuses = created.body.occurrences.map((o) => o.status);
    expect(statuses).toHaveLength(3);
    for (const status of statuses) expect(status).not.toBe('requested');

    const seriesId = created.body.series.id;
    const sessions = await query(
      `SELECT entered_by AS "enteredBy", payment_choice AS "paymentChoice", decision_message AS message
         FROM booking.booking WHERE series_id = $1 ORDER BY starts_at`,
      [seriesId],
    );
    expect(sessions).toEqual(
      Array(3).fill({ enteredBy: manager.accountId, paymentChoice: 'counter', message: 'Clés à l’accueil' }),
    );
    const journal = await query(
      `SELECT DISTINCT a.actor_account_id AS actor, a.actor_role AS role, a.on_behalf_of AS "onBehalfOf"
         FROM booking.audit_entry a JOIN booking.booking b ON b.id = a.booking_id WHERE b.series_id = $1`,
      [seriesId],
    );
    expect(journal).toEqual([{ actor: manager.accountId, role: 'establishment_manager', onBehalfOf: organisationId }]);
    const [approvals] = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM booking.audit_entry a JOIN booking.booking b ON b.id = a.booking_id
        WHERE b.series_id = $1 AND a.from_status = 'requested'`,
      [seriesId],
    );
    expect(approvals?.n).toBe(3);
    // The approval tells how the organisation will pay, so that the notification service asks for it that way.
    const announced = await query<{ choice: string | null }>(
      `SELECT o.payload->>'paymentChoice' AS choice FROM booking.event_outbox o
         JOIN booking.booking b ON b.id::text = o.aggregate_id::text
        WHERE b.series_id = $1 AND o.type = 'booking.approved'`,
      [seriesId],
    );
    expect(announced).toEqual(Array(3).fill({ choice: 'counter' }));
    // The collège follows it as one series.
    const series = await api.as(manager).get<SeriesView>(`/series/${seriesId}`);
    expect(series.status).toBe(200);
    expect((await api.as(otherManager).get(`/series/${seriesId}`)).status).toBe(404);
  });

  it('leaves the sessions requested when not approved at once, and records an admin as the one who entered', async () => {
    const created = await enter(admin, { paymentChoice: 'online' }, allevardId, laterSaturdays);
    expect(created.status).toBe(201);
    expect(created.body.occurrences.map((o) => o.status)).toEqual(['requested', 'requested']);
    const rows = await query(
      `SELECT DISTINCT b.entered_by AS "enteredBy", b.payment_choice AS "paymentChoice", a.actor_role AS role,
              a.on_behalf_of AS "onBehalfOf"
         FROM booking.booking b JOIN booking.audit_entry a ON a.booking_id = b.id WHERE b.series_id = $1`,
      [created.body.series.id],
    );
    expect(rows).toEqual([
      { enteredBy: admin.accountId, paymentChoice: 'online', role: 'department_admin', onBehalfOf: organisationId },
    ]);
    // The collège's managers are told who asks: the names, and a record the département has not verified yet.
    const requested = await query<{ payload: Record<string, unknown> }>(
      `SELECT o.payload FROM booking.event_outbox o JOIN booking.booking b ON b.id::text = o.aggregate_id
        WHERE b.series_id = $1 AND o.type = 'booking.requested' ORDER BY b.starts_at`,
      [created.body.series.id],
    );
    expect(requested).toHaveLength(2);
    for (const { payload } of requested) {
      expect(payload).toMatchObject({
        labels: {
          organisationName: 'Les Marcheurs du Bréda',
          establishmentName: allevard.name,
          spaceName: gymnasium.name,
        },
        requester: { status: 'pending', insuranceExpiresOn: association().insuranceExpiresOn },
      });
    }
  });

  it('refuses a wrong role, a manager of another collège (at theirs or ours), members and visitors', async () => {
    const later = saturdaysFrom(20, 1);
    expect((await enter(otherManager, {}, allevardId, later)).status).toBe(403);
    expect((await enter(otherManager, {}, beaurepaireId, later)).body).toMatchObject({ code: 'space_not_found' });
    expect((await enter(member, {}, allevardId, later)).status).toBe(403);
    expect((await api.visitor.post(`/establishments/${allevardId}/entered-series`, {})).status).toBe(401);
    // A member may not request a series for an organisation that is not theirs either.
    const { paymentChoice: _choice, ...asMember } = body(later);
    expect((await api.as(member).post('/series', asMember)).status).toBe(403);
    const [row] = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM booking.booking WHERE space_id = $1 AND starts_at::date >= $2::date`,
      [gymId, later[0]],
    );
    expect(row?.n).toBe(0);
  });

  it('invoices a commune’s one-off request the collège entered, as a member’s: confirmed on approval, no checkout', async () => {
    const commune = await api
      .as(manager)
      .post<OrganisationView>(
        `/establishments/${allevardId}/entered-organisations`,
        association({ name: 'Mairie d’Allevard', kind: 'commune', rna: undefined, siren: '213801855' }),
      );
    expect(commune.status).toBe(201);
    await api.as(admin).post(`/organisations/${commune.body.id}/verify`);
    const payer = { siret: '21380185500015', engagementNumber: 'EJ-2031-0042' };
    const day = saturdaysFrom(30, 1)[0] ?? '';
    const entered = await api
      .as(manager)
      .post<BookingView & Problem>(`/establishments/${allevardId}/entered-bookings`, {
        spaceId: gymId,
        organisationId: commune.body.id,
        startsAt: parisInstant(day, '14:00'),
        endsAt: parisInstant(day, '16:00'),
        publicPayer: payer,
        paymentChoice: 'invoice',
        approve: true,
      });
    expect(entered.status).toBe(201);
    expect(entered.body).toMatchObject({ status: 'confirmed', paymentChoice: 'invoice', priceCents: 3200 });
    // Payment issues the invoice from booking.confirmed: no booking.approved, which would open a checkout.
    const events = await query<{ type: string; payload: Record<string, unknown> }>(
      `SELECT type, payload FROM booking.event_outbox WHERE aggregate_id = $1 ORDER BY position`,
      [entered.body.id],
    );
    expect(events.map((event) => event.type)).toEqual(['booking.requested', 'booking.confirmed']);
    expect(events[1]?.payload).toMatchObject({
      priceCents: 3200,
      paymentId: null,
      invoice: { payer, establishmentSiret: allevard.siret },
    });
    // Without its identifiers, a commune's request is refused, as a member's is.
    const refused = await api.as(manager).post<Problem>(`/establishments/${allevardId}/entered-bookings`, {
      spaceId: gymId,
      organisationId: commune.body.id,
      startsAt: parisInstant(day, '17:00'),
      endsAt: parisInstant(day, '18:00'),
      paymentChoice: 'invoice',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((error) => error.field)).toContain('publicPayer.siret');
  });
});
