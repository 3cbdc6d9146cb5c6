import { formatFrenchDateTime, localDateOf, localInstant, localTimeOf, minutesOfDay } from './paris-time';

describe('Paris wall-clock time', () => {
  it('places a local time on the right UTC instant on both sides of each DST change', () => {
    expect(localInstant('2026-03-28', '18:00').toISOString()).toBe('2026-03-28T17:00:00.000Z');
    expect(localInstant('2026-03-29', '18:00').toISOString()).toBe('2026-03-29T16:00:00.000Z');
    expect(localInstant('2026-10-24', '18:00').toISOString()).toBe('2026-10-24T16:00:00.000Z');
    expect(localInstant('2026-10-25', '18:00').toISOString()).toBe('2026-10-25T17:00:00.000Z');
    expect(localInstant('2026-10-25', '24:00').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('moves a time of the spring gap one hour later and resolves the repeated autumn hour to +01:00', () => {
    expect(localInstant('2026-03-29', '02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(localTimeOf(localInstant('2026-03-29', '02:30'))).toBe('03:30');
    expect(localInstant('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T01:30:00.000Z');
  });

  it('reads the Paris date and time of an instant', () => {
    expect(localDateOf(new Date('2026-10-25T22:30:00Z'))).toBe('2026-10-25');
    expect(localDateOf(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-26');
    expect(localTimeOf(new Date('2026-07-14T20:00:00Z'))).toBe('22:00');
    expect(formatFrenchDateTime(new Date('2026-10-25T17:00:00Z'))).toBe('dimanche 25 octobre 2026 à 18:00');
  });

  it('rejects malformed times', () => {
    expect(minutesOfDay('24:00')).toBe(1440);
    expect(() => minutesOfDay('24:30')).toThrow(RangeError);
    expect(() => minutesOfDay('7:00')).toThrow(RangeError);
  });
});
