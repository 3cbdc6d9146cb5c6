import {
  addDays,
  daysBetween,
  parisInstant,
  parseLocalDate,
  weekdayOf,
  type LocalDate,
  type SeedCalendar,
} from './calendar';
import type { Catalogue } from './catalogue';
import { candidatesFor, type SeededOrganisation } from './organisations';
import { quoteFor } from './pricing';
import type { Prng } from './prng';
import type {
  AuditEntryRow,
  BookingRow,
  BookingStatus,
  OpeningRuleRow,
  SeriesRow,
  SpaceKind,
  SpaceRow,
  TariffRow,
} from './seed-model';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface BookingContext {
  /** The moment the data set describes: past bookings are done, future ones pending or confirmed. */
  now: Date;
  /** The pupils' rentrée: first day of the season. */
  seasonStart: LocalDate;
  /** Last day of term before the summer holidays. */
  termEnd: LocalDate;
  /** Last day of the season (summer stays in boarding facilities included). */
  seasonEnd: LocalDate;
  calendar: SeedCalendar;
  /** The service's policy: undecided requests expire after this many days... */
  decisionDays: number;
  /** ...and unpaid approvals after this many hours. */
  paymentDeadlineHours: number;
}

export interface GeneratedBookings {
  series: SeriesRow[];
  bookings: BookingRow[];
  auditEntries: AuditEntryRow[];
}

/** How much each kind of space is used: weekly series per space, one-off bookings per space. */
const USAGE: Record<SpaceKind, { series: (prng: Prng) => number; oneOffs: [number, number]; durations: number[] }> = {
  gymnasium: { series: (p) => p.int(2, 4), oneOffs: [3, 8], durations: [90, 120, 180] },
  multipurpose_hall: {
    series: (p) => (p.chance(0.5) ? (p.chance(0.3) ? 2 : 1) : 0),
    oneOffs: [5, 11],
    durations: [120, 180, 240, 300, 360],
  },
  classroom: { series: (p) => (p.chance(0.06) ? 1 : 0), oneOffs: [1, 3], durations: [90, 120] },
  meeting_room: { series: (p) => (p.chance(0.1) ? 1 : 0), oneOffs: [2, 6], durations: [90, 120] },
  auditorium: { series: (p) => (p.chance(0.1) ? 1 : 0), oneOffs: [4, 9], durations: [180, 240, 300] },
  boarding: { series: () => 0, oneOffs: [2, 5], durations: [] },
  other: { series: () => 0, oneOffs: [1, 3], durations: [120] },
};

const REFUSALS = [
  'Le créneau est réservé à une activité du collège (réunion parents-professeurs).',
  'La salle n’est pas adaptée à cette activité.',
  'Des travaux sont prévus à cette date.',
  'Le gardien n’est pas disponible ce soir-là.',
];
const CANCELLATIONS_BY_ORGANISATION = [
  'Séance annulée : trop peu de participants.',
  'Événement reporté.',
  'Entraîneur indisponible.',
];
const CANCELLATIONS_BY_ESTABLISHMENT = [
  'Salle réquisitionnée pour un conseil de classe.',
  'Fuite d’eau : salle fermée par sécurité.',
];
const RRULE_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const minutesOf = (time: string, isEnd: boolean) => {
  const minutes = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  return isEnd && minutes === 0 ? 1440 : minutes;
};

interface SpaceState {
  space: SpaceRow;
  rules: OpeningRuleRow[];
  tariffs: Map<string, TariffRow>;
  depositCents: number;
  closures: { start: number; end: number }[];
  /** Held intervals [start, end + buffer) in ms: what the exclusion constraint compares. */
  taken: [number, number][];
  latitude: number;
  longitude: number;
}

/**
 * A season of bookings over the catalogue: weekly series (a club's
 * training night), one-off bookings (a general meeting, a concert, a summer
 * stay in a boarding facility), with statuses that fit `now` (past ones
 * completed, cancelled, refused or expired; future ones requested, awaiting
 * payment, confirmed...). Every booking lies within the space's opening
 * windows on that day (term or holiday windows, public holidays and
 * closures respected) and no two bookings of a space overlap, turnaround
 * buffer included.
 */
