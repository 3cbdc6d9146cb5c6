import { addDays, daysBetween, eachDate, isLocalDate, parseLocalDate, weekdayOf } from './local-date';

describe('local dates', () => {
  it('validates real calendar dates only', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2027-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-1-01')).toBe(false);
  });

  it('makes a LocalDate of text only by parsing it', () => {
    expect(parseLocalDate('2028-02-29')).toBe('2028-02-29');
    expect(() => parseLocalDate('2027-02-29', 'validFrom')).toThrow(
      'validFrom must be a valid YYYY-MM-DD date, got "2027-02-29"',
    );
    const text = '2026-10-24';
    // @ts-expect-error a string is not a LocalDate until parsed: the typecheck fails if the brand is lost
    expect(weekdayOf(text)).toBe(6);
  });

  it('adds days across month, year and DST boundaries', () => {
    expect(addDays(parseLocalDate('2026-03-28'), 1)).toBe('2026-03-29');
    expect(addDays(parseLocalDate('2026-03-29'), 1)).toBe('2026-03-30');
    expect(addDays(parseLocalDate('2026-12-31'), 1)).toBe('2027-01-01');
    expect(addDays(parseLocalDate('2028-03-01'), -1)).toBe('2028-02-29');
    expect(daysBetween(parseLocalDate('2026-10-20'), parseLocalDate('2026-10-30'))).toBe(10);
    expect([...eachDate(parseLocalDate('2026-10-24'), parseLocalDate('2026-10-26'))]).toEqual([
      '2026-10-24',
      '2026-10-25',
      '2026-10-26',
    ]);
  });

  it('numbers weekdays from Monday = 1 to Sunday = 7', () => {
    expect(weekdayOf(parseLocalDate('2026-03-29'))).toBe(7);
    expect(weekdayOf(parseLocalDate('2026-03-30'))).toBe(1);
    expect(weekdayOf(parseLocalDate('2026-10-24'))).toBe(6);
  });
});
