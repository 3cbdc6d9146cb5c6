import type { Prng } from './prng';
import type { OpeningPeriod, RenterCategory, SpaceKind, TariffRow } from './seed-model';

/** A weekly opening window before it gets its ids. */
export interface RuleTemplate {
  weekdays: number[];
  start: string;
  end: string;
  period: OpeningPeriod;
}

/** A space before it gets its ids and timestamps. */
export interface SpaceTemplate {
  kind: SpaceKind;
  name: string;
  capacity: number;
  areaM2: number | null;
  equipment: string[];
  stepFreeAccess: boolean;
  description: string;
  bufferMinutes: number;
  minDurationMinutes: number;
  maxDurationMinutes: number;
  minNoticeHours: number;
  approvalRequired: boolean;
  allowedCategories: RenterCategory[];
  closedOnPublicHolidays: boolean;
  rules: RuleTemplate[];
  tariffs: Omit<TariffRow, 'space_id'>[];
}

const WEEKDAYS = [1, 2, 3, 4, 5];
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

const step = (prng: Prng, min: number, max: number, by: number) => min + by * prng.int(0, Math.floor((max - min) / by));

function someWeekdays(prng: Prng, atLeast: number): number[] {
  return prng.sample(WEEKDAYS, prng.int(atLeast, 5)).sort((a, b) => a - b);
}

function equipmentOf(prng: Prng, always: string[], optional: string[], extra: number): string[] {
  return [...always, ...prng.sample(optional, prng.int(0, extra))];
}

interface RateRange {
  hourly: [number, number];
  halfDay?: [number, number];
  day?: [number, number];
  /** Chance that communes book for free (they often lend their own rooms too). */
  communeFree?: number;
}

function tariffsFor(
  prng: Prng,
  categories: RenterCategory[],
  rates: Record<RenterCategory, RateRange>,
  depositCents: number,
): Omit<TariffRow, 'space_id'>[] {
  return categories.map((category) => {
    const range = rates[category];
    const free = category === 'commune' && prng.chance(range.communeFree ?? 0.7);
    const hourly = free ? 0 : step(prng, range.hourly[0], range.hourly[1], 50);
    return {
      category,
      hourly_cents: hourly,
      half_day_cents: !free && range.halfDay ? step(prng, range.halfDay[0], range.halfDay[1], 500) : null,
      day_cents: !free && range.day ? step(prng, range.day[0], range.day[1], 500) : null,
      deposit_cents: depositCents,
    };
  });
}

function categoriesOf(prng: Prng, companies: number): RenterCategory[] {
  const base: RenterCategory[] = ['association', 'commune', 'training_organisation'];
  return prng.chance(companies) ? [...base, 'company'] : base;
}

export function multipurposeHall(prng: Prng): SpaceTemplate {
  const area = step(prng, 120, 320, 10);
  const equipment = equipmentOf(
    prng,
    ['tables et chaises'],
    ['sono', 'vidéoprojecteur', 'scène démontable', 'office équipé', 'piano droit', 'rideaux occultants'],
    3,
  );
  const categories = categoriesOf(prng, 0.3);
  const rules: RuleTemplate[] = [
    {
      weekdays: someWeekdays(prng, 3),
      start: prng.pick(['18:00', '18:30']),
      end: prng.pick(['22:00', '22:30', '23:00']),
      period: 'school_term',
    },
  ];
  if (prng.chance(0.75))
    rules.push({ weekdays: [6], start: '09:00', end: prng.pick(['19:00', '22:00', '23:00']), period: 'always' });
  if (prng.chance(0.2)) rules.push({ weekdays: [7], start: '10:00', end: '18:00', period: 'always' });
  if (prng.chance(0.6)) rules.push({ weekdays: WEEKDAYS, start: '09:00', end: '18:00', period: 'school_holidays' });
  return {
    kind: 'multipurpose_hall',
    name: 'Salle polyvalente',
    capacity: Math.round(area * 0.6),
    areaM2: area,
    equipment,
    stepFreeAccess: prng.chance(0.85),
    description: `Salle polyvalente de ${area} m² (${equipment.join(', ')}). Convient aux assemblées générales, répétitions, spectacles et ateliers.`,
    bufferMinutes: 30,
    minDurationMinutes: 60,
    maxDurationMinutes: 720,
    minNoticeHours: prng.pick([48, 72]),
    approvalRequired: true,
    allowedCategories: categories,
    closedOnPublicHolidays: true,
    rules,
    tariffs: tariffsFor(
      prng,
      categories,
      {
        association: { hourly: [800, 1500], halfDay: [3000, 5000], day: [6000, 9000] },
        commune: { hourly: [500, 800] },
        training_organisation: { hourly: [2500, 3500], day: [15000, 22000] },
        company: { hourly: [4000, 6000], day: [25000, 35000] },
      },
      prng.chance(0.5) ? 30_000 : 0,
    ),
  };
}