export function generateBookings(
  catalogue: Catalogue,
  organisations: readonly SeededOrganisation[],
  prng: Prng,
  context: BookingContext,
): GeneratedBookings {
  const output: GeneratedBookings = { series: [], bookings: [], auditEntries: [] };
  const establishments = new Map(catalogue.establishments.map((establishment) => [establishment.id, establishment]));
  const rulesBySpace = groupBy(catalogue.openingRules, (rule) => rule.space_id);
  const tariffsBySpace = groupBy(catalogue.tariffs, (tariff) => tariff.space_id);
  const closuresByEstablishment = groupBy(catalogue.closures, (closure) => closure.establishment_id);

  for (const space of catalogue.spaces) {
    const establishment = establishments.get(space.establishment_id);
    if (!establishment || establishment.status !== 'active' || !space.active) continue;
    const tariffs = tariffsBySpace.get(space.id) ?? [];
    const state: SpaceState = {
      space,
      rules: rulesBySpace.get(space.id) ?? [],
      tariffs: new Map(tariffs.map((tariff) => [tariff.category, tariff])),
      depositCents: Math.max(0, ...tariffs.map((tariff) => tariff.deposit_cents)),
      closures: (closuresByEstablishment.get(space.establishment_id) ?? [])
        .filter((closure) => closure.space_id === null || closure.space_id === space.id)
        .map((closure) => ({ start: closure.starts_at.getTime(), end: closure.ends_at.getTime() })),
      taken: [],
      latitude: establishment.latitude,
      longitude: establishment.longitude,
    };
    const candidates = candidatesFor(organisations, establishment, space.kind, space.allowed_categories).slice(0, 6);
    if (candidates.length === 0) continue;
    const random = prng.fork(`bookings:${space.id}`);
    const usage = USAGE[space.kind];
    const seriesCount = usage.series(random);
    // Weekly slots go mostly to clubs; communes and companies book one-off events.
    const regulars = candidates.filter((candidate) => candidate.row.kind === 'association');
    for (let index = 0; index < seriesCount; index += 1) {
      addSeries(state, random.pick(regulars.length > 0 ? regulars : candidates), random, context, output);
    }
    const oneOffs = random.int(usage.oneOffs[0], usage.oneOffs[1]);
    for (let index = 0; index < oneOffs; index += 1)
      addOneOff(state, random.pick(candidates), usage.durations, random, context, output);
  }
  return output;
}

/** Opening windows of `date` in minutes after local midnight, as the booking service reads the rules. */
function windowsOn(state: SpaceState, date: LocalDate, context: BookingContext): [number, number][] {
  const kind = context.calendar.kindOf(date);
  if (kind === 'public_holiday' && state.space.closed_on_public_holidays) return [];
  const holiday = kind === 'holiday';
  const weekday = weekdayOf(date);
  const dayStart = parisInstant(date, 0).getTime();
  const dayEnd = parisInstant(date, 1440).getTime();
  if (state.closures.some((closure) => closure.start < dayEnd && closure.end > dayStart)) return [];
  return state.rules
    .filter(
      (rule) =>
        rule.weekdays.includes(weekday) &&
        (holiday ? rule.period !== 'school_term' : rule.period !== 'school_holidays'),
    )
    .map((rule): [number, number] => [minutesOf(rule.start_time, false), minutesOf(rule.end_time, true)]);
}

function isFree(state: SpaceState, start: Date, end: Date): boolean {
  const from = start.getTime();
  const to = end.getTime() + state.space.buffer_minutes * MINUTE;
  return !state.taken.some(([takenFrom, takenTo]) => takenFrom < to && from < takenTo);
}

function hold(state: SpaceState, start: Date, end: Date): void {
  state.taken.push([start.getTime(), end.getTime() + state.space.buffer_minutes * MINUTE]);
}

