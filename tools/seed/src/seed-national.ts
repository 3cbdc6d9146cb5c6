import type { ObjectStore } from '@salle/storage';
import { addDays, daysBetween, parisInstant, SeedCalendar, weekdayOf, type LocalDate } from './calendar';
import { generateCatalogue, type Catalogue, type CollegeSource, type SpacePlan } from './catalogue';
import { uaiOf } from './identifiers';
import { generateOrganisations, type SeededOrganisation } from './organisations';
import { quoteFor } from './pricing';
import { Prng } from './prng';
import { parisToday, seasonOf, type Season } from './season';
import type { BookingRow, BookingStatus, RenterCategory } from './seed-model';
import { writeSeed, type SeedOutcome } from './seed-writer';
import { illustrationRows, storeIllustrationsMeanwhile } from './space-photos';

export interface SeedNationalOptions {
  seed?: number | string;
  today?: string;
  /** Collèges (default 5,000); each gets about five spaces (25,000 by default). */
  establishments?: number;
  /** Bookings spread over the spaces (default 1,000,000). */
  bookings?: number;
  /** Renting organisations (default 2,000). */
  organisations?: number;
  log?: (line: string) => void;
  /**
   * Off by default, so that benchmarks stay fast: given the booking service's object store, each space gets an
   * illustration as in `seedIsere` (two files per space: about 50,000 files for 25,000 spaces).
   */
  photos?: ObjectStore;
}

export const NATIONAL_DEFAULTS = { establishments: 5_000, bookings: 1_000_000, organisations: 2_000 };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Holiday zone of each metropolitan département (01-95 without 20), by académie. */
const ZONE_A = new Set(
  '01 03 07 15 16 17 19 21 23 24 25 26 33 38 39 40 42 43 47 58 63 64 69 70 71 73 74 79 86 87 89 90'.split(' '),
);
const ZONE_C = new Set('09 11 12 30 31 32 34 46 48 65 66 75 77 78 81 82 91 92 93 94 95'.split(' '));
const DEPARTEMENTS = Array.from({ length: 95 }, (_, index) => String(index + 1).padStart(2, '0')).filter(
  (code) => code !== '20',
);

const PEOPLE = [
  'Jean Moulin',
  'Jules Ferry',
  'Victor Hugo',
  'Louise Michel',
  'Marie Curie',
  'Jean Jaurès',
  'Simone Veil',
  'Albert Camus',
  'Pierre Mendès France',
  'Lucie Aubrac',
  'Jacques Prévert',
  'Paul Éluard',
  'George Sand',
  'Olympe de Gouges',
  'Joséphine Baker',
  'Gisèle Halimi',
  'Condorcet',
  'Voltaire',
  'Molière',
  'Antoine de Saint-Exupéry',
  'Jean Rostand',
  'Louis Pasteur',
  'Rosa Parks',
  'Anne Frank',
];
const TOWNS = [
  'Saint-Martin',
  'Villeneuve',
  'Beaumont',
  'Montaigu',
  'Châteauneuf',
  'Fontaine',
  'Bellevue',
  'Sainte-Marie',
  'Roche',
  'Mirebeau',
  'Pontarlier',
  'Valmont',
  'Mont-Blanc',
  'Rivesaltes',
  'Belleville',
  'Champagne',
  'Neuville',
  'Saint-Pierre',
  'Clairefontaine',
  'Bonneval',
];

/** Made-up collèges across metropolitan France: valid UAI check letters, INSEE-shaped codes, the right holiday zone. */
export function nationalColleges(count: number, prng: Prng): CollegeSource[] {
  return Array.from({ length: count }, (_, index) => {
    const departement = DEPARTEMENTS[index % DEPARTEMENTS.length] as string;
    const serial = Math.floor(index / DEPARTEMENTS.length);
    const town = `${prng.pick(TOWNS)}-${String(serial + 1)}`;
    return {
      uai: uaiOf(`0${departement}${String(5000 + serial).padStart(4, '0')}`),
      name: `Collège ${prng.pick(PEOPLE)}`,
      commune: town,
      inseeCode: `${departement}${String(100 + (serial % 900)).padStart(3, '0')}`,
      postalCode: `${departement}${String(serial % 1000).padStart(3, '0')}`,
      latitude: Number((42.4 + prng.next() * 8.6).toFixed(6)),
      longitude: Number((-4.5 + prng.next() * 12.5).toFixed(6)),
      zone: ZONE_A.has(departement) ? 'A' : ZONE_C.has(departement) ? 'C' : 'B',
    };
  });
}

