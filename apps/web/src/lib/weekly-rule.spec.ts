import { buildWeeklyRrule } from './weekly-rule';

describe('buildWeeklyRrule', () => {
  it('writes the weekly RRULE the booking service reads, days in week order', () => {
    expect(buildWeeklyRrule({ weekdays: [4, 2], until: '2027-06-24' })).toBe('FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270624');
    expect(buildWeeklyRrule({ weekdays: [7], count: 10 })).toBe('FREQ=WEEKLY;BYDAY=SU;COUNT=10');
    expect(buildWeeklyRrule({ weekdays: [1, 1], interval: 2, until: '2026-12-31' })).toBe(
      'FREQ=WEEKLY;BYDAY=MO;INTERVAL=2;UNTIL=20261231',
    );
  });

  it('refuses a rule without a valid weekday', () => {
    expect(() => buildWeeklyRrule({ weekdays: [] })).toThrow(RangeError);
    expect(() => buildWeeklyRrule({ weekdays: [8] })).toThrow(RangeError);
  });
});
