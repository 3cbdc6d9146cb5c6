import {
  addDays,
  daysBetween,
  formatDate,
  formatDateTime,
  formatDuration,
  formatMonth,
  formatShortDate,
  formatSlot,
  formatTime,
  formatTimeRange,
  isoWeekday,
  mondayOf,
  parisDateOf,
  parisInstant,
  parisIso,
  parisOffsetMinutes,
  parisTimeOf,
  todayInParis,
} from './paris-time';

// The test process runs in UTC unless told otherwise; every expectation below is Paris time regardless.
const nb = (text: string) => text.replace(/~/g, '\u00a0');

describe('Paris time', () => {
  it('reads instants as Paris wall-clock dates and times, winter and summer', () => {
    expect(parisDateOf('2026-03-02T23:30:00Z')).toBe('2026-03-03');
    expect(parisTimeOf('2026-03-02T17:00:00Z')).toBe('18:00');
    expect(parisTimeOf('2026-07-01T17:00:00Z')).toBe('19:00');
    expect(parisOffsetMinutes(new Date('2026-01-15T12:00:00Z'))).toBe(60);
    expect(parisOffsetMinutes(new Date('2026-07-15T12:00:00Z'))).toBe(120);
    expect(todayInParis(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('turns a Paris date and time into the right instant, across both clock changes', () => {
    expect(parisInstant('2026-03-02', '18:00').toISOString()).toBe('2026-03-02T17:00:00.000Z');
    expect(parisInstant('2026-07-01', '19:00').toISOString()).toBe('2026-07-01T17:00:00.000Z');
    // A weekly 19:00 stays 19:00 on both sides of the October change.
    expect(parisInstant('2026-10-22', '19:00').toISOString()).toBe('2026-10-22T17:00:00.000Z');
    expect(parisInstant('2026-10-29', '19:00').toISOString()).toBe('2026-10-29T18:00:00.000Z');
    // 02:30 happens twice on 25 October 2026: the first (summer-time) one is chosen.
    expect(parisInstant('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(parisInstant('2026-10-25', '03:30').toISOString()).toBe('2026-10-25T02:30:00.000Z');
    // 02:30 does not exist on 29 March 2026: the clock moves it to 03:30 summer time.
    expect(parisInstant('2026-03-29', '02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(parisInstant('2026-03-29', '03:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(parisInstant('2026-03-29', '01:30').toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(() => parisInstant('2026-3-2', '18:00')).toThrow(RangeError);
  });

  it('writes ISO instants with the explicit Paris offset the API asks for', () => {
    expect(parisIso('2026-03-02', '18:00')).toBe('2026-03-02T18:00:00+01:00');
    expect(parisIso('2026-07-01', '09:15')).toBe('2026-07-01T09:15:00+02:00');
    expect(Date.parse(parisIso('2026-10-29', '19:00'))).toBe(Date.parse('2026-10-29T18:00:00Z'));
  });

  it('does calendar arithmetic on local dates', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(isoWeekday('2026-03-02')).toBe(1);
    expect(isoWeekday('2026-03-08')).toBe(7);
    expect(mondayOf('2026-03-08')).toBe('2026-03-02');
    expect(mondayOf('2026-03-02')).toBe('2026-03-02');
    expect(daysBetween('2026-03-01', '2026-05-02')).toBe(62);
  });

  it('formats in French for people', () => {
    expect(formatDate('2026-03-03')).toBe('mardi 3 mars 2026');
    expect(formatDate('2026-03-02T23:30:00Z')).toBe('mardi 3 mars 2026');
    expect(formatShortDate('2026-03-03')).toBe('mar. 3 mars');
    expect(formatTime('2026-03-02T17:00:00Z')).toBe(nb('18~h'));
    expect(formatTime('2026-03-02T17:30:00Z')).toBe(nb('18~h~30'));
    expect(formatTime('09:05')).toBe(nb('9~h~05'));
    expect(formatTimeRange('2026-03-02T17:00:00Z', '2026-03-02T19:30:00Z')).toBe(nb('18~h~– 20~h~30'));
    expect(formatDateTime('2026-07-01T17:00:00Z')).toBe(nb('mercredi 1er juillet 2026 à 19~h'));
    expect(formatSlot('2026-03-02T17:00:00Z', '2026-03-02T21:00:00Z')).toBe(nb('lundi 2 mars 2026, 18~h~– 22~h'));
    expect(formatSlot('2026-03-02T21:00:00Z', '2026-03-02T23:00:00Z')).toBe(nb('lundi 2 mars 2026, 22~h~– 0~h'));
    expect(formatSlot('2026-03-06T17:00:00Z', '2026-03-08T17:00:00Z')).toBe(
      nb('du vendredi 6 mars 2026 à 18~h au dimanche 8 mars 2026 à 18~h'),
    );
    expect(formatDuration(90)).toBe(nb('1~h~30'));
    expect(formatDuration(120)).toBe(nb('2~h'));
    expect(formatDuration(45)).toBe(nb('45~min'));
    expect(formatMonth('2026-03')).toBe('mars 2026');
  });
});
