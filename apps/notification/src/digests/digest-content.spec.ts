import { digestContent, type PendingRequest } from './digest-content';

const NB = '\u00a0';
const pending = (establishmentId: string, extra: Partial<PendingRequest> = {}): PendingRequest => ({
  bookingId: 'b',
  establishmentId,
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
});
