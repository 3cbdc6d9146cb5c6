import { DEVELOPMENT_EVENT_SECRET_KEY, eventSecrets } from '@salle/events';
import { randomUUID } from 'node:crypto';
import type {
  BookingDetailsView,
  BookingView,
  ContactClaimStartedView,
  EstablishmentView,
  IncidentView,
  OrganisationView,
  Page,
  RequesterView,
} from '@salle/contracts';
import type { Caller } from '@salle/auth';
import { publicHolidayOn } from '../src/domain/calendar';
import { localDateOf, parisToday } from '../src/domain/time';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, beaurepaire, gymnasium, parisInstant, upcomingSaturday } from './fixtures';

type Problem = { code?: string; errors?: { field: string; message: string }[] };

describe('a request the collège enters for an organisation without an account, then claimed by its contact', () => {
  let api: BookingTestService;
  const tag = randomUUID().slice(0, 8);
  const contactEmail = `claire.${tag}@randonneurs.example`;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret });
  const otherManager = proConnectAgent({ siret: beaurepaire.siret });
  const member = franceConnectUser();
  const claimant = franceConnectUser({ displayName: 'Claire Martin' });
  let allevardId: string;
  let beaurepaireId: string;
  let gymId: string;
  let freeRoomId: string;
  let memberOrganisationId: string;
  let enteredId: string;
  let enteredBookingId: string;
  const saturday = upcomingSaturday(4, (date) => publicHolidayOn(date) !== null);

  const entered = (overrides: Parameters<typeof association>[0] = {}) =>
    association({
      name: 'Les Randonneurs du Bréda',
      rna: 'W381000555',
      contactName: 'Claire Martin',
      contactEmail,
      ...overrides,
    });
  const enterOrganisation = (who: Caller, establishmentId: string, body = entered()) =>
    api.as(who).post<OrganisationView & Problem>(`/establishments/${establishmentId}/entered-organisations`, body);
  const enterBooking = (who: Caller, hours: [string, string], extra: Record<string, unknown> = {}, at = allevardId) =>
    api.as(who).post<BookingView & Problem>(`/establishments/${at}/entered-bookings`, {
      spaceId: gymId,
      organisationId: enteredId,
      startsAt: parisInstant(saturday, hours[0]),
      endsAt: parisInstant(saturday, hours[1]),
      paymentChoice: 'counter',
      ...extra,
    });
  const outbox = async (type: string, aggregateId: string) =>
    (
      (await api.service.dataSource.query(
        `SELECT payload FROM booking.event_outbox WHERE type = $1 AND aggregate_id = $2 ORDER BY position`,
        [type, aggregateId],
      )) as { payload: Record<string, unknown> }[]
    ).map((row) => row.payload);

  /** The code an event carries, opened as the notification service does (the development key: none configured). */
  const openCode = (event: Record<string, unknown> | undefined) =>
    eventSecrets(DEVELOPMENT_EVENT_SECRET_KEY).open(String(event?.['sealedCode']), 'organisation.claim_code_requested');

  beforeAll(async () => {
    api = await startBookingTestService('staff-entered');
    allevardId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    beaurepaireId = (await api.as(admin).post<EstablishmentView>('/establishments', beaurepaire)).body.id;
    gymId = (await api.as(manager).post(`/establishments/${allevardId}/spaces`, gymnasium)).body['id'] as string;
    freeRoomId = (
      await api.as(manager).post(`/establishments/${allevardId}/spaces`, {
        ...gymnasium,
        name: 'Salle polyvalente',
        kind: 'multipurpose_hall',
      })
    ).body['id'] as string;
    for (const [spaceId, hourlyCents] of [
      [gymId, 1500],
      [freeRoomId, 0],
    ] as const) {
      await api.as(manager).put(`/spaces/${spaceId}/opening-rules`, {
        rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
      });
      await api.as(manager).put(`/spaces/${spaceId}/tariffs`, {
        tariffs: [
          { category: 'association', hourlyCents },
          { category: 'commune', hourlyCents },
        ],
      });
    }
    memberOrganisationId = (await api.as(member).post<OrganisationView>('/organisations', association())).body.id;
    await api.as(admin).post(`/organisations/${memberOrganisationId}/verify`);
  });
  afterAll(() => api?.stop());

  it('lets a manager create the record of an organisation without members, pending verification, recording who', async () => {
    const created = await enterOrganisation(manager, allevardId);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', contactEmail, name: 'Les Randonneurs du Bréda' });
    enteredId = created.body.id;
    const [row] = await api.service.dataSource.query(
      `SELECT created_by AS "createdBy", (SELECT count(*)::int FROM booking.membership WHERE organisation_id = o.id) AS members
         FROM booking.organisation o WHERE id = $1`,
      [enteredId],
    );
    expect(row).toEqual({ createdBy: manager.accountId, members: 0 });
    expect(await outbox('organisation.declared', enteredId)).toEqual([
      { organisationId: enteredId, organisationName: 'Les Randonneurs du Bréda' },
    ]);
    // The same uniqueness and validations as a declaration.
    expect((await enterOrganisation(manager, allevardId)).body).toMatchObject({ code: 'organisation_exists' });
    const invalid = await enterOrganisation(manager, allevardId, entered({ rna: 'W38', contactPhone: '06 00' }));
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.map((error) => error.field).sort()).toEqual(['contactPhone', 'rna']);
  });

  it('finds the organisation a person names by its number, for the collège’s staff only', async () => {
    const lookUp = (who: Caller, number: string, at = allevardId) =>
      api.as(who).get<OrganisationView & Problem>(`/establishments/${at}/organisation-lookup?number=${number}`);
    expect((await lookUp(manager, 'w381000555')).body).toMatchObject({ id: enteredId, status: 'pending' });
    expect((await lookUp(admin, 'W381000555', beaurepaireId)).body.id).toBe(enteredId);
    expect((await lookUp(manager, 'W381000999')).body).toMatchObject({ code: 'organisation_not_found' });
    expect((await lookUp(otherManager, 'W381000555')).status).toBe(403);
    expect((await lookUp(member, 'W381000555')).status).toBe(403);
    expect((await api.visitor.get(`/establishments/${allevardId}/organisation-lookup?number=W381000555`)).status).toBe(
      401,
    );
  });

  it('refuses the record to a manager of another collège, to members and to visitors; admins enter anywhere', async () => {
    const body = entered({ rna: 'W381000556' });
    expect((await enterOrganisation(otherManager, allevardId, body)).status).toBe(403);
    expect((await enterOrganisation(member, allevardId, body)).status).toBe(403);
    expect((await api.visitor.post(`/establishments/${allevardId}/entered-organisations`, body)).status).toBe(401);
    expect((await enterOrganisation(manager, randomUUID(), body)).status).toBe(403);
    expect((await enterOrganisation(admin, randomUUID(), body)).body).toMatchObject({
      code: 'establishment_not_found',
    });
    expect((await enterOrganisation(admin, beaurepaireId, body)).status).toBe(201);
  });

  it('enters a request on its behalf while its record is pending verification, approved in the same action and journalled as such', async () => {
    // The record the manager just created is still pending: having met the organisation, the manager vouches for it.
    const booking = await enterBooking(manager, ['08:00', '10:00'], { approve: true, message: 'Clés à l’accueil' });
    expect(booking.status).toBe(201);
    expect(booking.body).toMatchObject({
      organisationId: enteredId,
      enteredByStaff: true,
      paymentChoice: 'counter',
      decisionMessage: 'Clés à l’accueil',
      priceCents: 3000,
    });
    expect(booking.body.status).not.toBe('requested');
    enteredBookingId = booking.body.id;
    const rows = await api.service.dataSource.query(
      `SELECT actor_account_id AS actor, actor_role AS role, on_behalf_of AS "onBehalfOf", to_status AS "to"
         FROM booking.audit_entry WHERE booking_id = $1 ORDER BY id`,
      [enteredBookingId],
    );
    expect(rows).toEqual([
      { actor: manager.accountId, role: 'establishment_manager', onBehalfOf: enteredId, to: 'requested' },
      { actor: manager.accountId, role: 'establishment_manager', onBehalfOf: enteredId, to: booking.body.status },
    ]);
    const [stored] = await api.service.dataSource.query(
      `SELECT entered_by AS "enteredBy", requested_by AS "requestedBy" FROM booking.booking WHERE id = $1`,
      [enteredBookingId],
    );
    expect(stored).toEqual({ enteredBy: manager.accountId, requestedBy: manager.accountId });
    const details = await api.as(manager).get<BookingDetailsView>(`/bookings/${enteredBookingId}`);
    expect(details.body.history.map((entry) => entry.onBehalfOf)).toEqual([enteredId, enteredId]);
    const [record] = await api.service.dataSource.query(`SELECT status FROM booking.organisation WHERE id = $1`, [
      enteredId,
    ]);
    expect(record).toEqual({ status: 'pending' });

    expect((await api.as(admin).post(`/organisations/${enteredId}/verify`)).status).toBe(200);
    const requested = await enterBooking(admin, ['14:00', '15:00'], { paymentChoice: 'online' });
    expect(requested.body).toMatchObject({ status: 'requested', enteredByStaff: true, paymentChoice: 'online' });
  });

  it('refuses a rejected record even to the staff, and a member’s own request while the organisation is pending', async () => {
    const rejected = await enterOrganisation(
      manager,
      allevardId,
      entered({ name: 'Le Club écarté', rna: 'W381000561' }),
    );
    expect(rejected.status).toBe(201);
    const rejection = await api.as(admin).post(`/organisations/${rejected.body.id}/reject`, { reason: 'RNA inconnu' });
    expect(rejection.status).toBe(200);
    for (const who of [manager, admin]) {
      const refused = await enterBooking(who, ['12:00', '13:00'], { organisationId: rejected.body.id });
      expect(refused).toMatchObject({ status: 409, body: { code: 'organisation_not_verified' } });
    }

    // An organisation declared by its own member, not verified yet: its member may not book, the collège's staff may.
    const newcomer = franceConnectUser({ displayName: 'Paul Nouveau' });
    const declared = await api
      .as(newcomer)
      .post<OrganisationView>('/organisations', association({ name: 'Les Nouveaux Marcheurs', rna: 'W381000562' }));
    expect(declared.body.status).toBe('pending');
    const own = await api.as(newcomer).post<Problem>('/bookings', {
      spaceId: gymId,
      organisationId: declared.body.id,
      startsAt: parisInstant(saturday, '12:00'),
      endsAt: parisInstant(saturday, '13:00'),
    });
    expect(own).toMatchObject({ status: 409, body: { code: 'organisation_not_verified' } });
    // Insurance is still required of a record the staff vouch for.
    const uninsured = await api
      .as(newcomer)
      .post<OrganisationView>(
        '/organisations',
        association({ name: 'Les Marcheurs sans assurance', rna: 'W381000563', insuranceExpiresOn: parisToday() }),
      );
    const notCovered = await enterBooking(manager, ['12:00', '13:00'], { organisationId: uninsured.body.id });
    expect(notCovered).toMatchObject({ status: 409, body: { code: 'insurance_expired' } });
    const vouched = await enterBooking(manager, ['12:00', '13:00'], { organisationId: declared.body.id });
    expect(vouched.status).toBe(201);
    expect(vouched.body).toMatchObject({ organisationId: declared.body.id, status: 'requested', enteredByStaff: true });
  });

  it('applies the rules of a member’s request: grid, opening hours, conflicts, payment that fits', async () => {
    expect((await enterBooking(manager, ['09:00', '11:00'])).body).toMatchObject({ code: 'slot_unavailable' });
    expect((await enterBooking(manager, ['20:00', '21:00'])).body).toMatchObject({ code: 'slot_not_offered' });
    const invoice = await enterBooking(manager, ['16:00', '17:00'], { paymentChoice: 'invoice' });
    expect(invoice.status).toBe(400);
    expect(invoice.body.errors?.[0]?.field).toBe('paymentChoice');
  });

  it('refuses a wrong role, a manager of another collège, members and visitors', async () => {
    expect((await enterBooking(otherManager, ['16:00', '17:00'])).status).toBe(403);
    expect((await enterBooking(otherManager, ['16:00', '17:00'], {}, beaurepaireId)).body).toMatchObject({
      code: 'space_not_found',
    });
    expect((await enterBooking(member, ['16:00', '17:00'])).status).toBe(403);
    expect((await enterBooking(member, ['16:00', '17:00'], {}, beaurepaireId)).status).toBe(403);
    // A member of another organisation may not request for this one either.
    const asMember = await api.as(member).post<Problem>('/bookings', {
      spaceId: gymId,
      organisationId: enteredId,
      startsAt: parisInstant(saturday, '16:00'),
      endsAt: parisInstant(saturday, '17:00'),
    });
    expect(asMember.status).toBe(403);
    expect((await api.visitor.post(`/establishments/${allevardId}/entered-bookings`, {})).status).toBe(401);
  });

  it('lets the contact claim the record with the code sent to the contact’s e-mail, which makes them its owner', async () => {
    const started = await api.as(claimant).post<ContactClaimStartedView>('/contact-claims', { number: 'w381000555' });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      organisationName: 'Les Randonneurs du Bréda',
      channel: 'email',
      sentTo: 'c•••@randonneurs.example',
    });
    const [event] = await outbox('organisation.claim_code_requested', enteredId);
    const code = openCode(event);
    expect(code).toMatch(/^\d{6}$/);
    expect(event).toMatchObject({ organisationId: enteredId, channel: 'email', to: contactEmail });
    // The outbox (and so the stream) holds the code sealed only: no six digits anywhere in the row.
    const [raw] = (await api.service.dataSource.query(
      `SELECT payload::text AS payload FROM booking.event_outbox WHERE type = 'organisation.claim_code_requested' AND aggregate_id = $1`,
      [enteredId],
    )) as { payload: string }[];
    expect(raw?.payload).not.toContain(code);
    expect(raw?.payload).not.toMatch(/"code"/);
    const [stored] = await api.service.dataSource.query(
      `SELECT code_hash AS "hash" FROM booking.contact_claim_code WHERE organisation_id = $1`,
      [enteredId],
    );
    expect(stored.hash).not.toContain(code);

    const wrong = code === '000000' ? '000001' : '000000';
    const refused = await api
      .as(claimant)
      .post<Problem>('/contact-claims/confirm', { number: 'W381000555', code: wrong });
    expect(refused).toMatchObject({ status: 422, body: { code: 'claim_code_wrong' } });
    const claimed = await api
      .as(claimant)
      .post<OrganisationView>('/contact-claims/confirm', { number: 'W381000555', code });
    expect(claimed.status).toBe(200);
    expect(claimed.body.id).toBe(enteredId);
    const [organisation] = await api.service.dataSource.query(
      `SELECT claimed_by AS "claimedBy", claimed_at IS NOT NULL AS "at",
              (SELECT role FROM booking.membership WHERE organisation_id = o.id AND account_id = $2) AS role
         FROM booking.organisation o WHERE id = $1`,
      [enteredId, claimant.accountId],
    );
    expect(organisation).toEqual({ claimedBy: claimant.accountId, at: true, role: 'owner' });
    expect(await outbox('organisation.membership_changed', enteredId)).toEqual([
      { organisationId: enteredId, accountId: claimant.accountId, change: 'joined' },
    ]);
    // The bookings the collège entered are now theirs to follow.
    const bookings = await api.as(claimant).get<Page<BookingView>>(`/bookings?organisationId=${enteredId}`);
    expect(bookings.body.items.map((booking) => booking.id)).toContain(enteredBookingId);
    expect((await api.as(claimant).get(`/bookings/${enteredBookingId}`)).status).toBe(200);
    // Single use: the record is claimed now.
    const again = await api.as(franceConnectUser()).post<Problem>('/contact-claims', { number: 'W381000555' });
    expect(again).toMatchObject({ status: 409, body: { code: 'organisation_already_claimed' } });
    expect(
      (await api.as(claimant).post<Problem>('/contact-claims/confirm', { number: 'W381000555', code })).body,
    ).toMatchObject({ code: 'organisation_already_claimed' });
  });

  it('sends the code by SMS to the record’s mobile when the claimant chooses it, and refuses SMS without a mobile', async () => {
    const someone = franceConnectUser();
    const withMobile = await enterOrganisation(
      manager,
      allevardId,
      entered({ rna: 'W381000558', contactPhone: '06 12 34 56 78' }),
    );
    expect(withMobile.status).toBe(201);
    const started = await api
      .as(someone)
      .post<ContactClaimStartedView>('/contact-claims', { number: 'W381000558', channel: 'sms' });
    expect(started).toMatchObject({ status: 201, body: { channel: 'sms', sentTo: '+33•••••••78' } });
    const [event] = await outbox('organisation.claim_code_requested', withMobile.body.id);
    expect(event).toMatchObject({ channel: 'sms', to: '+33612345678' });
    const code = openCode(event);
    const claimed = await api
      .as(someone)
      .post<OrganisationView>('/contact-claims/confirm', { number: 'W381000558', code });
    expect(claimed.status).toBe(200);

    // A landline takes no SMS: the claimant is told to choose the e-mail.
    await enterOrganisation(manager, allevardId, entered({ rna: 'W381000559', contactPhone: '04 76 12 34 56' }));
    const landline = await api
      .as(franceConnectUser())
      .post<Problem>('/contact-claims', { number: 'W381000559', channel: 'sms' });
    expect(landline).toMatchObject({ status: 422, body: { code: 'claim_phone_missing' } });
    const unknownChannel = await api
      .as(franceConnectUser())
      .post<Problem>('/contact-claims', { number: 'W381000559', channel: 'pigeon' });
    expect(unknownChannel.status).toBe(400);
  });

  it('refuses each claim that cannot be made, in French with a stable code', async () => {
    const someone = franceConnectUser();
    const claim = (who: Caller, number: string) => api.as(who).post<Problem>('/contact-claims', { number });
    const confirm = (who: Caller, number: string, code: string) =>
      api.as(who).post<Problem>('/contact-claims/confirm', { number, code });
    const lastCode = async (organisationId: string) =>
      openCode((await outbox('organisation.claim_code_requested', organisationId)).at(-1));

    expect((await claim(proConnectAgent(), 'W381000556')).status).toBe(403);
    expect((await api.visitor.post('/contact-claims', { number: 'W381000556' })).status).toBe(401);
    expect((await claim(someone, 'W381000999')).body).toMatchObject({ code: 'contact_claim_not_found' });
    expect((await claim(someone, association().rna ?? '')).body).toMatchObject({ code: 'organisation_has_owners' });
    expect((await confirm(someone, 'W381000556', '123456')).body).toMatchObject({ code: 'claim_code_not_requested' });
    const noEmail = await enterOrganisation(
      manager,
      allevardId,
      entered({ rna: 'W381000557', contactEmail: undefined }),
    );
    expect((await claim(someone, 'W381000557')).body).toMatchObject({ code: 'claim_contact_missing' });
    expect(noEmail.status).toBe(201);

    const [second] = await api.service.dataSource.query(`SELECT id FROM booking.organisation WHERE rna = 'W381000556'`);
    expect((await claim(someone, 'W381000556')).status).toBe(201);
    await api.service.dataSource.query(
      `UPDATE booking.contact_claim_code SET expires_at = now() - interval '1 minute' WHERE organisation_id = $1`,
      [second.id],
    );
    const expired = await confirm(someone, 'W381000556', await lastCode(second.id));
    expect(expired).toMatchObject({ status: 410, body: { code: 'claim_code_expired' } });

    expect((await claim(someone, 'W381000556')).status).toBe(201);
    const code = await lastCode(second.id);
    const wrong = code === '000000' ? '000001' : '000000';
    const answers = [];
    for (let attempt = 0; attempt < 5; attempt += 1)
      answers.push((await confirm(someone, 'W381000556', wrong)).body.code);
    expect(answers).toEqual([...Array(4).fill('claim_code_wrong'), 'claim_code_attempts_exhausted']);
    expect((await confirm(someone, 'W381000556', code)).body).toMatchObject({ code: 'claim_code_attempts_exhausted' });

    expect((await claim(someone, 'W381000556')).status).toBe(201);
    const limited = await claim(someone, 'W381000556');
    expect(limited).toMatchObject({ status: 429, body: { code: 'claim_code_rate_limited' } });
    const [members] = await api.service.dataSource.query(
      `SELECT count(*)::int AS n FROM booking.membership WHERE organisation_id = $1`,
      [second.id],
    );
    expect(members.n).toBe(0);
  });

  describe('incidents noted by the collège', () => {
    let bookingId: string;
    let startDate: string;

    beforeAll(async () => {
      const requested = await api.as(member).post<BookingView>('/bookings', {
        spaceId: freeRoomId,
        organisationId: memberOrganisationId,
        startsAt: parisInstant(saturday, '10:00'),
        endsAt: parisInstant(saturday, '12:00'),
      });
      bookingId = requested.body.id;
      expect((await api.as(manager).post<BookingView>(`/bookings/${bookingId}/approve`)).body.status).toBe('confirmed');
    });

    const record = (who: Caller, occurredOn: string) =>
      api.as(who).post<IncidentView & Problem>(`/bookings/${bookingId}/incidents`, {
        occurredOn,
        severity: 'moderate',
        description: 'Clés rendues avec une journée de retard.',
      });

    it('is noted only once the booking has taken place, on a date between the booking and today', async () => {
      expect((await record(manager, parisToday())).body).toMatchObject({ code: 'incident_booking_not_begun' });
      // The session took place: the test moves it into the past, as time would.
      await api.service.dataSource.query(
        `UPDATE booking.booking SET starts_at = starts_at - interval '70 days', ends_at = ends_at - interval '70 days',
                blocked_until = blocked_until - interval '70 days' WHERE id = $1`,
        [bookingId],
      );
      const [row] = await api.service.dataSource.query(
        `SELECT starts_at AS "startsAt" FROM booking.booking WHERE id = $1`,
        [bookingId],
      );
      startDate = localDateOf(row.startsAt);
      expect((await record(manager, '2099-01-01')).body).toMatchObject({ code: 'incident_date_outside' });
      const noted = await record(manager, startDate);
      expect(noted.status).toBe(201);
      expect(noted.body).toMatchObject({
        occurredOn: startDate,
        severity: 'moderate',
        recordedByRole: 'establishment_manager',
      });
      const [stored] = await api.service.dataSource.query(
        `SELECT recorded_by AS "by" FROM booking.booking_incident WHERE id = $1`,
        [noted.body.id],
      );
      expect(stored.by).toBe(manager.accountId);
    });

    it('is refused to the organisation, another collège and visitors', async () => {
      expect((await record(member, startDate)).status).toBe(403);
      expect((await record(otherManager, startDate)).body).toMatchObject({ code: 'booking_not_found' });
      expect((await api.visitor.post(`/bookings/${bookingId}/incidents`, {})).status).toBe(401);
    });

    it('is shown to the collège in « Qui demande ? », to the organisation on its booking, never to another collège', async () => {
      const panel = await api
        .as(manager)
        .get<RequesterView>(`/establishments/${allevardId}/requesters/${memberOrganisationId}`);
      expect(panel.body.history.incidents).toEqual([
        expect.objectContaining({
          bookingId,
          severity: 'moderate',
          description: 'Clés rendues avec une journée de retard.',
        }),
      ]);
      const own = await api.as(member).get<{ items: IncidentView[] }>(`/bookings/${bookingId}/incidents`);
      expect(own.body.items).toHaveLength(1);
      expect(
        (await api.as(admin).get<{ items: IncidentView[] }>(`/bookings/${bookingId}/incidents`)).body.items,
      ).toHaveLength(1);
      expect((await api.as(otherManager).get(`/bookings/${bookingId}/incidents`)).status).toBe(404);
      expect((await api.as(claimant).get(`/bookings/${bookingId}/incidents`)).status).toBe(404);
      expect(
        (await api.as(otherManager).get(`/establishments/${beaurepaireId}/requesters/${memberOrganisationId}`)).status,
      ).toBe(404);
    });
  });

  it('forgets who entered, claimed and noted on an erasure, keeping the records', async () => {
    for (const who of [manager, claimant])
      expect((await api.as(admin).post(`/personal-data/${who.accountId}/erase`)).status).toBe(200);
    const [row] = await api.service.dataSource.query(
      `SELECT (SELECT count(*)::int FROM booking.booking WHERE entered_by = $1) +
              (SELECT count(*)::int FROM booking.organisation WHERE created_by = $1 OR claimed_by IN ($1, $2)) +
              (SELECT count(*)::int FROM booking.booking_incident WHERE recorded_by = $1) +
              (SELECT count(*)::int FROM booking.contact_claim_code WHERE account_id = $2) AS left`,
      [manager.accountId, claimant.accountId],
    );
    expect(row.left).toBe(0);
    const [entered] = await api.service.dataSource.query(
      `SELECT entered_by AS "enteredBy" FROM booking.booking WHERE id = $1`,
      [enteredBookingId],
    );
    expect(entered.enteredBy).toBe('00000000-0000-0000-0000-000000000000');
  });
});
