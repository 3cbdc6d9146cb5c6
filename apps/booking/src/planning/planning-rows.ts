import type { BookingStatus, PlanningEstablishment, SpaceKind } from '@salle/contracts';

/** One row of the planning query: a space of a collège, with one of its bookings in the period (or none). */
export interface PlanningRow {
  establishmentId: string;
  establishmentName: string;
  address: string;
  postalCode: string;
  communeName: string;
  spaceId: string | null;
  spaceName: string | null;
  kind: SpaceKind | null;
  bookingId: string | null;
  seriesId: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  status: BookingStatus | null;
  organisationId: string | null;
  organisationName: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  purpose: string | null;
  attendees: number | null;
  accessNotes: string | null;
}

/**
 * Folds the query's flat rows (ordered by collège, space and start) into
 * collèges holding their spaces holding their bookings: a collège without
 * active space, and a space without booking, still appear.
 */
export function foldPlanningRows(rows: readonly PlanningRow[]): PlanningEstablishment[] {
  const establishments = new Map<string, PlanningEstablishment>();
  const spaces = new Map<string, PlanningEstablishment['spaces'][number]>();
  for (const row of rows) {
    let establishment = establishments.get(row.establishmentId);
    if (!establishment) {
      establishment = {
        id: row.establishmentId,
        name: row.establishmentName,
        address: row.address,
        postalCode: row.postalCode,
        communeName: row.communeName,
        spaces: [],
        closures: [],
      };
      establishments.set(row.establishmentId, establishment);
    }
    if (!row.spaceId || !row.spaceName || !row.kind) continue;
    let space = spaces.get(row.spaceId);
    if (!space) {
      space = { id: row.spaceId, name: row.spaceName, kind: row.kind, entries: [] };
      spaces.set(row.spaceId, space);
      establishment.spaces.push(space);
    }
    if (!row.bookingId || !row.startsAt || !row.endsAt || !row.status || !row.organisationId) continue;
    space.entries.push({
      bookingId: row.bookingId,
      seriesId: row.seriesId,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      status: row.status,
      organisationId: row.organisationId,
      organisationName: row.organisationName ?? '',
      contactName: row.contactName,
      contactPhone: row.contactPhone,
      contactEmail: row.contactEmail,
      purpose: row.purpose ?? '',
      attendees: row.attendees,
      accessNotes: row.accessNotes,
    });
  }
  return [...establishments.values()];
}

/** One closure read for the planning, with its collège. */
export interface ClosureRow {
  id: string;
  establishmentId: string;
  spaceId: string | null;
  startsAt: Date;
  endsAt: Date;
  reason: string;
}

/** Gives each collège its closures (read in time order), so the planning says why a space stands empty. */
export function placeClosures(establishments: readonly PlanningEstablishment[], closures: readonly ClosureRow[]): void {
  const byId = new Map(establishments.map((establishment) => [establishment.id, establishment]));
  for (const closure of closures) {
    byId.get(closure.establishmentId)?.closures.push({
      id: closure.id,
      spaceId: closure.spaceId,
      startsAt: closure.startsAt.toISOString(),
      endsAt: closure.endsAt.toISOString(),
      reason: closure.reason,
    });
  }
}
