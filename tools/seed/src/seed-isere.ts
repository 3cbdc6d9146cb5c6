import type { ObjectStore } from '@salle/storage';
import { generateBookings } from './bookings';
import { generateCatalogue, type CollegeSource, type SpacePlan } from './catalogue';
import { SANDBOX_AGENT_COLLEGE_SIRETS } from './identifiers';
import { isereColleges } from './isere-colleges';
import { generateOrganisations } from './organisations';
import { Prng } from './prng';
import { parisToday, seasonOf } from './season';
import type { SeedDataSet } from './seed-model';
import { writeSeed, type SeedOutcome } from './seed-writer';
import { illustrationRows, storeIllustrationsMeanwhile } from './space-photos';

export const DEFAULT_SEED = 38;

export interface SeedIsereOptions {
  /** PRNG seed: the same seed and `today` always give the same rows (default 38). */
  seed?: number | string;
  /** Paris date the data set is "as of" (default: today); decides the season and which bookings are past. */
  today?: string;
  /** Progress lines (default: standard output). */
  log?: (line: string) => void;
  /**
   * The booking service's object store: each space gets an illustration of its kind, its files written there
   * (without it, spaces have no photo).
   */
  photos?: ObjectStore;
}

/** Collèges whose real facilities are known from their public descriptions (Mens: gymnasium, auditorium, boarding; Olympique: gymnasium). */
const TRIEVES = '0380039L';
const OLYMPIQUE = '0381780D';
const GYMNASIUMS = 30;
const AUDITORIUMS = 18;
const BOARDINGS = 5;
const DRAFTS = 7;
const ORGANISATIONS = 50;

/** Which collège gets what: every one a multipurpose hall and classrooms, some a gymnasium, auditorium, boarding. */
function iserePlans(
  colleges: readonly CollegeSource[],
  prng: Prng,
): { plans: Map<string, SpacePlan>; drafts: Set<string> } {
  const uais = colleges.map((college) => college.uai).sort();
  const featured = new Set([TRIEVES, OLYMPIQUE, ...Object.keys(SANDBOX_AGENT_COLLEGE_SIRETS)]);
  const others = prng.shuffle(uais.filter((uai) => !featured.has(uai)));
  const gyms = new Set([...featured, ...others.slice(0, GYMNASIUMS - featured.size)]);
  const auditoriums = new Set([
    TRIEVES,
    ...prng.sample(
      uais.filter((uai) => uai !== TRIEVES),
      AUDITORIUMS - 1,
    ),
  ]);
  const boardings = new Set([
    TRIEVES,
    ...prng.sample(
      uais.filter((uai) => uai !== TRIEVES),
      BOARDINGS - 1,
    ),
  ]);
  const drafts = new Set(others.slice(others.length - DRAFTS));
  const plans = new Map<string, SpacePlan>();
  for (const uai of uais) {
    plans.set(uai, {
      gymnasium: gyms.has(uai),
      classrooms: prng.int(2, 5),
      auditorium: auditoriums.has(uai),
      boarding: boardings.has(uai),
      meetingRoom: prng.chance(0.4),
    });
  }
  return { plans, drafts };
}

/** The collèges, spaces, opening rules, tariffs and closures of the Isère data set, and what the rest is drawn from. */
function isereCatalogue(options: Pick<SeedIsereOptions, 'seed' | 'today'>) {
  const prng = new Prng(options.seed ?? DEFAULT_SEED);
  const season = seasonOf(options.today ?? parisToday());
  const colleges = isereColleges();
  const { plans, drafts } = iserePlans(colleges, prng.fork('plans'));
  const catalogue = generateCatalogue(
    colleges,
    plans,
    (uai) => (drafts.has(uai) ? 'draft' : 'active'),
    prng.fork('catalogue'),
    {
      createdAt: season.catalogueCreatedAt,
      seasonStart: season.seasonStart,
      seasonEnd: season.seasonEnd,
    },
  );
  return { prng, season, colleges, catalogue };
}

/**
 * The collège `npm start` has paid through PayFiP, with the 6-digit client number of its test régie in the
 * payfip-sandbox: the others are paid through Stripe. Its manager in the identity sandbox is Inès Lambert.
 */
export const PAYFIP_DEMO_COLLEGE = { uai: '0382101C', name: 'Collège Jacques Brel', numcli: '382101' } as const;

/** The id the Isère seed gives the collège `uai` (ids are drawn apart from the dates, so any day gives the same). */
export function seededEstablishmentId(uai: string, seed: number | string = DEFAULT_SEED): string {
  const found = isereCatalogue({ seed }).catalogue.establishments.find((establishment) => establishment.uai === uai);
  if (!found) throw new Error(`the Isère seed has no collège ${uai}`);
  return found.id;
}

/**
 * The Isère data set, in memory: 97 real collèges, about 500 spaces with
 * opening rules and tariffs, 50 organisations and a season of bookings.
 * Pure: the same options give deep-equal data.
 */
export function buildIsere(options: Pick<SeedIsereOptions, 'seed' | 'today'> & { photos?: boolean } = {}): SeedDataSet {
  const { prng, season, colleges, catalogue } = isereCatalogue(options);
  const { organisations, memberships } = generateOrganisations(colleges, ORGANISATIONS, prng.fork('organisations'), {
    createdAt: season.catalogueCreatedAt,
    insuredUntil: season.seasonEnd,
  });
  const { series, bookings, auditEntries } = generateBookings(catalogue, organisations, prng.fork('bookings'), season);
  return {
    ...catalogue,
    spacePhotos: options.photos ? illustrationRows(catalogue.spaces, prng.fork('photos')) : [],
    organisations: organisations.map((organisation) => organisation.row),
    memberships,
    series,
    bookings,
    auditEntries,
  };
}

const stdout = (line: string) => process.stdout.write(`${line}\n`);

/**
 * Seeds a believable Isère into `databaseUrl` (booking schema migrated by
 * the booking service). Does nothing when establishments already exist.
 */
export async function seedIsere(databaseUrl: string, options: SeedIsereOptions = {}): Promise<SeedOutcome> {
  const log = options.log ?? stdout;
  const started = Date.now();
  const seed = options.seed ?? DEFAULT_SEED;
  const today = options.today ?? parisToday();
  log(`seed: Isère (seed ${String(seed)}, as of ${today})...`);
  const store = options.photos;
  let photosStored: (() => Promise<void>) | undefined;
  const build = () => {
    const data = buildIsere({ seed, today, photos: store !== undefined });
    if (store) photosStored = storeIllustrationsMeanwhile(store, data.spaces, data.spacePhotos, log);
    return data;
  };
  // The files are all written before the rows are committed: no committed photo lacks its files.
  const outcome = await writeSeed(databaseUrl, build, log, { beforeCommit: async () => photosStored?.() });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!outcome.seeded) {
    log(`seed: skipped, ${outcome.reason}.`);
    return outcome;
  }
  const c = outcome.counts;
  log(
    `seed: Isère seeded in ${seconds} s: ${c.establishments} collèges, ${c.spaces} spaces, ${c.openingRules} opening rules, ${c.tariffs} tariffs, ` +
      `${c.spacePhotos} space photos, ${c.closures} closures, ${c.organisations} organisations, ${c.series} series, ${c.bookings} bookings (seed ${String(seed)}, as of ${today}).`,
  );
  return outcome;
}
