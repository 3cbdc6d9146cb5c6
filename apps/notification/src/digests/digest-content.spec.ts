import { digestContent, type PendingRequest } from './digest-content';

const NB = '\u00a0';
const pending = (establishmentId: string, extra: Partial<PendingRequest> = {}): PendingRequest => ({
  bookingId: 'b',
  establishmentId,
  seriesId: null,
  establishmentName: 'Collège Vaussenat',
  spaceName: 'Gymnase',
  startsAt: new Date('2026-03-03T18:00:00Z'),
  endsAt: new Date('2026-03-03T20:30:00Z'),
  priceCents: 0,
  decisionDueAt: null,
  ...extra,
});

describe('the daily digest', () => {
  it('lists the requests by collège, each collège with the link to its requests page', () => {
    const content = digestContent(
      [pending('e1'), pending('e1', { spaceName: null, priceCents: 4500 }), pending('e2', { establishmentName: null })],
      'https://salles.example.fr',
    );
    expect(content.subject).toBe('3 demandes de réservation en attente de votre décision');
    expect(content.paragraphs[1]).toContain(`3 demandes attendent votre décision`);
    expect(content.paragraphs[2]).toBe(
      [
        `Collège Vaussenat (2 demandes)${NB}:`,
        `– mardi 3 mars 2026, 19${NB}h${NB}– 21${NB}h${NB}30 · Gymnase · gratuit`,
        `– mardi 3 mars 2026, 19${NB}h${NB}– 21${NB}h${NB}30 · 45,00${NB}€`,
        `Les traiter${NB}: https://salles.example.fr/gestion/e1/demandes`,
      ].join('\n'),
    );
    expect(content.paragraphs[3]).toMatch(/^Votre collège \(1 demande\)/);
    expect(content.action).toEqual({
      label: 'Traiter les demandes',
      url: 'https://salles.example.fr/gestion/e1/demandes',
    });
  });

  it('lists the sessions of a series awaiting a decision as one line, with its page, counted once', () => {
    const week = 7 * 24 * 3_600_000;
    const session = (k: number) =>
      pending('e1', {
        seriesId: 's1',
        startsAt: new Date(Date.parse('2026-03-03T18:00:00Z') + k * week),
        endsAt: new Date(Date.parse('2026-03-03T20:30:00Z') + k * week),
        priceCents: 4000,
        decisionDueAt: new Date(`2026-02-2${k}T12:00:00Z`),
      });
    const content = digestContent([session(0), pending('e1'), session(1), session(2)], 'https://salles.example.fr');
    expect(content.subject).toBe('2 demandes de réservation en attente de votre décision');
    expect(content.paragraphs[2]).toBe(
      [
        `Collège Vaussenat (2 demandes)${NB}:`,
        `– Réservation régulière, 3 séances, du mardi 3 mars 2026 au mardi 17 mars 2026, 19${NB}h${NB}– 21${NB}h${NB}30 · Gymnase · 120,00${NB}€ · à décider avant le vendredi 20 février 2026 à 13${NB}h · https://salles.example.fr/series/s1`,
        `– mardi 3 mars 2026, 19${NB}h${NB}– 21${NB}h${NB}30 · Gymnase · gratuit`,
        `Les traiter${NB}: https://salles.example.fr/gestion/e1/demandes`,
      ].join('\n'),
    );
  });
});