function addSeries(
  state: SpaceState,
  organisation: SeededOrganisation,
  prng: Prng,
  context: BookingContext,
  output: GeneratedBookings,
) {
  const weekly = state.rules.filter(
    (rule) => rule.period !== 'school_holidays' && rule.weekdays.some((day) => day <= 6),
  );
  if (weekly.length === 0) return;
  const rule = prng.pick(weekly);
  const weekday = prng.pick(rule.weekdays.filter((day) => day <= 6));
  const open = minutesOf(rule.start_time, false);
  const close = minutesOf(rule.end_time, true);
  const duration = Math.min(prng.pick([90, 120]), close - open, state.space.max_duration_minutes);
  if (duration < state.space.min_duration_minutes) return;
  const start = open + 30 * prng.int(0, Math.floor((close - open - duration) / 30));
  const tariff = state.tariffs.get(organisation.row.kind);
  if (!tariff) return;

  // One series in twenty was asked for recently and start later: they wait for the collège's decision.
  const pending = prng.chance(0.05);
  const today = parseLocalDate(context.now.toISOString().slice(0, 10));
  let first = pending ? addDays(today, prng.int(7, 21)) : addDays(context.seasonStart, prng.int(0, 20));
  while (weekdayOf(first) !== weekday) first = addDays(first, 1);
  const until = addDays(context.termEnd, -prng.int(0, 14));
  if (first > until) return;
  const createdAt = pending
    ? new Date(context.now.getTime() - prng.int(1, (context.decisionDays - 2) * 24) * HOUR)
    : new Date(parisInstant(context.seasonStart, 0).getTime() - prng.int(7, 40) * DAY);
  const requestedBy = prng.pick(organisation.members);
  const series: SeriesRow = {
    id: prng.uuid(),
    space_id: state.space.id,
    organisation_id: organisation.row.id,
    rrule: `DTSTART;TZID=Europe/Paris:${first.replaceAll('-', '')}T${hhmm(start).replace(':', '')}00\nRRULE:FREQ=WEEKLY;BYDAY=${RRULE_DAYS[weekday - 1]};UNTIL=${until.replaceAll('-', '')}T235959`,
    local_start_time: hhmm(start),
    duration_minutes: duration,
    options: { skipSchoolHolidays: true },
    requested_by: requestedBy,
    created_at: createdAt,
  };
  let occurrences = 0;
  const purpose = prng.pick(organisation.purposes);
  for (let date = first; date <= until; date = addDays(date, 7)) {
    const fits = windowsOn(state, date, context).some(([from, to]) => from <= start && start + duration <= to);
    if (!fits) continue;
    const startsAt = parisInstant(date, start);
    const endsAt = parisInstant(date, start + duration);
    if (!isFree(state, startsAt, endsAt)) continue;
    const status: BookingStatus = pending
      ? 'requested'
      : endsAt <= context.now
        ? prng.weighted([
            ['completed', 96],
            ['cancelled', 4],
          ] as const)
        : prng.weighted([
            ['confirmed', 97],
            ['cancelled', 3],
          ] as const);
    hold(state, startsAt, endsAt);
    pushBooking(
      state,
      organisation,
      tariff,
      { startsAt, endsAt, status, createdAt, seriesId: series.id, purpose, requestedBy },
      prng,
      context,
      output,
    );
    occurrences += 1;
  }
  if (occurrences > 0) output.series.push(series);
}

function addOneOff(
  state: SpaceState,
  organisation: SeededOrganisation,
  durations: number[],
  prng: Prng,
  context: BookingContext,
  output: GeneratedBookings,
) {
  const tariff = state.tariffs.get(organisation.row.kind);
  if (!tariff) return;
  const seasonDays = daysBetween(context.seasonStart, context.seasonEnd);
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const date = addDays(context.seasonStart, prng.int(0, seasonDays));
    const slot =
      state.space.kind === 'boarding'
        ? stayFrom(state, date, prng, context)
        : slotOn(state, date, durations, prng, context);
    if (!slot || !isFree(state, slot.startsAt, slot.endsAt)) continue;
    const status = statusAt(slot.startsAt, slot.endsAt, prng, context);
    const createdAt = creationOf(status, slot.startsAt, prng, context);
    hold(state, slot.startsAt, slot.endsAt);
    pushBooking(
      state,
      organisation,
      tariff,
      {
        ...slot,
        status,
        createdAt,
        seriesId: null,
        purpose: prng.pick(organisation.purposes),
        requestedBy: prng.pick(organisation.members),
      },
      prng,
      context,
      output,
    );
    return;
  }
}

