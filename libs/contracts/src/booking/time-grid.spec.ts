import { isOnTimeGrid, offStepMessage, timeStepOf } from './time-grid';

describe('the time step of a space', () => {
  it('is 30 minutes when its opening hours and shortest booking fall on half-hours, else 15', () => {
    const rules = [{ startTime: '18:00', endTime: '22:30' }];
    expect(timeStepOf({ minDurationMinutes: 60, bufferMinutes: 0, openingRules: rules })).toBe(30);
    expect(timeStepOf({ minDurationMinutes: 90, bufferMinutes: 30, openingRules: [] })).toBe(30);
    expect(timeStepOf({ minDurationMinutes: 60, bufferMinutes: 15, openingRules: rules })).toBe(15);
    expect(timeStepOf({ minDurationMinutes: 45, bufferMinutes: 0, openingRules: rules })).toBe(15);
    expect(
      timeStepOf({
        minDurationMinutes: 60,
        bufferMinutes: 0,
        openingRules: [...rules, { startTime: '08:15', endTime: '12:00' }],
      }),
    ).toBe(15);
  });

  it('refuses a time off the grid, naming the two nearest times in French', () => {
    expect(offStepMessage('18:30', 30)).toBeNull();
    expect(offStepMessage('00:00', 30)).toBeNull();
    expect(offStepMessage('18:45', 15)).toBeNull();
    expect(offStepMessage('18:07', 30)).toBe(
      'choisissez une heure par pas de 30\u00a0minutes, par exemple 18\u00a0h\u00a000 ou 18\u00a0h\u00a030',
    );
    expect(offStepMessage('23:50', 15)).toBe(
      'choisissez une heure par pas de 15\u00a0minutes, par exemple 23\u00a0h\u00a045 ou 0\u00a0h\u00a000',
    );
  });
});

describe('a time on the grid', () => {
  it('is a multiple of the step from midnight', () => {
    expect(isOnTimeGrid('18:30', 30)).toBe(true);
    expect(isOnTimeGrid('18:15', 30)).toBe(false);
    expect(isOnTimeGrid('18:15', 15)).toBe(true);
    expect(isOnTimeGrid('18:07', 15)).toBe(false);
  });
});