export function gymnasium(prng: Prng, name = 'Gymnase'): SpaceTemplate {
  const area = step(prng, 600, 1200, 50);
  const equipment = equipmentOf(
    prng,
    ['vestiaires', 'douches'],
    [
      'paniers de basket',
      'buts de handball',
      'filets de volley-ball',
      'tribunes',
      'mur d’escalade',
      'tatamis',
      'tables de tennis de table',
    ],
    4,
  );
  const rules: RuleTemplate[] = [
    { weekdays: WEEKDAYS, start: '18:00', end: prng.pick(['22:00', '22:30']), period: 'school_term' },
    { weekdays: [6], start: '08:00', end: '20:00', period: 'always' },
  ];
  if (prng.chance(0.5)) rules.push({ weekdays: [7], start: '09:00', end: '13:00', period: 'always' });
  rules.push({ weekdays: WEEKDAYS, start: '09:00', end: '21:00', period: 'school_holidays' });
  const categories: RenterCategory[] = ['association', 'commune', 'training_organisation'];
  return {
    kind: 'gymnasium',
    name,
    capacity: step(prng, 60, 200, 10),
    areaM2: area,
    equipment,
    stepFreeAccess: prng.chance(0.9),
    description: `Gymnase de ${area} m² avec ${equipment.join(', ')}. Chaussures de salle obligatoires.`,
    bufferMinutes: 15,
    minDurationMinutes: 60,
    maxDurationMinutes: 480,
    minNoticeHours: 48,
    approvalRequired: true,
    allowedCategories: categories,
    closedOnPublicHolidays: prng.chance(0.8),
    rules,
    tariffs: tariffsFor(
      prng,
      categories,
      {
        association: { hourly: [1000, 1800], halfDay: [4000, 6000] },
        commune: { hourly: [800, 1200], communeFree: 0.8 },
        training_organisation: { hourly: [2500, 3500] },
        company: { hourly: [4500, 6000] },
      },
      0,
    ),
  };
}

const CLASSROOM_NAMES = [
  'Salle de sciences',
  'Salle de musique',
  'Salle d’arts plastiques',
  'Salle informatique',
  'Salle de langues',
  'Salle de technologie',
];

/** `count` classrooms with names distinct within the collège. */
export function classrooms(prng: Prng, count: number): SpaceTemplate[] {
  const named = prng.sample(CLASSROOM_NAMES, Math.min(count, prng.int(0, 2)));
  const numbers = prng
    .sample([101, 102, 103, 104, 105, 106, 201, 202, 203, 204, 205, 206, 207], count - named.length)
    .sort((a, b) => a - b);
  const names = [...named, ...numbers.map((number) => `Salle ${number}`)];
  return names.map((name) => {
    const area = step(prng, 50, 75, 5);
    const equipment = equipmentOf(
      prng,
      ['tableau blanc'],
      ['vidéoprojecteur', 'tableau numérique', 'ordinateurs', 'évier', 'enceintes'],
      2,
    );
    const categories = categoriesOf(prng, 0.25).filter((category) => category !== 'commune' || prng.chance(0.5));
    const rules: RuleTemplate[] = [
      { weekdays: someWeekdays(prng, 2), start: '18:00', end: prng.pick(['21:00', '21:30']), period: 'school_term' },
    ];
    if (prng.chance(0.5)) rules.push({ weekdays: [6], start: '09:00', end: '12:30', period: 'school_term' });
    return {
      kind: 'classroom' as const,
      name,
      capacity: step(prng, 24, 32, 2),
      areaM2: area,
      equipment,
      stepFreeAccess: prng.chance(0.6),
      description: `Salle de classe de ${area} m² (${equipment.join(', ')}), pour cours du soir, soutien scolaire ou réunions.`,
      bufferMinutes: 0,
      minDurationMinutes: 60,
      maxDurationMinutes: 240,
      minNoticeHours: 48,
      approvalRequired: prng.chance(0.8),
      allowedCategories: categories,
      closedOnPublicHolidays: true,
      rules,
      tariffs: tariffsFor(
        prng,
        categories,
        {
          association: { hourly: [300, 700] },
          commune: { hourly: [300, 500] },
          training_organisation: { hourly: [1500, 2500], halfDay: [5000, 8000] },
          company: { hourly: [3000, 4000] },
        },
        0,
      ),
    };
  });
}

