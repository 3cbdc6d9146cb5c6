import fc from 'fast-check';
import { RRule } from 'rrule';
import { runTypescriptSync } from '@salle/testing';
import { addDays, daysBetween, weekdayOf, type Weekday } from '@salle/french-calendar';
import { localTimeOf } from '../time/paris-time';
import {
  expandWeeklySeries,
  MAX_SERIES_OCCURRENCES,
  validateWeeklySeries,
  weeklySeriesFromRRule,
  type WeeklySeriesSpec,
} from './weekly-series';
import { parseLocalDate, parseLocalTime, type LocalTime } from '../time';

const season: WeeklySeriesSpec = {
  firstDate: parseLocalDate('2026-09-03'),
  startTime: parseLocalTime('19:00'),
  durationMinutes: 120,
  weekdays: [4],
  until: parseLocalDate('2027-06-24'),
};

describe('expandWeeklySeries', () => {
  it('keeps a Thursday 19:00-21:00 slot at 19:00 Paris time across both DST changes', () => {
    const occurrences = expandWeeklySeries(season);
    expect(occurrences).toHaveLength(43);
    expect(occurrences[0].date).toBe('2026-09-03');
    expect(occurrences[occurrences.length - 1].date).toBe('2027-06-24');
    const byDate = new Map(occurrences.map((item) => [item.date, [item.start.toISOString(), item.end.toISOString()]]));
    expect(byDate.get(parseLocalDate('2026-10-22'))).toEqual(['2026-10-22T17:00:00.000Z', '2026-10-22T19:00:00.000Z']);
    expect(byDate.get(parseLocalDate('2026-10-29'))).toEqual(['2026-10-29T18:00:00.000Z', '2026-10-29T20:00:00.000Z']);
    expect(byDate.get(parseLocalDate('2027-03-25'))).toEqual(['2027-03-25T18:00:00.000Z', '2027-03-25T20:00:00.000Z']);
    expect(byDate.get(parseLocalDate('2027-04-01'))).toEqual(['2027-04-01T17:00:00.000Z', '2027-04-01T19:00:00.000Z']);
    for (const item of occurrences) {
      expect(localTimeOf(item.start)).toBe('19:00');
      expect(localTimeOf(item.end)).toBe('21:00');
    }
  });

  it('handles several weekdays, an interval and a count, starting on the first matching day', () => {
    const occurrences = expandWeeklySeries({
      firstDate: parseLocalDate('2026-10-21'), // a Wednesday
      startTime: parseLocalTime('18:30'),
      durationMinutes: 90,
      weekdays: [1, 3],
      interval: 2,
      count: 5,
    });
    expect(occurrences.map((item) => item.date)).toEqual([
      '2026-10-21',
      '2026-11-02',
      '2026-11-04',
      '2026-11-16',
      '2026-11-18',
    ]);
  });

  it('includes the UNTIL date itself and nothing after it', () => {
    const occurrences = expandWeeklySeries({ ...season, until: parseLocalDate('2026-09-17') });
    expect(occurrences.map((item) => item.date)).toEqual(['2026-09-03', '2026-09-10', '2026-09-17']);
  });

  it('moves a start inside the spring-forward gap one hour later on that day only', () => {
    const occurrences = expandWeeklySeries({
      firstDate: parseLocalDate('2027-03-21'),
      startTime: parseLocalTime('02:30'),
      durationMinutes: 60,
      weekdays: [7],
      count: 3,
    });
    expect(occurrences.map((item) => localTimeOf(item.start))).toEqual(['02:30', '03:30', '02:30']);
    expect(occurrences[1].start.toISOString()).toBe('2027-03-28T01:30:00.000Z');
  });

  it('gives the same instants whatever the time zone of the host process, unlike rrule with tzid', () => {
    const script = (body: string) => runTypescriptSync(body, { ...process.env, TZ: 'America/New_York' });
    const ours = script(
      `const { expandWeeklySeries } = require('./apps/booking/src/domain/series/weekly-series');
       process.stdout.write(JSON.stringify(expandWeeklySeries(${JSON.stringify({ ...season, count: 12, until: undefined })}).map((o) => o.start)));`,
    );
    expect(ours.status).toBe(0);
    const local = expandWeeklySeries({ ...season, count: 12, until: undefined }).map((item) =>
      item.start.toISOString(),
    );
    expect(JSON.parse(ours.stdout)).toEqual(local);

    // rrule's tzid option: the same rule yields different instants in a New York process than here (UTC).
    const rule = `new (require('rrule').RRule)({ freq: 2, byweekday: [6], dtstart: new Date(Date.UTC(2026, 2, 22, 19)), tzid: 'Europe/Paris', count: 2 })`;
    const there = script(`process.stdout.write(JSON.stringify(${rule}.all()))`);
    const here = new RRule({
      freq: RRule.WEEKLY,
      byweekday: [RRule.SU],
      dtstart: new Date(Date.UTC(2026, 2, 22, 19)),
      tzid: 'Europe/Paris',
      count: 2,
    }).all();
    expect(JSON.parse(there.stdout)).not.toEqual(JSON.parse(JSON.stringify(here)));
  });

  it('refuses incomplete or unbounded specs with French messages', () => {
    expect(validateWeeklySeries({ ...season, until: undefined })).toEqual({
      ok: false,
      message: 'Indiquez soit une date de fin, soit un nombre de séances.',
    });
    expect(validateWeeklySeries({ ...season, count: 3 })).toMatchObject({ ok: false });
    expect(validateWeeklySeries({ ...season, weekdays: [] })).toMatchObject({
      ok: false,
      message: 'Choisissez au moins un jour de la semaine.',
    });
    expect(validateWeeklySeries({ ...season, until: parseLocalDate('2026-09-01') })).toMatchObject({ ok: false });
    expect(validateWeeklySeries({ ...season, durationMinutes: 0 })).toMatchObject({ ok: false });
    expect(validateWeeklySeries({ ...season, until: undefined, count: MAX_SERIES_OCCURRENCES + 1 })).toMatchObject({
      ok: false,
    });
    // Unparsed on purpose: the expansion must still refuse a malformed time.
    expect(() => expandWeeklySeries({ ...season, startTime: '7h' as LocalTime })).toThrow(RangeError);
  });

  it('stops at MAX_SERIES_OCCURRENCES even for a long UNTIL', () => {
    const occurrences = expandWeeklySeries({
      ...season,
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      until: parseLocalDate('2030-01-01'),
    });
    expect(occurrences).toHaveLength(MAX_SERIES_OCCURRENCES);
  });

  it('property: strictly increasing, local start time and duration kept, within COUNT and UNTIL', () => {
    const spec = fc.record({
      firstDate: fc.integer({ min: 0, max: 900 }).map((offset) => addDays(parseLocalDate('2025-09-01'), offset)),
      hour: fc.integer({ min: 0, max: 23 }).filter((hour) => hour !== 2), // 02:xx does not exist once a year
      minute: fc.constantFrom(0, 15, 30, 45),
      durationMinutes: fc.integer({ min: 15, max: 600 }),
      weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }) as fc.Arbitrary<
        Weekday[]
      >,
      interval: fc.integer({ min: 1, max: 4 }),
      bound: fc.oneof(
        fc.integer({ min: 1, max: 120 }).map((count) => ({ count })),
        fc.integer({ min: 0, max: 500 }).map((days) => ({ untilDays: days })),
      ),
    });
    fc.assert(
      fc.property(spec, ({ firstDate, hour, minute, durationMinutes, weekdays, interval, bound }) => {
        const startTime = parseLocalTime(`${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);
        const until = 'untilDays' in bound ? addDays(firstDate, bound.untilDays) : undefined;
        const occurrences = expandWeeklySeries({
          firstDate,
          startTime,
          durationMinutes,
          weekdays,
          interval,
          ...('count' in bound ? { count: bound.count } : { until }),
        });
        if ('count' in bound) expect(occurrences.length).toBeLessThanOrEqual(bound.count);
        const firstMonday = addDays(firstDate, 1 - weekdayOf(firstDate));
        occurrences.forEach((item, index) => {
          if (index > 0) expect(item.start.getTime()).toBeGreaterThan(occurrences[index - 1].start.getTime());
          expect(localTimeOf(item.start)).toBe(startTime);
          expect(item.end.getTime() - item.start.getTime()).toBe(durationMinutes * 60_000);
          expect(item.date >= firstDate).toBe(true);
          if (until) expect(item.date <= until).toBe(true);
          expect(weekdays).toContain(weekdayOf(item.date));
          expect(Math.floor(daysBetween(firstMonday, item.date) / 7) % interval).toBe(0);
        });
      }),
      { numRuns: 150 },
    );
  });
});

describe('weeklySeriesFromRRule', () => {
  const base = { firstDate: parseLocalDate('2026-09-03'), startTime: parseLocalTime('19:00'), durationMinutes: 120 };

  it('reads FREQ=WEEKLY with BYDAY, INTERVAL and UNTIL or COUNT', () => {
    expect(weeklySeriesFromRRule('RRULE:FREQ=WEEKLY;BYDAY=TU,TH;INTERVAL=2;UNTIL=20270624', base)).toEqual({
      ok: true,
      spec: { ...base, weekdays: [2, 4], interval: 2, until: '2027-06-24' },
    });
    expect(weeklySeriesFromRRule('FREQ=WEEKLY;COUNT=10', base)).toEqual({
      ok: true,
      spec: { ...base, weekdays: [4], count: 10 },
    });
  });

  it('reads a UTC UNTIL as its Paris date', () => {
    const result = weeklySeriesFromRRule('FREQ=WEEKLY;BYDAY=TH;UNTIL=20270624T221500Z', base);
    expect(result).toMatchObject({ ok: true, spec: { until: '2027-06-25' } });
  });

  it('refuses other frequencies, ranked days, unsupported parts and missing bounds', () => {
    expect(weeklySeriesFromRRule('FREQ=DAILY;COUNT=3', base)).toMatchObject({
      ok: false,
      message: expect.stringContaining('hebdomadaires'),
    });
    expect(weeklySeriesFromRRule('FREQ=WEEKLY;BYDAY=1MO;COUNT=3', base)).toMatchObject({ ok: false });
    expect(weeklySeriesFromRRule('FREQ=WEEKLY;BYMONTH=1;COUNT=3', base)).toMatchObject({
      ok: false,
      message: expect.stringContaining('BYMONTH'),
    });
    expect(weeklySeriesFromRRule('FREQ=WEEKLY;BYDAY=MO', base)).toMatchObject({ ok: false });
    expect(weeklySeriesFromRRule('FREQ=WEEKLY;COUNT=x', base)).toMatchObject({ ok: false });
    expect(weeklySeriesFromRRule('FREQ=WEEKLY;UNTIL=2027', base)).toMatchObject({ ok: false });
    // Not a date, in either form: refused with a message, never thrown (a UTC one once threw).
    expect(weeklySeriesFromRRule('FREQ=WEEKLY;UNTIL=20271340', base)).toMatchObject({
      ok: false,
      message: 'La date de fin de la série doit suivre sa date de début.',
    });
    expect(weeklySeriesFromRRule('FREQ=WEEKLY;UNTIL=20271340T120000Z', base)).toMatchObject({
      ok: false,
      message: 'La date de fin de la série doit suivre sa date de début.',
    });
  });
});
