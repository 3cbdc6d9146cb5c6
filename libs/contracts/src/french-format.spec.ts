import {
  frenchDate,
  frenchDateTime,
  frenchDuration,
  frenchEuros,
  frenchFileSize,
  frenchShortDate,
  frenchSlot,
  frenchTime,
  frenchTimeRange,
  frenchTypography,
  NBSP,
} from './french-format';

const nb = (text: string) => text.replace(/~/g, NBSP);

describe('French formats', () => {
  it('writes a slot in Paris time, winter and summer', () => {
    expect(frenchSlot('2026-03-03T18:00:00Z', '2026-03-03T20:30:00Z')).toBe(nb('mardi 3 mars 2026, 19~h~– 21~h~30'));
    expect(frenchSlot('2026-07-01T16:00:00Z', '2026-07-01T18:00:00Z')).toBe(
      nb('mercredi 1er juillet 2026, 18~h~– 20~h'),
    );
    expect(frenchSlot('2026-07-01T20:00:00Z', '2026-07-02T08:00:00Z')).toBe(
      nb('du mercredi 1er juillet 2026 à 22~h au jeudi 2 juillet 2026 à 10~h'),
    );
    expect(frenchSlot('2026-03-03T20:00:00Z', '2026-03-03T23:00:00Z')).toBe(nb('mardi 3 mars 2026, 21~h~– 0~h'));
  });

  it('writes « 1er » for the first of the month, and only there', () => {
    expect(frenchDate('2026-03-01')).toBe('dimanche 1er mars 2026');
    expect(frenchDate('2026-03-11')).toBe('mercredi 11 mars 2026');
    expect(frenchDate('2026-12-01T10:00:00Z', { weekday: false })).toBe('1er décembre 2026');
    expect(frenchShortDate('2026-03-01')).toBe('dim. 1er mars');
  });

  it('writes times, durations and amounts with no-break spaces where a line must not break', () => {
    expect(frenchDate('2026-12-24T23:30:00Z')).toBe('vendredi 25 décembre 2026');
    expect(frenchTime('2026-12-24T08:05:00Z')).toBe(nb('9~h~05'));
    expect(frenchTime('18:00')).toBe(nb('18~h'));
    expect(frenchTimeRange('18:00', '19:30')).toBe(nb('18~h~– 19~h~30'));
    expect(frenchDateTime('2026-12-24T11:00:00Z')).toBe(nb('jeudi 24 décembre 2026 à 12~h'));
    expect(frenchDuration(90)).toBe(nb('1~h~30'));
    expect(frenchDuration(45)).toBe(nb('45~min'));
    expect(frenchEuros(3200)).toBe(nb('32,00~€'));
    expect(frenchEuros(2550)).toBe(nb('25,50~€'));
    expect(frenchEuros(123456)).toBe(nb('1~234,56~€'));
  });

  it('writes file sizes in octets, ko and Mo with a decimal comma', () => {
    expect(frenchFileSize(830)).toBe(nb('830~octets'));
    expect(frenchFileSize(12 * 1024)).toBe(nb('12~ko'));
    expect(frenchFileSize(5 * 1024 * 1024)).toBe(nb('5~Mo'));
    expect(frenchFileSize(1.5 * 1024 * 1024)).toBe(nb('1,5~Mo'));
    expect(frenchFileSize(5 * 1024 * 1024 + 1)).toBe(nb('5~Mo'));
  });

  it('puts a no-break space before « : ; ! ? » and typographic apostrophes into a French text', () => {
    expect(frenchTypography("Vacances d'hiver : zone A ; vraiment ? Oui ! Voir https://x.fr à 18:30")).toBe(
      nb('Vacances d’hiver~: zone A~; vraiment~? Oui~! Voir https://x.fr à 18:30'),
    );
    expect(frenchTypography(nb('Déjà~: bien'))).toBe(nb('Déjà~: bien'));
  });
});
