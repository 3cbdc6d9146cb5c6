import { parseLocalDate } from '@salle/french-calendar';
import {
  formatFrenchDateTime,
  localDateOf,
  localInstant,
  localTimeOf,
  minutesOfDay,
  parisToday,
  parseLocalTime,
} from './paris-time';

describe('Paris wall-clock time', () => {
  it('places a local time on the right UTC instant on both sides of each DST change', () => {
    expect(localInstant(parseLocalDate('2026-03-28'), parseLocalTime('18:00')).toISOString()).toBe(
      '2026-03-28T17:00:00.000Z',
    );
    expect(localInstant(parseLocalDate('2026-03-29'), parseLocalTime('18:00')).toISOString()).toBe(
      '2026-03-29T16:00:00.000Z',
    );
    expect(localInstant(parseLocalDate('2026-10-24'), parseLocalTime('18:00')).toISOString()).toBe(
      '2026-10-24T16:00:00.000Z',
    );
    expect(localInstant(parseLocalDate('2026-10-25'), parseLocalTime('18:00')).toISOString()).toBe(
      '2026-10-25T17:00:00.000Z',
    );
    expect(localInstant(parseLocalDate('2026-10-25'), parseLocalTime('24:00')).toISOString()).toBe(
      '2026-10-25T23:00:00.000Z',
    );
  });

  it('moves a time of the spring gap one hour later and resolves the repeated autumn hour to its first occurrence (RFC 5545)', () => {
    expect(localInstant(parseLocalDate('2026-03-29'), parseLocalTime('02:30')).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(localTimeOf(localInstant(parseLocalDate('2026-03-29'), parseLocalTime('02:30')))).toBe('03:30');
    // 02:30 comes twice on 25 October 2026: at 00:30Z (+02:00, summer time) then at 01:30Z (+01:00).
    expect(localInstant(parseLocalDate('2026-10-25'), parseLocalTime('02:30')).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(localInstant(parseLocalDate('2026-10-25'), parseLocalTime('02:00')).toISOString()).toBe(
      '2026-10-25T00:00:00.000Z',
    );
    // Around the repeated hour, nothing moves: 01:59 is summer time, 03:00 winter time.
    expect(localInstant(parseLocalDate('2026-10-25'), parseLocalTime('01:59')).toISOString()).toBe(
      '2026-10-24T23:59:00.000Z',
    );
    expect(localInstant(parseLocalDate('2026-10-25'), parseLocalTime('03:00')).toISOString()).toBe(
      '2026-10-25T02:00:00.000Z',
    );
    expect(localTimeOf(localInstant(parseLocalDate('2026-10-25'), parseLocalTime('02:30')))).toBe('02:30');
  });

  it('takes the same first occurrence as python-dateutil in a zone whose clock goes back by 30 minutes', () => {
    // Lord Howe Island: 02:00 daylight time becomes 01:30 standard time on 5 April 2026; 01:45 comes twice.
    expect(
      localInstant(parseLocalDate('2026-04-05'), parseLocalTime('01:45'), 'Australia/Lord_Howe').toISOString(),
    ).toBe('2026-04-04T14:45:00.000Z');
  });

  it('reads the Paris date and time of an instant', () => {
    expect(localDateOf(new Date('2026-10-25T22:30:00Z'))).toBe('2026-10-25');
    expect(localDateOf(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-26');
    expect(localTimeOf(new Date('2026-07-14T20:00:00Z'))).toBe('22:00');
    expect(formatFrenchDateTime(new Date('2026-10-25T17:00:00Z'))).toBe('dimanche 25 octobre 2026 à 18\u00a0h');
  });

  it('says which day it is in Paris, past midnight there while still the day before in UTC', () => {
    expect(parisToday(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
    expect(parisToday(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('rejects malformed times', () => {
    expect(minutesOfDay(parseLocalTime('24:00'))).toBe(1440);
    expect(() => parseLocalTime('24:30')).toThrow(RangeError);
    expect(() => parseLocalTime('7:00')).toThrow('time must be HH:mm (00:00 to 24:00), got "7:00"');
    const text = '07:00';
    // @ts-expect-error a string is not a LocalTime until parsed: the typecheck fails if the brand is lost
    expect(minutesOfDay(text)).toBe(420);
  });
});
