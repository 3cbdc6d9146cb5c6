import fc from 'fast-check';
import {
  periodDueAt,
  SERIES_PAYMENT_MODES,
  seriesPaymentSchedule,
  seriesPeriodOf,
  type ScheduledSession,
  type SeriesPaymentRule,
} from './series-payment-schedule';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const rule = (mode: SeriesPaymentRule['mode']): SeriesPaymentRule => ({ mode, paymentDeadlineHours: 72, leadDays: 14 });

/** A 20-session season: Thursdays 19:00 Paris from 3 September 2026, every other week. */
function season(): ScheduledSession[] {
  const first = Date.parse('2026-09-03T17:00:00Z');
  return Array.from({ length: 20 }, (_, i) => ({
    id: `s${i + 1}`,
    startsAt: new Date(first + i * 14 * DAY),
    priceCents: 3200,
  }));
}

describe('seriesPeriodOf', () => {
  it('names the school terms by calendar month, summer with the last term', () => {
    const term = (iso: string) => seriesPeriodOf('term', new Date(iso)).key;
    expect(term('2026-09-01T06:00:00Z')).toBe('2026-T1');
    expect(term('2026-12-31T20:00:00Z')).toBe('2026-T1');
    // 31 December 23:30 UTC is already 1 January in Paris.
    expect(term('2026-12-31T23:30:00Z')).toBe('2026-T2');
    expect(term('2027-03-31T18:00:00Z')).toBe('2026-T2');
    expect(term('2027-04-01T18:00:00Z')).toBe('2026-T3');
    expect(term('2027-08-31T18:00:00Z')).toBe('2026-T3');
    expect(seriesPeriodOf('term', new Date('2027-01-07T18:00:00Z')).label).toBe(
      '2e trimestre 2026-2027 (janvier à mars)',
    );
  });

  it('names months in French and the whole series once', () => {
    expect(seriesPeriodOf('month', new Date('2026-10-01T17:00:00Z'))).toEqual({
      key: '2026-10',
      label: 'Octobre 2026',
    });
    expect(seriesPeriodOf('whole', new Date('2026-10-01T17:00:00Z')).key).toBe('season');
  });
});

describe('seriesPaymentSchedule', () => {
  it('splits a 20-session season into three terms, each due before it begins', () => {
    const approvedAt = new Date('2026-08-20T10:00:00Z');
    const periods = seriesPaymentSchedule(season(), approvedAt, rule('term'));
    expect(periods.map((p) => [p.key, p.sessions.length, p.amountCents])).toEqual([
      ['2026-T1', 9, 28800],
      ['2026-T2', 6, 19200],
      ['2026-T3', 5, 16000],
    ]);
    // The first term: 72 hours after approval; later ones 14 days before their first session.
    expect(periods.map((p) => p.dueAt.toISOString())).toEqual([
      '2026-08-23T10:00:00.000Z',
      '2026-12-24T17:00:00.000Z',
      '2027-03-18T17:00:00.000Z',
    ]);
  });

  it('never makes a period due after its first session starts', () => {
    const soon = new Date('2026-09-03T17:00:00Z');
    expect(periodDueAt(soon, new Date('2026-09-02T17:00:00Z'), rule('whole'))).toEqual(soon);
  });

  const sessions = fc
    .array(
      fc.record({
        startsAt: fc.integer({ min: 0, max: 400 * 24 }),
        priceCents: fc.integer({ min: 0, max: 100_000 }),
      }),
      { minLength: 1, maxLength: 60 },
    )
    .map((items) => items.map((item, i) => ({ id: `s${i}`, startsAt: item.startsAt, priceCents: item.priceCents })));

  it('puts every session in exactly one period, sums to the series total and is due before each period', () => {
    fc.assert(
      fc.property(
        sessions,
        fc.constantFrom(...SERIES_PAYMENT_MODES),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 24 * 30 }),
        (items, mode, paymentDeadlineHours, leadDays, approvalHoursBefore) => {
          const origin = Date.parse('2026-08-15T00:00:00Z');
          const scheduled = items.map((s) => ({ ...s, startsAt: new Date(origin + s.startsAt * HOUR) }));
          const approvedAt = new Date(origin - approvalHoursBefore * HOUR);
          const periods = seriesPaymentSchedule(scheduled, approvedAt, { mode, paymentDeadlineHours, leadDays });

          const ids = periods.flatMap((p) => p.sessions.map((s) => s.id)).sort();
          expect(ids).toEqual(scheduled.map((s) => s.id).sort());
          const total = scheduled.reduce((sum, s) => sum + s.priceCents, 0);
          expect(periods.reduce((sum, p) => sum + p.amountCents, 0)).toBe(total);
          for (const period of periods) {
            const first = Math.min(...period.sessions.map((s) => s.startsAt.getTime()));
            expect(period.dueAt.getTime()).toBeLessThanOrEqual(first);
            expect(period.amountCents).toBe(period.sessions.reduce((sum, s) => sum + s.priceCents, 0));
            // Never sooner than the usual delay after approval, unless the period starts sooner.
            const minimum = approvedAt.getTime() + paymentDeadlineHours * HOUR;
            expect(period.dueAt.getTime()).toBeGreaterThanOrEqual(Math.min(minimum, first));
            for (const session of period.sessions) expect(seriesPeriodOf(mode, session.startsAt).key).toBe(period.key);
          }
          if (mode === 'whole') expect(periods).toHaveLength(1);
        },
      ),
    );
  });
});
