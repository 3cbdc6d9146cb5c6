import type { SchoolZone } from '@salle/contracts';
import { addDays, parisInstant, type LocalDate } from './calendar';
import { collegeSiret } from './identifiers';
import type { Prng } from './prng';
import type { ClosureRow, EstablishmentRow, OpeningRuleRow, SpaceRow, TariffRow } from './seed-model';
import {
  auditorium,
  boarding,
  classrooms,
  gymnasium,
  meetingRoom,
  multipurposeHall,
  type SpaceTemplate,
} from './space-templates';

/** A collège as the seed receives it (from the real Isère list or made up for the national scale). */
export interface CollegeSource {
  uai: string;
  name: string;
  commune: string;
  inseeCode: string;
  postalCode: string;
  latitude: number;
  longitude: number;
  zone: SchoolZone;
}

/** Which spaces a collège has, decided before drawing their details. */
export interface SpacePlan {
  gymnasium: boolean;
  classrooms: number;
  auditorium: boolean;
  boarding: boolean;
  meetingRoom: boolean;
}

export interface Catalogue {
  establishments: EstablishmentRow[];
  spaces: SpaceRow[];
  openingRules: OpeningRuleRow[];
  tariffs: TariffRow[];
  closures: ClosureRow[];
}

export interface CatalogueContext {
  /** When the catalogue was entered: a few months before the season. */
  createdAt: Date;
  /** First and last days of the season, for closures. */
  seasonStart: LocalDate;
  seasonEnd: LocalDate;
}

function templatesFor(prng: Prng, plan: SpacePlan): SpaceTemplate[] {
  const templates = [multipurposeHall(prng)];
  if (plan.gymnasium) templates.push(gymnasium(prng));
  templates.push(...classrooms(prng, plan.classrooms));
  if (plan.auditorium) templates.push(auditorium(prng));
  if (plan.boarding) templates.push(boarding(prng));
  if (plan.meetingRoom) templates.push(meetingRoom(prng));
  return templates;
}

/**
 * Establishments (with their synthetic SIRETs), spaces, opening rules and
 * tariffs for `colleges`, plus a few closures. `statusOf` says which
 * collèges have joined (active) and which are still being set up (draft).
 */
export function generateCatalogue(
  colleges: readonly CollegeSource[],
  plans: ReadonlyMap<string, SpacePlan>,
  statusOf: (uai: string) => 'active' | 'draft',
  prng: Prng,
  context: CatalogueContext,
): Catalogue {
  const catalogue: Catalogue = { establishments: [], spaces: [], openingRules: [], tariffs: [], closures: [] };
  for (const college of colleges) {
    const random = prng.fork(`college:${college.uai}`);
    const status = statusOf(college.uai);
    const establishment: EstablishmentRow = {
      id: random.uuid(),
      uai: college.uai,
      siret: collegeSiret(college.uai),
      name: college.name,
      // The sources hold no street address (see the README): the collège's name with its postcode and commune
      // is how mail reaches it, and nothing is invented.
      address: college.name,
      postal_code: college.postalCode,
      commune_name: college.commune,
      commune_insee: college.inseeCode,
      latitude: college.latitude,
      longitude: college.longitude,
      school_zone: college.zone,
      // A reserved domain: demo mail can never reach a real collège.
      contact_email: `gestion.${college.uai.toLowerCase()}@colleges.example.org`,
      contact_phone: null,
      status,
      // No collège has a payout account with the payment service yet: its manager onboards it
      // (the booking service learns it from establishment.payout_ready).
      payout_ready: false,
      ics_token: random.hex(64),
      created_at: context.createdAt,
      updated_at: context.createdAt,
    };
    catalogue.establishments.push(establishment);
    const plan = plans.get(college.uai) as SpacePlan;
    for (const template of templatesFor(random, plan)) {
      const spaceId = random.uuid();
      catalogue.spaces.push({
        id: spaceId,
        establishment_id: establishment.id,
        kind: template.kind,
        name: template.name,
        capacity: template.capacity,
        area_m2: template.areaM2,
        equipment: template.equipment,
        step_free_access: template.stepFreeAccess,
        description: template.description,
        buffer_minutes: template.bufferMinutes,
        min_duration_minutes: template.minDurationMinutes,
        max_duration_minutes: template.maxDurationMinutes,
        min_notice_hours: template.minNoticeHours,
        max_horizon_days: 365,
        approval_required: template.approvalRequired,
        allowed_categories: template.allowedCategories,
        closed_on_public_holidays: template.closedOnPublicHolidays,
        active: true,
        created_at: context.createdAt,
        updated_at: context.createdAt,
      });
      for (const rule of template.rules) {
        catalogue.openingRules.push({
          id: random.uuid(),
          space_id: spaceId,
          weekdays: rule.weekdays,
          start_time: rule.start,
          end_time: rule.end,
          period: rule.period,
          valid_from: null,
          valid_until: null,
        });
      }
      for (const tariff of template.tariffs) catalogue.tariffs.push({ ...tariff, space_id: spaceId });
    }
    if (status === 'active') catalogue.closures.push(...closuresFor(random, establishment, catalogue.spaces, context));
  }
  return catalogue;
}

/** Now and then a collège closes: works in the gymnasium, the brevet exam, an open day. */
function closuresFor(
  prng: Prng,
  establishment: EstablishmentRow,
  spaces: readonly SpaceRow[],
  context: CatalogueContext,
): ClosureRow[] {
  const closures: ClosureRow[] = [];
  const own = spaces.filter((space) => space.establishment_id === establishment.id);
  const gym = own.find((space) => space.kind === 'gymnasium');
  const add = (spaceId: string | null, first: LocalDate, days: number, reason: string) =>
    closures.push({
      id: prng.uuid(),
      establishment_id: establishment.id,
      space_id: spaceId,
      starts_at: parisInstant(first, 0),
      ends_at: parisInstant(addDays(first, days), 0),
      reason,
      created_at: context.createdAt,
    });
  if (gym && prng.chance(0.15)) {
    add(gym.id, addDays(context.seasonStart, prng.int(30, 200)), 14, 'Travaux de rénovation du sol sportif');
  }
  if (prng.chance(0.1)) {
    const hall = own.find((space) => space.kind === 'multipurpose_hall');
    add(
      hall?.id ?? null,
      addDays(context.seasonEnd, -prng.int(62, 70)),
      2,
      'Épreuves écrites du diplôme national du brevet',
    );
  }
  if (prng.chance(0.05))
    add(null, addDays(context.seasonStart, prng.int(100, 180)), 1, 'Journée portes ouvertes du collège');
  return closures;
}
