import { frenchSlot, type PlanningView } from '@salle/contracts';
import { closureLine, entryDetails, planningTitle, renderPlanningPdf } from './planning-pdf';
import { foldPlanningRows, type PlanningRow } from './planning-rows';

const college = {
  establishmentId: 'e1',
  establishmentName: 'Collège Flavius Vaussenat',
  address: '1 rue du Collège',
  postalCode: '38580',
  communeName: 'Allevard',
};
const none = {
  bookingId: null,
  seriesId: null,
  startsAt: null,
  endsAt: null,
  status: null,
  organisationId: null,
  organisationName: null,
  contactName: null,
  contactPhone: null,
  contactEmail: null,
  purpose: null,
  attendees: null,
  accessNotes: null,
};
const booking = (id: string, hour: number): Partial<PlanningRow> => ({
  bookingId: id,
  seriesId: null,
  startsAt: new Date(Date.UTC(2027, 0, 4, hour)),
  endsAt: new Date(Date.UTC(2027, 0, 4, hour + 2)),
  status: 'confirmed',
  organisationId: 'o1',
  organisationName: 'Basket Club',
  contactName: 'Angela Dubois',
  contactPhone: '06 12 34 56 78',
  contactEmail: 'angela@example.fr',
  purpose: 'Entraînement',
  attendees: 18,
  accessNotes: 'Badge à la loge',
});
const row = (overrides: Partial<PlanningRow>): PlanningRow => ({
  ...college,
  spaceId: null,
  spaceName: null,
  kind: null,
  ...none,
  ...overrides,
});

describe('foldPlanningRows', () => {
  it('nests bookings in their space and spaces in their collège, keeping empty ones', () => {
    const gym = { spaceId: 's1', spaceName: 'Gymnase', kind: 'gymnasium' as const };
    const folded = foldPlanningRows([
      row({ ...gym, ...booking('b1', 17) }),
      row({ ...gym, ...booking('b2', 19) }),
      row({ spaceId: 's2', spaceName: 'Salle 12', kind: 'classroom' }),
      row({ establishmentId: 'e2', establishmentName: 'Collège Jacques Brel' }),
    ]);
    expect(folded.map((e) => [e.name, e.spaces.map((s) => [s.name, s.entries.map((x) => x.bookingId)])])).toEqual([
      [
        'Collège Flavius Vaussenat',
        [
          ['Gymnase', ['b1', 'b2']],
          ['Salle 12', []],
        ],
      ],
      ['Collège Jacques Brel', []],
    ]);
    expect(folded[0]?.spaces[0]?.entries[0]).toMatchObject({
      startsAt: '2027-01-04T17:00:00.000Z',
      contactName: 'Angela Dubois',
      accessNotes: 'Badge à la loge',
    });
  });
});

describe('the printed planning', () => {
  const view: PlanningView = {
    from: '2027-01-04',
    to: '2027-01-10',
    establishments: foldPlanningRows([
      row({ spaceId: 's1', spaceName: 'Gymnase', kind: 'gymnasium', ...booking('b1', 17) }),
    ]),
  };

  it('titles the period in French', () => {
    expect(planningTitle(view)).toBe('Planning du lundi 4 janvier 2027 au dimanche 10 janvier 2027');
    expect(planningTitle({ ...view, to: view.from })).toBe('Planning du lundi 4 janvier 2027');
  });

  it('says who to call, what happens and how to get in, leaving out what is unknown', () => {
    const entry = view.establishments[0]?.spaces[0]?.entries[0];
    if (!entry) throw new Error('no entry');
    expect(entryDetails(entry)).toEqual([
      'Contact\u00a0: Angela Dubois, 06 12 34 56 78, angela@example.fr',
      'Activité\u00a0: Entraînement',
      'Participants\u00a0: 18',
      'Accès\u00a0: Badge à la loge',
    ]);
    expect(
      entryDetails({
        ...entry,
        contactName: null,
        contactPhone: null,
        contactEmail: null,
        purpose: '',
        attendees: null,
        accessNotes: null,
      }),
    ).toEqual([]);
  });

  it('names the closures, of the collège or of one space', () => {
    const spaces = view.establishments[0]?.spaces ?? [];
    const closure = {
      id: 'c1',
      spaceId: null,
      startsAt: '2027-01-05T07:00:00.000Z',
      endsAt: '2027-01-05T17:00:00.000Z',
      reason: 'Travaux',
    };
    const when = frenchSlot(closure.startsAt, closure.endsAt);
    expect(when).toMatch(/^mardi 5 janvier 2027, 8/);
    expect(closureLine(closure, spaces)).toBe(`Collège fermé ${when} (Travaux)`);
    expect(closureLine({ ...closure, spaceId: 's1' }, spaces)).toMatch(/^Gymnase fermé mardi 5 janvier 2027/);
  });

  it('renders a PDF document', async () => {
    const pdf = await renderPlanningPdf(view);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
