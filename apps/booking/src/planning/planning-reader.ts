import type { DataSource } from 'typeorm';
import { SLOT_HOLDING_STATUSES, type PlanningQuery, type PlanningView } from '@salle/contracts';
import type { Access } from '../access/access';
import { addDays, localInstant, parseLocalDate, START_OF_DAY } from '../domain/time';
import { establishmentNotFound } from '../errors';
import { foldPlanningRows, placeClosures, type ClosureRow, type PlanningRow } from './planning-rows';

/** Who comes: the bookings that hold their slot, and those held earlier in the week that are now completed. */
const SHOWN_STATUSES = [...SLOT_HOLDING_STATUSES, 'completed'];

/**
 * Every space with its bookings of the period, for one collège or every
 * active one, in one SQL query: collège, space, booking, organisation and
 * its contact (the contact person it declared, else the requester's name as a member of it).
 */
const PLANNING_SQL = `
  SELECT e.id AS "establishmentId", e.name AS "establishmentName", e.address, e.postal_code AS "postalCode",
         e.commune_name AS "communeName",
         s.id AS "spaceId", s.name AS "spaceName", s.kind,
         b.id AS "bookingId", b.series_id AS "seriesId", b.starts_at AS "startsAt", b.ends_at AS "endsAt", b.status,
         o.id AS "organisationId", o.name AS "organisationName",
         COALESCE(o.contact_name, m.display_name) AS "contactName", o.contact_phone AS "contactPhone",
         o.contact_email AS "contactEmail",
         b.purpose, b.attendees, b.decision_message AS "accessNotes"
    FROM booking.establishment e
    LEFT JOIN booking.space s ON s.establishment_id = e.id AND s.active
    LEFT JOIN booking.booking b ON b.space_id = s.id AND b.status = ANY($3::text[])
                               AND b.starts_at < $2 AND b.ends_at > $1
    LEFT JOIN booking.organisation o ON o.id = b.organisation_id
    LEFT JOIN booking.membership m ON m.account_id = b.requested_by AND m.organisation_id = b.organisation_id
   WHERE CASE WHEN $4::uuid IS NULL THEN e.status = 'active' ELSE e.id = $4::uuid END
   ORDER BY e.name, e.id, s.name, s.id, b.starts_at`;

/** The closures of the collèges read that overlap the period: the collège's own and its spaces'. */
const CLOSURES_SQL = `
  SELECT id, establishment_id AS "establishmentId", space_id AS "spaceId", starts_at AS "startsAt",
         ends_at AS "endsAt", reason
    FROM booking.closure
   WHERE establishment_id = ANY($3::uuid[]) AND starts_at < $2 AND ends_at > $1
   ORDER BY starts_at, id`;

/** The planning of a collège (its managers, admins) or of the whole département (admins). */
export class PlanningReader {
  constructor(private readonly dataSource: DataSource) {}

  async forEstablishment(establishmentId: string, query: PlanningQuery, access: Access): Promise<PlanningView> {
    access.requireManagerOf(establishmentId);
    const view = await this.read(query, establishmentId);
    if (view.establishments.length === 0) throw establishmentNotFound();
    return view;
  }

  async forDepartment(query: PlanningQuery, access: Access): Promise<PlanningView> {
    access.requireAdmin();
    return this.read(query, null);
  }

  private async read(query: PlanningQuery, establishmentId: string | null): Promise<PlanningView> {
    const from = parseLocalDate(query.from, 'from');
    const end = addDays(from, query.days);
    const [start, stop] = [localInstant(from, START_OF_DAY), localInstant(end, START_OF_DAY)];
    const rows: PlanningRow[] = await this.dataSource.query(PLANNING_SQL, [
      start,
      stop,
      SHOWN_STATUSES,
      establishmentId,
    ]);
    const establishments = foldPlanningRows(rows);
    const closures: ClosureRow[] = await this.dataSource.query(CLOSURES_SQL, [
      start,
      stop,
      establishments.map((establishment) => establishment.id),
    ]);
    placeClosures(establishments, closures);
    return { from, to: addDays(from, query.days - 1), establishments };
  }
}
