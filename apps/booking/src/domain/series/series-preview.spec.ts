import { loadSchoolCalendar } from '../calendar';
import type { OpeningRules } from '../availability/opening-rules';
import { interval } from '../time/interval-set';
import { previewSeries } from './series-preview';
import type { WeeklySeriesSpec } from './weekly-series';
import { parseLocalDate, parseLocalTime } from '../time';

const { calendar } = loadSchoolCalendar();
const zoneA = calendar.forZone('A');
const rules: OpeningRules = {
  weeklyWindows: [{ weekdays: [1, 2, 3, 4, 5], start: parseLocalTime('18:00'), end: parseLocalTime('22:00') }],
  closures: [
    { start: new Date('2026-11-24T00:00:00Z'), end: new Date('2026-11-27T00:00:00Z'), reason: 'Travaux de peinture' },
  ],
};
// Wednesdays 19:00-21:00 from 7 October to 2 December 2026 (Toussaint holidays 17 Oct - 1 Nov, 11 Nov public holiday).
const autumn: WeeklySeriesSpec = {
  firstDate: parseLocalDate('2026-10-07'),
  startTime: parseLocalTime('19:00'),
  durationMinutes: 120,
  weekdays: [3],
  until: parseLocalDate('2026-12-02'),
};
const states = (list: ReturnType<typeof previewSeries>) => list.map((item) => [item.date, item.state]);

describe('previewSeries', () => {
  it('marks each occurrence free, closed or skipped as asked', () => {
    const preview = previewSeries(autumn, rules, zoneA, { skipSchoolHolidays: true, skipPublicHolidays: true });
    expect(states(preview)).toEqual([
      ['2026-10-07', 'free'],
      ['2026-10-14', 'free'],
      ['2026-10-21', 'skipped'],
      ['2026-10-28', 'skipped'],
      ['2026-11-04', 'free'],
      ['2026-11-11', 'skipped'],
      ['2026-11-18', 'free'],
      ['2026-11-25', 'closed'],
      ['2026-12-02', 'free'],
    ]);
    expect(preview[2]).toMatchObject({
      reason: 'school_holiday',
      message: 'Séance du mercredi 21 octobre 2026 non programmée\u00a0: Vacances de la Toussaint.',
    });
    expect(preview[5]).toMatchObject({ reason: 'public_holiday', message: expect.stringContaining('Armistice 1918') });
    expect(preview[7]).toMatchObject({
      state: 'closed',
      reasons: [{ code: 'closure', message: expect.stringContaining('Travaux de peinture') }],
    });
  });

  it('reports public holidays as closed when they are not skipped, and closures as skipped on request', () => {
    const preview = previewSeries(autumn, rules, zoneA, { skipClosures: true });
    expect(preview.find((item) => item.date === '2026-11-11')).toMatchObject({
      state: 'closed',
      reasons: [{ code: 'public_holiday' }],
    });
    expect(preview.find((item) => item.date === '2026-11-25')).toMatchObject({ state: 'skipped', reason: 'closure' });
    expect(preview.find((item) => item.date === '2026-10-21')).toMatchObject({ state: 'free' });
  });

  it('finds conflicts with existing bookings, the turnaround buffer included on both sides', () => {
    const busy = [
      interval('2026-10-07T19:00:00Z', '2026-10-07T20:00:00Z'), // 21:00-22:00 local, right after the 7 Oct occurrence
      interval('2026-11-04T17:00:00Z', '2026-11-04T18:30:00Z'), // 18:00-19:30 local (CET), overlaps 4 Nov
    ];
    const withoutBuffer = previewSeries(autumn, rules, zoneA, { busy });
    expect(withoutBuffer[0].state).toBe('free');
    expect(withoutBuffer.find((item) => item.date === '2026-11-04')).toMatchObject({
      state: 'conflict',
      conflicts: [busy[1]],
    });

    const withBuffer = previewSeries(autumn, rules, zoneA, { busy, bufferMinutes: 15 });
    expect(withBuffer[0]).toMatchObject({
      state: 'conflict',
      conflicts: [busy[0]],
      message: expect.stringContaining('15 min'),
    });
    const touching = [interval('2026-10-14T19:15:00Z', '2026-10-14T20:00:00Z')]; // starts exactly 15 min after 21:00 local
    expect(previewSeries(autumn, rules, zoneA, { busy: touching, bufferMinutes: 15 })[1].state).toBe('free');
  });

  it('refuses to guess holidays beyond the published calendar when asked to skip them', () => {
    const summer2028: WeeklySeriesSpec = {
      firstDate: parseLocalDate('2028-06-26'),
      startTime: parseLocalTime('19:00'),
      durationMinutes: 120,
      weekdays: [1],
      count: 3,
    };
    const preview = previewSeries(summer2028, rules, zoneA, { skipSchoolHolidays: true });
    expect(states(preview)).toEqual([
      ['2028-06-26', 'free'],
      ['2028-07-03', 'free'],
      ['2028-07-10', 'closed'],
    ]);
    expect(preview[2]).toMatchObject({ reasons: [{ code: 'school_calendar_unknown' }] });
    expect(previewSeries(summer2028, rules, zoneA)[2].state).toBe('free');
  });

  it('checks notice against now', () => {
    const preview = previewSeries(autumn, { ...rules, minNoticeMinutes: 7 * 24 * 60 }, zoneA, {
      now: new Date('2026-10-05T12:00:00Z'),
    });
    expect(preview[0]).toMatchObject({ state: 'closed', reasons: [{ code: 'min_notice' }] });
    expect(preview[1].state).toBe('free');
  });
});