function nationalPlans(colleges: readonly CollegeSource[], prng: Prng): Map<string, SpacePlan> {
  return new Map(
    colleges.map((college) => [
      college.uai,
      {
        gymnasium: prng.chance(0.3),
        classrooms: prng.int(2, 4),
        auditorium: prng.chance(0.2),
        boarding: prng.chance(0.05),
        meetingRoom: prng.chance(0.4),
      },
    ]),
  );
}

/**
 * A million bookings without holding them in memory: each space gets its
 * share on distinct days (at most one booking a day, inside that day's
 * opening window), which keeps them apart by construction.
 */
function* nationalBookings(
  catalogue: Catalogue,
  organisations: readonly SeededOrganisation[],
  prng: Prng,
  season: Season,
  total: number,
): Generator<BookingRow> {
  const verified = organisations.filter((organisation) => organisation.row.status === 'verified');
  const byCategories = new Map<string, SeededOrganisation[]>();
  const rulesBySpace = new Map<string, Catalogue['openingRules']>();
  for (const rule of catalogue.openingRules)
    rulesBySpace.set(rule.space_id, [...(rulesBySpace.get(rule.space_id) ?? []), rule]);
  const tariffsBySpace = new Map<string, Catalogue['tariffs']>();
  for (const tariff of catalogue.tariffs)
    tariffsBySpace.set(tariff.space_id, [...(tariffsBySpace.get(tariff.space_id) ?? []), tariff]);
  const zoneOf = new Map(
    catalogue.establishments.map((establishment) => [establishment.id, establishment.school_zone]),
  );
  const calendars: Record<string, SeedCalendar> = {
    A: new SeedCalendar('A'),
    B: new SeedCalendar('B'),
    C: new SeedCalendar('C'),
  };
  const seasonDays = daysBetween(season.seasonStart, season.seasonEnd) + 1;
  // Spaces open in term time only find no day in holiday weeks: ask each for a third more than its share.
  const perSpace = Math.ceil((total * 1.3) / catalogue.spaces.length);
  const stride = Math.max(1, Math.floor(seasonDays / perSpace));
  const now = season.now.getTime();
  let produced = 0;

  for (const space of catalogue.spaces) {
    if (produced >= total) return;
    const key = [...space.allowed_categories].sort().join(',');
    let admitted = byCategories.get(key);
    if (!admitted) {
      admitted = verified.filter((organisation) => space.allowed_categories.includes(organisation.row.kind));
      byCategories.set(key, admitted);
    }
    if (admitted.length === 0) continue;
    const rules = rulesBySpace.get(space.id) ?? [];
    const tariffs = new Map(
      (tariffsBySpace.get(space.id) ?? []).map((tariff) => [tariff.category as RenterCategory, tariff]),
    );
    const calendar = calendars[zoneOf.get(space.establishment_id) ?? 'A'] ?? season.calendar;
    const offset = prng.int(0, stride - 1);
    for (let k = 0; k < perSpace && produced < total; k += 1) {
      for (let shift = 0; shift < stride; shift += 1) {
        const date: LocalDate = addDays(season.seasonStart, offset + k * stride + shift);
        if (date > season.seasonEnd) break;
        const kind = calendar.kindOf(date);
        if (kind === 'public_holiday' && space.closed_on_public_holidays) continue;
        const weekday = weekdayOf(date);
        const rule = rules.find(
          (candidate) =>
            candidate.weekdays.includes(weekday) &&
            (kind === 'holiday' ? candidate.period !== 'school_term' : candidate.period !== 'school_holidays'),
        );
        if (!rule) continue;
        const open = Number(rule.start_time.slice(0, 2)) * 60 + Number(rule.start_time.slice(3, 5));
        const close =
          rule.end_time === '00:00' ? 1440 : Number(rule.end_time.slice(0, 2)) * 60 + Number(rule.end_time.slice(3, 5));
        const duration = Math.max(space.min_duration_minutes, Math.min(120, close - open));
        const start = space.kind === 'boarding' ? 8 * 60 : open;
        if (start + duration > close) continue;
        const organisation = admitted[(produced * 7919 + k) % admitted.length] as SeededOrganisation;
        const tariff = tariffs.get(organisation.row.kind);
        if (!tariff) continue;
        const startsAt = parisInstant(date, start);
        const endsAt = parisInstant(date, start + duration);
        const past = endsAt.getTime() <= now;
        const status: BookingStatus = past
          ? prng.weighted([
              ['completed', 88],
              ['cancelled', 6],
              ['refused', 4],
              ['expired', 2],
            ] as const)
          : prng.weighted([
              ['confirmed', 70],
              ['requested', 18],
              ['cancelled', 8],
              ['refused', 4],
            ] as const);
        // Pending requests are recent (the sweeper would expire older ones at once).
        const createdAt =
          status === 'requested'
            ? new Date(now - prng.int(1, 8) * DAY)
            : new Date(Math.min(startsAt.getTime() - prng.int(3, 40) * DAY, now - HOUR));
        const price = quoteFor(tariff, duration);
        produced += 1;
        yield {
          id: prng.uuid(),
          space_id: space.id,
          establishment_id: space.establishment_id,
          organisation_id: organisation.row.id,
          series_id: null,
          starts_at: startsAt,
          ends_at: endsAt,
          blocked_until: new Date(endsAt.getTime() + space.buffer_minutes * MINUTE),
          status,
          renter_category: organisation.row.kind,
          price_cents: price.totalCents,
          deposit_cents: tariff.deposit_cents,
          price_details: {
            method: price.method,
            durationMinutes: price.durationMinutes,
            explanation: price.explanation,
          },
          purpose: organisation.purposes[0] ?? '',
          attendees: null,
          requested_by: organisation.members[0] as string,
          decided_by: null,
          decision_message: null,
          refusal_reason: status === 'refused' ? 'Le créneau est réservé à une activité du collège.' : null,
          cancelled_by: status === 'cancelled' ? 'organisation' : null,
          cancellation_reason: status === 'cancelled' ? 'Événement reporté.' : null,
          refund_percent: status === 'cancelled' && price.totalCents > 0 ? 100 : null,
          expires_at:
            status === 'requested' || status === 'expired'
              ? new Date(createdAt.getTime() + season.decisionDays * DAY)
              : null,
          version: 1,
          created_at: createdAt,
          updated_at: createdAt,
        };
        break;
      }
    }
  }
}

