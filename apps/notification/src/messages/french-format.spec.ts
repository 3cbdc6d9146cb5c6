import { frenchDate, frenchDateTime, frenchEuros, frenchSlot, frenchTime, NBSP } from './french-format';

const nb = (text: string) => text.replace(/~/g, NBSP);

describe('French formats of the messages', () => {
  it('writes a slot in Paris time, winter and summer, as the site does', () => {
    expect(frenchSlot('2026-03-03T18:00:00Z', '2026-03-03T20:30:00Z')).toBe(nb('mardi 3 mars 2026, 19~h~– 21~h~30'));
    expect(frenchSlot('2026-07-01T16:00:00Z', '2026-07-01T18:00:00Z')).toBe(nb('mercredi 1 juillet 2026, 18~h~– 20~h'));
    expect(frenchSlot('2026-07-01T20:00:00Z', '2026-07-02T08:00:00Z')).toBe(
      nb('du mercredi 1 juillet 2026 à 22~h au jeudi 2 juillet 2026 à 10~h'),
    );
  });

  it('writes dates, times and amounts with no-break spaces where a line must not break', () => {
    expect(frenchDate('2026-12-24T23:30:00Z')).toBe('vendredi 25 décembre 2026');
    expect(frenchTime('2026-12-24T08:05:00Z')).toBe(nb('9~h~05'));
    expect(frenchDateTime('2026-12-24T11:00:00Z')).toBe(nb('jeudi 24 décembre 2026 à 12~h'));
    expect(frenchEuros(4500)).toBe(nb('45,00~€'));
    expect(frenchEuros(123456)).toBe(nb('1~234,56~€'));
  });
});