export function auditorium(prng: Prng): SpaceTemplate {
  const capacity = step(prng, 100, 250, 10);
  const equipment = equipmentOf(
    prng,
    ['gradins', 'scène'],
    ['sono', 'régie lumière', 'vidéoprojecteur', 'piano à queue', 'loges'],
    3,
  );
  const categories = categoriesOf(prng, 0.5);
  return {
    kind: 'auditorium',
    name: 'Auditorium',
    capacity,
    areaM2: step(prng, 150, 300, 10),
    equipment,
    stepFreeAccess: true,
    description: `Auditorium de ${capacity} places (${equipment.join(', ')}), pour concerts, conférences, projections et théâtre.`,
    bufferMinutes: 30,
    minDurationMinutes: 120,
    maxDurationMinutes: 600,
    minNoticeHours: 168,
    approvalRequired: true,
    allowedCategories: categories,
    closedOnPublicHolidays: true,
    rules: [
      { weekdays: [2, 3, 4, 5], start: '18:30', end: '23:00', period: 'school_term' },
      { weekdays: [6], start: '14:00', end: '23:00', period: 'always' },
    ],
    tariffs: tariffsFor(
      prng,
      categories,
      {
        association: { hourly: [2000, 3500], halfDay: [7000, 9000], day: [14000, 18000], communeFree: 0.5 },
        commune: { hourly: [1000, 1500], communeFree: 0.5 },
        training_organisation: { hourly: [4500, 5500], day: [30000, 40000] },
        company: { hourly: [7000, 9000], day: [50000, 60000] },
      },
      80_000,
    ),
  };
}

export function boarding(prng: Prng): SpaceTemplate {
  const beds = step(prng, 30, 80, 2);
  const categories: RenterCategory[] = ['association', 'commune', 'training_organisation'];
  return {
    kind: 'boarding',
    name: 'Internat',
    capacity: beds,
    areaM2: null,
    equipment: ['chambres de 4 lits', 'sanitaires', 'réfectoire', 'salle commune'],
    stepFreeAccess: prng.chance(0.5),
    description: `Internat de ${beds} lits en chambres de 4, ouvert pendant les vacances scolaires aux séjours de groupes (classes de découverte, stages sportifs, colonies).`,
    bufferMinutes: 240,
    minDurationMinutes: 720,
    maxDurationMinutes: 7 * 24 * 60,
    minNoticeHours: 336,
    approvalRequired: true,
    allowedCategories: categories,
    closedOnPublicHolidays: false,
    rules: [{ weekdays: ALL_DAYS, start: '00:00', end: '00:00', period: 'school_holidays' }],
    tariffs: tariffsFor(
      prng,
      categories,
      {
        association: { hourly: [300, 500], day: [3000, 4500] },
        commune: { hourly: [300, 400] },
        training_organisation: { hourly: [800, 1200], day: [8000, 10000] },
        company: { hourly: [1500, 2000] },
      },
      50_000,
    ),
  };
}

export function meetingRoom(prng: Prng): SpaceTemplate {
  const name = prng.pick(['Salle de réunion', 'Salle du conseil']);
  const equipment = equipmentOf(prng, ['tables modulables'], ['écran', 'visioconférence', 'paperboard'], 2);
  const categories = categoriesOf(prng, 0.4);
  return {
    kind: 'meeting_room',
    name,
    capacity: step(prng, 12, 30, 2),
    areaM2: step(prng, 30, 60, 5),
    equipment,
    stepFreeAccess: prng.chance(0.7),
    description: `${name} (${equipment.join(', ')}), pour bureaux d’associations et réunions.`,
    bufferMinutes: 0,
    minDurationMinutes: 60,
    maxDurationMinutes: 240,
    minNoticeHours: 24,
    approvalRequired: prng.chance(0.7),
    allowedCategories: categories,
    closedOnPublicHolidays: true,
    rules: [{ weekdays: WEEKDAYS, start: '18:00', end: '21:30', period: 'school_term' }],
    tariffs: tariffsFor(
      prng,
      categories,
      {
        association: { hourly: [0, 800] },
        commune: { hourly: [0, 300] },
        training_organisation: { hourly: [1500, 2000] },
        company: { hourly: [2500, 3000] },
      },
      0,
    ),
  };
}
