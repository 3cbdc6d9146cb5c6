import fc from 'fast-check';
import { parseLocalDate, weekdayOf } from './local-date';
import { easterSunday, frenchPublicHolidays, isPublicHoliday, publicHolidayOn } from './public-holidays';

describe('French public holidays', () => {
  it.each([
    [2025, '2025-04-20', '2025-04-21', '2025-05-29', '2025-06-09'],
    [2026, '2026-04-05', '2026-04-06', '2026-05-14', '2026-05-25'],
    [2027, '2027-03-28', '2027-03-29', '2027-05-06', '2027-05-17'],
    [2028, '2028-04-16', '2028-04-17', '2028-05-25', '2028-06-05'],
  ])('computes Easter %i and its movable holidays (reference values)', (year, easter, monday, ascension, pentecost) => {
    expect(easterSunday(year)).toBe(easter);
    expect(publicHolidayOn(parseLocalDate(monday))).toBe('Lundi de Pâques');
    expect(publicHolidayOn(parseLocalDate(ascension))).toBe('Ascension');
    expect(publicHolidayOn(parseLocalDate(pentecost))).toBe('Lundi de Pentecôte');
  });

  it('lists the 11 metropolitan holidays in date order', () => {
    expect(frenchPublicHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'Jour de l’an' },
      { date: '2026-04-06', name: 'Lundi de Pâques' },
      { date: '2026-05-01', name: 'Fête du Travail' },
      { date: '2026-05-08', name: 'Victoire 1945' },
      { date: '2026-05-14', name: 'Ascension' },
      { date: '2026-05-25', name: 'Lundi de Pentecôte' },
      { date: '2026-07-14', name: 'Fête nationale' },
      { date: '2026-08-15', name: 'Assomption' },
      { date: '2026-11-01', name: 'Toussaint' },
      { date: '2026-11-11', name: 'Armistice 1918' },
      { date: '2026-12-25', name: 'Noël' },
    ]);
  });

  it('adds Vendredi saint and Saint-Étienne only for Alsace-Moselle', () => {
    expect(isPublicHoliday(parseLocalDate('2026-04-03'))).toBe(false);
    expect(isPublicHoliday(parseLocalDate('2026-12-26'))).toBe(false);
    expect(publicHolidayOn(parseLocalDate('2026-04-03'), { alsaceMoselle: true })).toBe('Vendredi saint');
    expect(publicHolidayOn(parseLocalDate('2026-12-26'), { alsaceMoselle: true })).toBe('Saint-Étienne');
    expect(frenchPublicHolidays(2027, { alsaceMoselle: true })).toHaveLength(13);
  });

  it('always puts Easter on a Sunday between 22 March and 25 April, so Ascension is a Thursday', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 4099 }), (year) => {
        const easter = easterSunday(year);
        expect(weekdayOf(easter)).toBe(7);
        expect(easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25').toBe(true);
        const ascension = frenchPublicHolidays(year).find((holiday) => holiday.name === 'Ascension');
        expect(ascension && weekdayOf(ascension.date)).toBe(4);
      }),
    );
  });

  it('refuses years before the Gregorian calendar', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
  });
});
