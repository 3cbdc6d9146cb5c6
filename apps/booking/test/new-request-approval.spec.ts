import type { EstablishmentView, OrganisationView } from '@salle/contracts';
import { randomUUID } from 'node:crypto';
import { BookingLifecycle, SYSTEM, type ConventionSigningMode } from '../src/bookings/booking-lifecycle';
import { labelsOf } from '../src/bookings/booking-view';
import { loadRequestParties } from '../src/bookings/request-parties';
import { transactionOf } from '../src/bookings/space-lock';
import { quote, tariffOf } from '../src/domain/pricing';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, gymnasium } from './fixtures';

/**
 * The approval of a new one-off request on a space without approval takes a short way
 * (`approveNewRequestUnlessApprovalRequired`: no reads, one statement) instead of `apply`. This proves the two
 * write the same thing: the same booking columns, audit entry and event, in every signing mode, with and
 * without a payout account, a public payer, a price.
 */
describe('approval of a new request on a space without approval', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret });
  const member = franceConnectUser();
  let establishmentId: string;
  let spaceId: string;
  const organisations: Record<'association' | 'commune', string> = { association: '', commune: '' };
  let day = 0;

  beforeAll(async () => {
    api = await startBookingTestService('new_request_approval');
    establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    spaceId = (
      await api.as(manager).post(`/establishments/${establishmentId}/spaces`, { ...gymnasium, approvalRequired: false })
    ).body['id'] as string;
    for (const [kind, overrides] of [
      ['association', {}],
      ['commune', { name: 'Mairie', kind: 'commune', rna: undefined, siren: '213800063' }],
    ] as const) {
      const created = await api.as(member).post<OrganisationView>('/organisations', association(overrides));
      await api.as(admin).post(`/organisations/${created.body.id}/verify`);
      organisations[kind] = created.body.id;
    }
  });
  afterAll(() => api.stop());

  /** Two drafts of the same request on two far days, one approved each way, in one transaction. */
  async function approveBothWays(
    signing: ConventionSigningMode,
    kind: 'association' | 'commune',
    hourlyCents: number,
  ): Promise<[string, string]> {
    const lifecycle = new BookingLifecycle({ decisionDays: 10, paymentDeadlineHours: 72, conventionSigning: signing });
    const now = new Date();
    return api.service.dataSource.transaction(async (manager) => {
      const ids: string[] = [];
      for (const way of ['apply', 'new'] as const) {
        day += 1;
        const startsAt = new Date(Date.UTC(2031, 0, 1 + day, 17));
        const endsAt = new Date(startsAt.getTime() + 3_600_000);
        const parties = await loadRequestParties(transactionOf(manager), {
          organisationId: organisations[kind],
          spaceId,
          from: startsAt,
          to: endsAt,
        });
        const { organisation, space, establishment } = parties;
        if (!organisation || !space || !establishment) throw new Error('parties not found');
        const price = quote(
          tariffOf([{ category: kind, hourlyCents, halfDayCents: null, dayCents: null, depositCents: 0 }]),
          kind,
          startsAt,
          endsAt,
        );
        if (!price.ok) throw new Error('no price');
        const booking = lifecycle.draftRequest({
          space,
          organisation,
          startsAt,
          endsAt,
          price,
          seriesId: null,
          purpose: 'Répétition',
          attendees: null,
          requestedBy: member.accountId,
          now,
          publicPayer: kind === 'commune' ? { siret: '21380006300015', engagementNumber: 'EJ-42' } : null,
        });
        const journal = { accountId: member.accountId, role: 'organisation_member' } as const;
        const labels = labelsOf({ space, establishment, organisation });
        await lifecycle.insertRequest(manager, booking, { labels, organisation }, journal, 'request-1');
        if (way === 'apply')
          await lifecycle.apply(manager, booking, 'approve', { ...SYSTEM, now, requestId: 'request-1' });
        else
          await lifecycle.approveNewRequestUnlessApprovalRequired(
            manager,
            booking,
            space,
            { establishment, labels },
            now,
            'request-1',
          );
        ids.push(booking.id);
      }
      return ids as [string, string];
    });
  }

  /** What was written for a booking, less what differs by construction (its id and slot). */
  async function written(bookingId: string) {
    const query = api.service.dataSource.query.bind(api.service.dataSource);
    const [booking] = await query(
      `SELECT status, expires_at, processing_payment_id, paid_by_payment_id, convention_due_at, convention_overdue_at,
              decided_by, decision_message, refusal_reason, updated_at, version, price_cents, public_payer
         FROM booking.booking WHERE id = $1`,
      [bookingId],
    );
    const audit = await query(
      `SELECT actor_account_id, actor_role, from_status, to_status, reason, on_behalf_of
         FROM booking.audit_entry WHERE booking_id = $1 ORDER BY id`,
      [bookingId],
    );
    const events = (
      await query(
        `SELECT type, version, payload, request_id FROM booking.event_outbox WHERE aggregate_id = $1 ORDER BY position`,
        [bookingId],
      )
    ).map((event: { payload: Record<string, unknown> }) => {
      const { bookingId: _id, startsAt: _start, endsAt: _end, ...payload } = event.payload;
      return { ...event, payload };
    });
    return { booking, audit, events };
  }

  const cases: [ConventionSigningMode, boolean, 'association' | 'commune', number][] = [];
  for (const signing of ['off', 'before_payment', 'after_payment'] as const)
    for (const payoutReady of [false, true])
      for (const [kind, hourlyCents] of [
        ['association', 1500],
        ['association', 0],
        ['commune', 2000],
      ] as const)
        cases.push([signing, payoutReady, kind, hourlyCents]);

  it.each(cases)(
    'signing %s, payout account ready %s, %s at %i cents an hour: the same booking, audit entries and events',
    async (signing, payoutReady, kind, hourlyCents) => {
      await api.service.dataSource.query(`UPDATE booking.establishment SET payout_ready = $2 WHERE id = $1`, [
        establishmentId,
        payoutReady,
      ]);
      const [byApply, byNewWay] = await approveBothWays(signing, kind, hourlyCents);
      const expected = await written(byApply);
      expect(expected.booking.status).not.toBe('requested');
      expect(expected.audit.map((entry: { to_status: string }) => entry.to_status)).toEqual([
        'requested',
        expected.booking.status,
      ]);
      expect(await written(byNewWay)).toEqual(expected);
    },
  );

  it('leaves a request on a space that needs approval as it is', async () => {
    const lifecycle = new BookingLifecycle({ decisionDays: 10, paymentDeadlineHours: 72 });
    const unknown = { id: randomUUID() } as never;
    await api.service.dataSource.transaction(async (manager) => {
      await expect(
        lifecycle.approveNewRequestUnlessApprovalRequired(
          manager,
          unknown,
          { approvalRequired: true },
          unknown,
          new Date(),
        ),
      ).resolves.toBeUndefined();
    });
  });
});
