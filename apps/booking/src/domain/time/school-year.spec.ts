import fc from 'fast-check';
import { parseLocalDate } from '@salle/french-calendar';
import { localInstant, parseLocalTime } from './paris-time';
import { schoolYearBounds, schoolYearLabel, schoolYearOf } from './school-year';

const year = fc.integer({ min: 1990, max: 2200 });
const minute = fc.integer({ min: 0, max: 24 * 60 - 1 });
const at = (date: string, minutes: number) =>
  localInstant(
    parseLocalDate(date),
    parseLocalTime(`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`),
  );

describe('schoolYearOf', () => {
  it('starts a year on 1 September at midnight, Paris time, and ends it on 31 August at the last minute', () => {
    fc.assert(
      fc.property(year, minute, (y, m) => {
        expect(schoolYearOf(at(`${y}-09-01`, m))).toBe(y);
        expect(schoolYearOf(at(`${y + 1}-08-31`, m))).toBe(y);
        expect(schoolYearOf(at(`${y}-08-31`, m))).toBe(y - 1);
      }),
    );
  });

  it('puts the first instant of a year in it and the instant before in the previous one', () => {
    fc.assert(
      fc.property(year, (y) => {
        const { start, end } = schoolYearBounds(y);
        expect(schoolYearOf(start)).toBe(y);
        expect(schoolYearOf(new Date(start.getTime() - 1))).toBe(y - 1);
        expect(schoolYearOf(new Date(end.getTime() - 1))).toBe(y);
        expect(schoolYearOf(end)).toBe(y + 1);
      }),
    );
  });

  it('gives every instant the one year whose bounds contain it', () => {
    const instant = fc.date({
      min: new Date('1991-01-01T00:00:00Z'),
      max: new Date('2199-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instant, (when) => {
        const { start, end } = schoolYearBounds(schoolYearOf(when));
        expect(start.getTime()).toBeLessThanOrEqual(when.getTime());
        expect(when.getTime()).toBeLessThan(end.getTime());
      }),
    );
  });

  it('is read in Paris: 31 August 23:30 Paris is 21:30 UTC, 1 September 00:30 Paris is still 31 August in UTC', () => {
    expect(schoolYearOf(new Date('2026-08-31T21:30:00Z'))).toBe(2025);
    expect(schoolYearOf(new Date('2026-08-31T22:30:00Z'))).toBe(2026);
    expect(schoolYearLabel(2026)).toBe('2026-2027');
  });
});