function slotOn(state: SpaceState, date: LocalDate, durations: number[], prng: Prng, context: BookingContext) {
  const windows = windowsOn(state, date, context);
  if (windows.length === 0) return null;
  const [open, close] = prng.pick(windows);
  const duration = Math.min(prng.pick(durations), close - open, state.space.max_duration_minutes);
  if (duration < state.space.min_duration_minutes) return null;
  const start = open + 30 * prng.int(0, Math.floor((close - open - duration) / 30));
  return { startsAt: parisInstant(date, start), endsAt: parisInstant(date, start + duration) };
}

/** A group stay in a boarding facility: arrival 14:00, departure 10:00 one to four nights later, all within the holidays. */
function stayFrom(state: SpaceState, date: LocalDate, prng: Prng, context: BookingContext) {
  const nights = prng.int(1, 4);
  for (let day = 0; day <= nights; day += 1) {
    if (windowsOn(state, addDays(date, day), context).length === 0) return null;
  }
  return { startsAt: parisInstant(date, 14 * 60), endsAt: parisInstant(addDays(date, nights), 10 * 60) };
}

function statusAt(startsAt: Date, endsAt: Date, prng: Prng, context: BookingContext): BookingStatus {
  if (endsAt <= context.now) {
    return prng.weighted([
      ['completed', 85],
      ['cancelled', 7],
      ['refused', 5],
      ['expired', 3],
    ] as const);
  }
  if (startsAt <= context.now) return 'confirmed';
  return prng.weighted([
    ['confirmed', 55],
    ['requested', 22],
    ['awaiting_payment', 8],
    ['cancelled', 10],
    ['refused', 5],
  ] as const);
}

function creationOf(status: BookingStatus, startsAt: Date, prng: Prng, context: BookingContext): Date {
  const now = context.now.getTime();
  if (status === 'requested')
    return new Date(Math.min(now - prng.int(1, (context.decisionDays - 2) * 24) * HOUR, startsAt.getTime() - DAY));
  if (status === 'awaiting_payment') return new Date(now - prng.int(2, 6) * DAY);
  const earliest = parisInstant(context.seasonStart, 0).getTime() - 30 * DAY;
  return new Date(Math.max(earliest, Math.min(now - HOUR, startsAt.getTime() - prng.int(5, 45) * DAY)));
}

interface BookingPlan {
  startsAt: Date;
  endsAt: Date;
  status: BookingStatus;
  createdAt: Date;
  seriesId: string | null;
  purpose: string;
  requestedBy: string;
}