/**
 * Seeds a national-scale data set for benchmarks (by default 5,000 collèges,
 * about 25,000 spaces, 2,000 organisations and 1,000,000 bookings), streamed
 * with COPY in one transaction. Deterministic, and refuses a database that
 * already holds establishments, like `seedIsere`.
 */
export async function seedNational(databaseUrl: string, options: SeedNationalOptions = {}): Promise<SeedOutcome> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const started = Date.now();
  const seed = options.seed ?? 'national';
  const today = options.today ?? parisToday();
  const sizes = {
    establishments: options.establishments ?? NATIONAL_DEFAULTS.establishments,
    bookings: options.bookings ?? NATIONAL_DEFAULTS.bookings,
    organisations: options.organisations ?? NATIONAL_DEFAULTS.organisations,
  };
  const prng = new Prng(seed);
  const season = seasonOf(today);
  log(
    `seed: national data set (${sizes.establishments} collèges, ${sizes.bookings} bookings, seed ${String(seed)}, as of ${today})...`,
  );
  const store = options.photos;
  let photosStored: (() => Promise<void>) | undefined;
  const build = () => {
    const colleges = nationalColleges(sizes.establishments, prng.fork('colleges'));
    const catalogue = generateCatalogue(
      colleges,
      nationalPlans(colleges, prng.fork('plans')),
      () => 'active',
      prng.fork('catalogue'),
      {
        createdAt: season.catalogueCreatedAt,
        seasonStart: season.seasonStart,
        seasonEnd: season.seasonEnd,
      },
    );
    const { organisations, memberships } = generateOrganisations(
      colleges,
      sizes.organisations,
      prng.fork('organisations'),
      {
        createdAt: season.catalogueCreatedAt,
        insuredUntil: season.seasonEnd,
      },
    );
    const spacePhotos = store ? illustrationRows(catalogue.spaces, prng.fork('photos')) : [];
    if (store) photosStored = storeIllustrationsMeanwhile(store, catalogue.spaces, spacePhotos, log);
    log(`seed: catalogue ready (${catalogue.spaces.length} spaces), streaming rows...`);
    return {
      ...catalogue,
      spacePhotos,
      organisations: organisations.map((organisation) => organisation.row),
      memberships,
      series: [],
      bookings: nationalBookings(catalogue, organisations, prng.fork('bookings'), season, sizes.bookings),
      auditEntries: [],
    };
  };
  const outcome = await writeSeed(databaseUrl, build, log, { beforeCommit: async () => photosStored?.() });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!outcome.seeded) {
    log(`seed: skipped, ${outcome.reason}.`);
    return outcome;
  }
  const c = outcome.counts;
  log(
    `seed: national data set seeded in ${seconds} s: ${c.establishments} collèges, ${c.spaces} spaces, ${c.organisations} organisations, ${c.bookings} bookings.`,
  );
  return outcome;
}
