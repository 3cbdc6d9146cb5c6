import { randomUUID } from 'node:crypto';
import type { BookingFacts } from '../bookings/booking-facts';
import { parisWeekOf, reminderChanges } from './reminder-plan';

const HOUR = 3_600_000;
const leads = { paymentMs: 24 * HOUR, sessionMs: 48 * HOUR, decisionMs: 48 * HOUR };
const ids = { bookingId: randomUUID(), establishmentId: randomUUID(), organisationId: randomUUID() };
const slot = {
  ...ids,
  spaceId: randomUUID(),
  startsAt: '2026-03-10T18:00:00.000Z',
  endsAt: '2026-03-10T20:00:00.000Z',
};
const facts = (seriesId: string | null = null): BookingFacts => ({
  ...ids,
  seriesId,
  startsAt: new Date(slot.startsAt),
  endsAt: new Date(slot.endsAt),
  priceCents: 4500,
  organisationName: null,
  establishmentName: null,
  spaceName: null,
});
const at = (iso: string) => new Date(iso);

describe('reminderChanges', () => {
  it('schedules the collège’s decision reminder before the decision deadline, once per series', () => {
    const oneOff = reminderChanges(
      'booking.requested',
      { ...slot, seriesId: null, priceCents: 4500, decisionDueAt: '2026-02-20T12:00:00.000Z' },
      facts(),
      leads,
      at('2026-02-10T12:00:00.000Z'),
    );
    expect(oneOff.schedule).toEqual([
      {
        kind: 'decision_reminder',
        bookingId: ids.bookingId,
        dedupeKey: `booking:${ids.bookingId}`,
        dueAt: at('2026-02-18T12:00:00.000Z'),
        expiresAt: at('2026-02-20T12:00:00.000Z'),
        planned: { template: 'decision_reminder', audience: 'establishment', decideBy: '2026-02-20T12:00:00.000Z' },
      },
    ]);
    const seriesId = randomUUID();
    const series = reminderChanges(
      'booking.requested',
      { ...slot, seriesId, priceCents: 4500, decisionDueAt: '2026-02-20T12:00:00.000Z' },
      facts(seriesId),
      leads,
      at('2026-02-10T12:00:00.000Z'),
    );
    expect(series.schedule[0]?.dedupeKey).toBe(`series:${seriesId}`);
  });

  it('schedules nothing whose time has already passed when the event happened', () => {
    const late = reminderChanges(
      'booking.approved',
      { ...slot, priceCents: 4500, paymentDueAt: '2026-02-20T12:00:00.000Z' },
      facts(),
      leads,
      at('2026-02-19T13:00:00.000Z'),
    );
    expect(late).toEqual({ schedule: [], cancel: ['decision_reminder'] });
  });

  it('schedules the payment reminder at approval, the session reminder at confirmation, cancelling what no longer applies', () => {
    const approved = reminderChanges(
      'booking.approved',
      { ...slot, priceCents: 4500, paymentDueAt: '2026-02-20T12:00:00.000Z' },
      facts(),
      leads,
      at('2026-02-10T12:00:00.000Z'),
    );
    expect(approved.schedule.map((r) => [r.kind, r.dueAt.toISOString()])).toEqual([
      ['payment_reminder', '2026-02-19T12:00:00.000Z'],
    ]);
    expect(approved.cancel).toEqual(['decision_reminder']);
    const free = reminderChanges(
      'booking.approved',
      { ...slot, priceCents: 0, paymentDueAt: null },
      facts(),
      leads,
      at('2026-02-10T12:00:00.000Z'),
    );
    expect(free.schedule).toEqual([]);
    const confirmed = reminderChanges(
      'booking.confirmed',
      { ...slot, priceCents: 4500, paymentId: randomUUID() },
      facts(),
      leads,
      at('2026-02-10T12:00:00.000Z'),
    );
    expect(confirmed.schedule.map((r) => [r.kind, r.dueAt.toISOString(), r.expiresAt.toISOString()])).toEqual([
      ['session_reminder', '2026-03-08T18:00:00.000Z', '2026-03-10T18:00:00.000Z'],
    ]);
    expect(confirmed.cancel.sort()).toEqual(['decision_reminder', 'payment_reminder']);
    const paid = reminderChanges('payment.succeeded', {} as never, facts(), leads, at('2026-02-10T12:00:00.000Z'));
    expect(paid.cancel).toEqual(['payment_reminder']);
  });

  it('cancels every reminder of a booking refused, expired or cancelled', () => {
    for (const type of ['booking.refused', 'booking.expired', 'booking.cancelled'] as const)
      expect(reminderChanges(type, {} as never, facts(), leads, new Date()).cancel.sort()).toEqual([
        'decision_reminder',
        'payment_reminder',
        'session_reminder',
      ]);
  });

  it('gives each period’s payment reminder the sessions it covers, leaving out free ones', () => {
    const seriesId = randomUUID();
    const session = (day: number, priceCents: number) => ({
      bookingId: randomUUID(),
      startsAt: `2026-03-${day}T18:00:00.000Z`,
      endsAt: `2026-03-${day}T20:00:00.000Z`,
      priceCents,
    });
    const sessions = [session(10, 3000), session(17, 0), session(24, 3000), session(31, 3000)];
    const period = (key: string, first: number, dueAt: string) => ({
      key,
      label: key,
      amountCents: 3000,
      dueAt,
      firstBookingId: sessions[first]?.bookingId ?? '',
    });
    // The sessions each period's reminder lists, for an approval of the series with these periods.
    const remindedSessions = (periods: ReturnType<typeof period>[]) =>
      reminderChanges(
        'booking.approved',
        {
          ...slot,
          priceCents: 3000,
          paymentDueAt: '2026-03-01T12:00:00.000Z',
          seriesBatch: { seriesId, lead: true, sessions, periods },
        },
        facts(seriesId),
        leads,
        at('2026-02-10T12:00:00.000Z'),
      ).schedule.map(({ planned }) => ('series' in planned ? planned.series : undefined));
    const [p1, p2] = [period('p1', 0, '2026-03-01T12:00:00.000Z'), period('p2', 2, '2026-03-20T12:00:00.000Z')];
    expect(remindedSessions([p1, p2])).toEqual([
      { seriesId, periodLabel: 'p1', bookingIds: [sessions[0]?.bookingId] },
      { seriesId, periodLabel: 'p2', bookingIds: [sessions[2]?.bookingId, sessions[3]?.bookingId] },
    ]);
    // A next period starting with a session this batch does not list: each period keeps only its first session.
    const unknown = randomUUID();
    expect(remindedSessions([p1, { ...p2, firstBookingId: unknown }])).toEqual([
      { seriesId, periodLabel: 'p1', bookingIds: [sessions[0]?.bookingId] },
      { seriesId, periodLabel: 'p2', bookingIds: [unknown] },
    ]);
  });

  it('keys a weekly series’ session reminders by its week, in Paris time', () => {
    const seriesId = randomUUID();
    const confirmed = reminderChanges(
      'booking.confirmed',
      { ...slot, priceCents: 0, paymentId: null },
      facts(seriesId),
      leads,
      at('2026-02-10T12:00:00.000Z'),
    );
    expect(confirmed.schedule[0]?.dedupeKey).toBe(`series:${seriesId}:2026-03-09`);
    // Sunday 23:30 in Paris is still the week of Monday 2 March; Monday 00:30 starts the next one.
    expect(parisWeekOf(at('2026-03-08T22:30:00.000Z'))).toBe('2026-03-02');
    expect(parisWeekOf(at('2026-03-08T23:30:00.000Z'))).toBe('2026-03-09');
  });
});
