import { randomUUID } from 'node:crypto';
import type { BookingFacts } from '../bookings/booking-facts';
import { messagePlans } from './message-plan';

const ids = { bookingId: randomUUID(), establishmentId: randomUUID(), organisationId: randomUUID() };
const facts: BookingFacts = {
  ...ids,
  seriesId: null,
  startsAt: null,
  endsAt: null,
  priceCents: 4500,
  organisationName: null,
  establishmentName: null,
  spaceName: null,
};
const cancelled = { ...ids, refundPercent: 50, priceCents: 4500, reason: null };

describe('which messages an event calls for', () => {
  it('tells a series’ request and decisions once, by the lead, and nothing for the other sessions', () => {
    const seriesId = randomUUID();
    const slot = {
      ...ids,
      spaceId: randomUUID(),
      startsAt: '2026-03-03T18:00:00.000Z',
      endsAt: '2026-03-03T20:00:00.000Z',
    };
    const sessions = [{ bookingId: ids.bookingId, startsAt: slot.startsAt, endsAt: slot.endsAt, priceCents: 3000 }];
    const requested = { ...slot, seriesId, priceCents: 3000, decisionDueAt: '2026-02-20T12:00:00.000Z' };
    const summary = { seriesId, sessions, periods: [] };
    expect(
      messagePlans['booking.requested']?.({ ...requested, seriesBatch: { seriesId, lead: true, sessions } }, facts),
    ).toEqual([
      { template: 'request_received', audience: 'organisation', series: summary },
      { template: 'new_request', audience: 'establishment', series: summary },
    ]);
    expect(
      messagePlans['booking.requested']?.({ ...requested, seriesBatch: { seriesId, lead: false } }, facts),
    ).toEqual([]);
    // Written before the marker existed: each session told alone, as before.
    expect(messagePlans['booking.requested']?.(requested, facts)).toHaveLength(2);

    const periods = [
      {
        key: '2025-T2',
        label: '2e trimestre',
        amountCents: 2000,
        dueAt: '2026-02-20T12:00:00.000Z',
        firstBookingId: ids.bookingId,
      },
      {
        key: '2025-T3',
        label: '3e trimestre',
        amountCents: 1000,
        dueAt: '2026-04-01T12:00:00.000Z',
        firstBookingId: randomUUID(),
      },
    ];
    const approved = { ...slot, priceCents: 1000, paymentDueAt: '2026-02-20T12:00:00.000Z' };
    expect(
      messagePlans['booking.approved']?.(
        { ...approved, seriesBatch: { seriesId, lead: true, sessions, periods } },
        facts,
      ),
    ).toEqual([
      {
        template: 'approved_to_pay',
        audience: 'organisation',
        amountCents: 3000,
        payBy: '2026-02-20T12:00:00.000Z',
        series: { seriesId, sessions, periods },
      },
    ]);
    expect(messagePlans['booking.approved']?.({ ...approved, seriesBatch: { seriesId, lead: false } }, facts)).toEqual(
      [],
    );
    // Nothing to pay in the batch (free sessions are confirmed and told by booking.confirmed).
    expect(
      messagePlans['booking.approved']?.({ ...approved, seriesBatch: { seriesId, lead: true, sessions } }, facts),
    ).toEqual([]);

    const refused = { ...ids, reason: 'Travaux' };
    expect(
      messagePlans['booking.refused']?.({ ...refused, seriesBatch: { seriesId, lead: true, sessions } }, facts),
    ).toEqual([{ template: 'refused', audience: 'organisation', reason: 'Travaux', series: summary }]);
    expect(messagePlans['booking.refused']?.({ ...refused, seriesBatch: { seriesId, lead: false } }, facts)).toEqual(
      [],
    );
  });

  it('tells the collège once of a series’ period paid as one item, with the whole amount', () => {
    const paid = { ...ids, paymentId: randomUUID(), amountCents: 24_000, paidAt: '2026-02-01T10:00:00.000Z' };
    const period = { seriesId: randomUUID(), key: '2025-T2', sessionCount: 8 };
    const plan = messagePlans['payment.succeeded'];
    const received = {
      template: 'payment_received',
      audience: 'establishment',
      amountCents: 24_000,
      paidAt: paid.paidAt,
    };
    expect(plan?.({ ...paid, period: { ...period, lead: true } }, facts)).toEqual([received]);
    expect(plan?.({ ...paid, period: { ...period, lead: false } }, facts)).toEqual([]);
    expect(plan?.(paid, facts)).toEqual([received]);
  });

  it('tells the organisation of a cancellation by the collège with the refund its policy gives, only when the booking had been paid', () => {
    const plan = messagePlans['booking.cancelled'];
    expect(plan?.({ ...cancelled, cancelledBy: 'establishment', cancelledFrom: 'confirmed' }, facts)).toEqual([
      {
        template: 'cancelled_by_establishment',
        audience: 'organisation',
        by: 'establishment',
        reason: null,
        refundCents: 2250,
      },
    ]);
    // Before confirmation nothing was paid through the booking; a free one has nothing to refund. A département
    // admin's cancellation is told as theirs.
    expect(plan?.({ ...cancelled, cancelledBy: 'department', cancelledFrom: 'awaiting_payment' }, facts)).toEqual([
      {
        template: 'cancelled_by_establishment',
        audience: 'organisation',
        by: 'department',
        reason: null,
        refundCents: null,
      },
    ]);
    expect(plan?.({ ...cancelled, priceCents: 0, cancelledBy: 'establishment' }, facts)?.[0]).toMatchObject({
      refundCents: null,
    });
    // The organisation cancelled: the collège is told, not the organisation.
    expect(plan?.({ ...cancelled, cancelledBy: 'organisation', reason: 'Match reporté' }, facts)).toEqual([
      { template: 'cancelled_by_organisation', audience: 'establishment', reason: 'Match reporté' },
    ]);
  });

  it('tells sessions of a series cancelled in one action once, by the lead, refunding only those that had been paid', () => {
    const plan = messagePlans['booking.cancelled'];
    const seriesId = randomUUID();
    const session = (k: number, cancelledFrom: 'confirmed' | 'awaiting_payment', refundPercent: number) => ({
      bookingId: randomUUID(),
      startsAt: `2026-03-${10 + k}T18:00:00.000Z`,
      endsAt: `2026-03-${10 + k}T20:00:00.000Z`,
      priceCents: 3000,
      refundPercent,
      cancelledFrom,
    });
    const sessions = [session(0, 'confirmed', 100), session(7, 'confirmed', 50), session(14, 'awaiting_payment', 100)];
    const lead = {
      ...cancelled,
      cancelledBy: 'establishment' as const,
      seriesBatch: { seriesId, lead: true, sessions },
    };
    expect(plan?.(lead, facts)).toEqual([
      {
        template: 'cancelled_by_establishment',
        audience: 'organisation',
        by: 'establishment',
        reason: null,
        refundCents: 4500,
        series: { seriesId, sessions, periods: [] },
      },
    ]);
    // Nothing had been paid: no refund to state.
    const unpaid = sessions.map((each) => ({ ...each, cancelledFrom: 'approved' as const }));
    expect(plan?.({ ...lead, seriesBatch: { seriesId, lead: true, sessions: unpaid } }, facts)?.[0]).toMatchObject({
      refundCents: null,
    });
    expect(plan?.({ ...lead, seriesBatch: { seriesId, lead: false } }, facts)).toEqual([]);
    const confirmed = messagePlans['booking.confirmed'];
    const free = {
      ...ids,
      spaceId: randomUUID(),
      startsAt: sessions[0]?.startsAt ?? '',
      endsAt: sessions[0]?.endsAt ?? '',
    };
    const confirmation = { ...free, priceCents: 0, paymentId: null };
    expect(confirmed?.({ ...confirmation, seriesBatch: { seriesId, lead: false } }, facts)).toEqual([]);
    expect(confirmed?.({ ...confirmation, seriesBatch: { seriesId, lead: true, sessions } }, facts)?.[0]).toMatchObject(
      {
        template: 'confirmed_free',
        series: { seriesId, sessions },
      },
    );
  });

  it('asks for payment only for a priced approval, and confirms a free booking rather than asking for nothing', () => {
    const slot = {
      ...ids,
      spaceId: randomUUID(),
      startsAt: '2026-03-03T18:00:00.000Z',
      endsAt: '2026-03-03T20:00:00.000Z',
    };
    expect(messagePlans['booking.approved']?.({ ...slot, priceCents: 0, paymentDueAt: null }, facts)).toEqual([]);
    expect(
      messagePlans['booking.approved']?.(
        { ...slot, priceCents: 4500, paymentDueAt: '2026-02-23T16:30:00.000Z' },
        facts,
      ),
    ).toEqual([
      { template: 'approved_to_pay', audience: 'organisation', amountCents: 4500, payBy: '2026-02-23T16:30:00.000Z' },
    ]);
    // A request the collège entered says how the organisation will pay; a member's says nothing of it.
    expect(
      messagePlans['booking.approved']?.(
        { ...slot, priceCents: 4500, paymentDueAt: '2026-02-23T16:30:00.000Z', paymentChoice: 'counter' },
        facts,
      ),
    ).toEqual([
      {
        template: 'approved_to_pay',
        audience: 'organisation',
        amountCents: 4500,
        payBy: '2026-02-23T16:30:00.000Z',
        paymentChoice: 'counter',
      },
    ]);
    // Events of booking services older than the confirmation details carry none.
    const none = { calendarPath: null, accessInstructions: null };
    expect(messagePlans['booking.confirmed']?.({ ...slot, priceCents: 0, paymentId: null }, facts)).toEqual([
      { template: 'confirmed_free', audience: 'organisation', ...none },
    ]);
    const confirmation = {
      calendarPath: `/calendars/organisations/${'ab'.repeat(32)}.ics`,
      accessInstructions: { keys: 'À la loge', alarm: '', caretakerContact: 'M. Roux' },
    };
    expect(
      messagePlans['booking.confirmed']?.({ ...slot, priceCents: 4500, paymentId: randomUUID(), confirmation }, facts),
    ).toEqual([{ template: 'payment_confirmed', audience: 'organisation', amountCents: 4500, ...confirmation }]);
  });

  it('says nothing of the events no party needs to hear about', () => {
    expect(messagePlans['payment.checkout_opened']).toBeUndefined();
    expect(messagePlans['payment.failed']).toBeUndefined();
    expect(
      messagePlans['payment.refunded']?.(
        {
          paymentId: randomUUID(),
          bookingId: ids.bookingId,
          establishmentId: ids.establishmentId,
          refundId: randomUUID(),
          amountCents: 0,
          refundPercent: 0,
        },
        facts,
      ),
    ).toEqual([]);
  });
});