/** The booking row and its audit trail: every transition it went through, as the service records them. */
function pushBooking(
  state: SpaceState,
  organisation: SeededOrganisation,
  tariff: TariffRow,
  plan: BookingPlan,
  prng: Prng,
  context: BookingContext,
  output: GeneratedBookings,
) {
  const minutes = Math.round((plan.endsAt.getTime() - plan.startsAt.getTime()) / MINUTE);
  const price = quoteFor(tariff, minutes);
  const now = context.now.getTime();
  const created = plan.createdAt.getTime();
  const start = plan.startsAt.getTime();
  const bookingId = prng.uuid();
  const member = { id: plan.requestedBy, role: 'organisation_member' as const };
  const manager = { id: null, role: 'establishment_manager' as const };
  const system = { id: null, role: 'system' as const };
  const trail: {
    from: BookingStatus | null;
    to: BookingStatus;
    at: number;
    actor: { id: string | null; role: AuditEntryRow['actor_role'] };
    reason?: string;
  }[] = [{ from: null, to: 'requested', at: created, actor: member }];
  const last = () => trail[trail.length - 1] as (typeof trail)[number];
  // Decisions come a few hours to three days after the request, never after the start nor after now.
  const decidedAt = Math.min(created + prng.int(2, 72) * HOUR, start - HOUR, now - HOUR);
  const decisionAt = Math.max(decidedAt, created + MINUTE);
  let expiresAt: number | null = null;
  let refusalReason: string | null = null;
  let cancelledBy: BookingRow['cancelled_by'] = null;
  let cancellationReason: string | null = null;
  let refundPercent: number | null = null;

  const confirm = () => {
    if (price.totalCents > 0) {
      trail.push({ from: 'requested', to: 'awaiting_payment', at: decisionAt, actor: manager });
      // Paid between ten minutes and a day after the approval, and before now.
      const paidAt = Math.min(decisionAt + prng.int(10, 24 * 60) * MINUTE, Math.max(decisionAt + MINUTE, now - MINUTE));
      trail.push({ from: 'awaiting_payment', to: 'confirmed', at: paidAt, actor: system });
    } else {
      trail.push({ from: 'requested', to: 'confirmed', at: decisionAt, actor: manager });
    }
  };

  // A free booking is confirmed on approval: it never waits for a payment.
  const status: BookingStatus =
    plan.status === 'awaiting_payment' && price.totalCents === 0 ? 'confirmed' : plan.status;
  switch (status) {
    case 'requested':
      expiresAt = Math.min(created + context.decisionDays * DAY, start);
      break;
    case 'approved':
      trail.push({ from: 'requested', to: 'approved', at: decisionAt, actor: manager });
      break;
    case 'awaiting_payment': {
      const approvedAt = now - prng.int(1, context.paymentDeadlineHours - 12) * HOUR;
      trail.push({ from: 'requested', to: 'awaiting_payment', at: approvedAt, actor: manager });
      expiresAt = approvedAt + context.paymentDeadlineHours * HOUR;
      break;
    }
    case 'confirmed':
      confirm();
      break;
    case 'completed':
      confirm();
      trail.push({
        from: 'confirmed',
        to: 'completed',
        at: plan.endsAt.getTime() + prng.int(1, 30) * MINUTE,
        actor: system,
      });
      break;
    case 'refused':
      refusalReason = prng.pick(REFUSALS);
      trail.push({ from: 'requested', to: 'refused', at: decisionAt, actor: manager, reason: refusalReason });
      break;
    case 'expired':
      expiresAt = Math.min(created + context.decisionDays * DAY, start);
      trail.push({ from: 'requested', to: 'expired', at: expiresAt, actor: system });
      break;
    case 'cancelled': {
      confirm();
      const byOrganisation = prng.chance(0.75);
      cancelledBy = byOrganisation ? 'organisation' : 'establishment';
      cancellationReason = prng.pick(byOrganisation ? CANCELLATIONS_BY_ORGANISATION : CANCELLATIONS_BY_ESTABLISHMENT);
      const after = last().at + MINUTE;
      const at = Math.min(Math.max(after, start - prng.int(1, 20) * DAY), start - HOUR, now - MINUTE);
      const cancelledAt = Math.max(at, after);
      const notice = start - cancelledAt;
      refundPercent =
        price.totalCents === 0 ? null : !byOrganisation || notice >= 7 * DAY ? 100 : notice >= 48 * HOUR ? 50 : 0;
      trail.push({
        from: 'confirmed',
        to: 'cancelled',
        at: cancelledAt,
        actor: byOrganisation ? member : manager,
        reason: cancellationReason,
      });
      break;
    }
  }

  for (const entry of trail) {
    output.auditEntries.push({
      booking_id: bookingId,
      actor_account_id: entry.actor.id,
      actor_role: entry.actor.role,
      from_status: entry.from,
      to_status: entry.to,
      reason: entry.reason ?? null,
      at: new Date(entry.at),
    });
  }
  output.bookings.push({
    id: bookingId,
    space_id: state.space.id,
    establishment_id: state.space.establishment_id,
    organisation_id: organisation.row.id,
    series_id: plan.seriesId,
    starts_at: plan.startsAt,
    ends_at: plan.endsAt,
    blocked_until: new Date(plan.endsAt.getTime() + state.space.buffer_minutes * MINUTE),
    status,
    renter_category: organisation.row.kind,
    price_cents: price.totalCents,
    deposit_cents: state.depositCents,
    price_details: { method: price.method, durationMinutes: price.durationMinutes, explanation: price.explanation },
    purpose: plan.purpose,
    attendees: prng.chance(0.8) ? prng.int(6, Math.max(6, Math.min(state.space.capacity, 60))) : null,
    requested_by: plan.requestedBy,
    decided_by: null,
    decision_message: null,
    refusal_reason: refusalReason,
    cancelled_by: cancelledBy,
    cancellation_reason: cancellationReason,
    refund_percent: refundPercent,
    expires_at: expiresAt === null ? null : new Date(expiresAt),
    version: trail.length,
    created_at: plan.createdAt,
    updated_at: new Date(last().at),
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const value = key(item);
    const group = groups.get(value);
    if (group) group.push(item);
    else groups.set(value, [item]);
  }
  return groups;
}
