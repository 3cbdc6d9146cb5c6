import { parseLocalDate } from '../domain/time';
import { calendarHorizon } from './calendar-horizon';
import { schoolCalendar } from './school-calendar';

describe('calendar horizon', () => {
  const calendar = schoolCalendar();
  const end = calendarHorizon(calendar, parseLocalDate('2026-12-06')).coveredUntil;

  it('is the last day the shipped calendar answers for in every zone (the summer 2028 holidays start)', () => {
    expect(end).toBe('2028-07-04');
    expect(calendarHorizon(calendar, parseLocalDate('2026-12-06')).zones.map((zone) => zone.zone)).toEqual([
      'A',
      'B',
      'C',
    ]);
  });

  it('warns the admins from six months ahead, not before', () => {
    expect(calendarHorizon(calendar, parseLocalDate('2026-12-06')).warning).toBe(false);
    expect(calendarHorizon(calendar, parseLocalDate('2028-01-02')).warning).toBe(false);
    expect(calendarHorizon(calendar, parseLocalDate('2028-01-03')).warning).toBe(true);
    expect(calendarHorizon(calendar, parseLocalDate('2028-09-01')).warning).toBe(true);
  });
});
