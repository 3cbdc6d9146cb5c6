import type { DataSource, EntityManager } from 'typeorm';
import type { IncidentView, RecordIncidentBody } from '@salle/contracts';
import { forbidden } from '@salle/http';
import type { Access } from '../access/access';
import { recordBookingAudit } from '../audit/audit-journal';
import { actorFor } from '../bookings/booking-actor';
import { BookingEntity } from '../database/entities';
import { localDateOf, parisToday } from '../domain/time';
import { bookingNotFound, incidentBookingNotBegun, incidentDateOutside } from '../errors';

const SELECT_INCIDENTS = `
  SELECT id, booking_id AS "bookingId", to_char(occurred_on, 'YYYY-MM-DD') AS "occurredOn", severity, description,
         recorded_by_role AS "recordedByRole", recorded_at AS "recordedAt"
    FROM booking.booking_incident`;

interface IncidentRow extends Omit<IncidentView, 'recordedAt'> {
  recordedAt: Date;
}

const toIncidentView = (row: IncidentRow): IncidentView => ({ ...row, recordedAt: row.recordedAt.toISOString() });

/** Only a booking that took place can have an incident: confirmed (or completed) and begun. */
const INCIDENT_STATUSES: readonly BookingEntity['status'][] = ['confirmed', 'completed'];

/**
 * Incidents a collège notes on its bookings. The collège's managers and the département's admins write them
 * and see them in the organisation's history with that collège (never another collège's); the organisation
 * sees those about itself on its booking, so that nothing is held against it without its knowing. Each row
 * keeps who noted it, as which role, and when.
 */
export class BookingIncidents {
  constructor(private readonly dataSource: DataSource) {}

  async record(bookingId: string, input: RecordIncidentBody, access: Access): Promise<IncidentView> {
    return this.dataSource.transaction(async (manager) => {
      const booking = await manager.findOneBy(BookingEntity, { id: bookingId });
      if (!booking) throw bookingNotFound();
      const { journal } = actorFor(booking, access);
      if (journal.role !== 'establishment_manager' && journal.role !== 'department_admin')
        throw forbidden('Seul le collège note les incidents d’une réservation.');
      if (!INCIDENT_STATUSES.includes(booking.status) || booking.startsAt.getTime() > Date.now())
        throw incidentBookingNotBegun();
      if (input.occurredOn < localDateOf(booking.startsAt) || input.occurredOn > parisToday())
        throw incidentDateOutside();
      const [row] = (await manager.query(
        `INSERT INTO booking.booking_incident
           (booking_id, establishment_id, organisation_id, occurred_on, severity, description, recorded_by, recorded_by_role)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          booking.id,
          booking.establishmentId,
          booking.organisationId,
          input.occurredOn,
          input.severity,
          input.description,
          journal.accountId,
          journal.role,
        ],
      )) as { id: string }[];
      const [created] = (await manager.query(`${SELECT_INCIDENTS} WHERE id = $1`, [row?.id])) as IncidentRow[];
      if (!created) throw new Error('incident vanished in its own transaction');
      // What and when, not the description: free text that may name people.
      await recordBookingAudit(manager, {
        actor: { accountId: journal.accountId, role: journal.role },
        action: 'incident.recorded',
        object: { type: 'booking_incident', id: created.id },
        establishmentId: booking.establishmentId,
        organisationId: booking.organisationId,
        changes: {
          bookingId: { before: null, after: booking.id },
          occurredOn: { before: null, after: input.occurredOn },
          severity: { before: null, after: input.severity },
        },
      });
      return toIncidentView(created);
    });
  }

  /** The booking's incidents, for anyone who may see the booking (its organisation included). */
  async ofBooking(bookingId: string, access: Access): Promise<IncidentView[]> {
    const booking = await this.dataSource.manager.findOneBy(BookingEntity, { id: bookingId });
    if (!booking) throw bookingNotFound();
    actorFor(booking, access);
    const rows = (await this.dataSource.query(`${SELECT_INCIDENTS} WHERE booking_id = $1 ORDER BY recorded_at`, [
      bookingId,
    ])) as IncidentRow[];
    return rows.map(toIncidentView);
  }
}

/** The latest incidents a collège noted about an organisation, for its history in « Qui demande ? ». */
export async function incidentsAtEstablishment(
  manager: EntityManager,
  establishmentId: string,
  organisationId: string,
): Promise<IncidentView[]> {
  const rows = (await manager.query(
    `${SELECT_INCIDENTS} WHERE establishment_id = $1 AND organisation_id = $2
      ORDER BY occurred_on DESC, recorded_at DESC LIMIT 20`,
    [establishmentId, organisationId],
  )) as IncidentRow[];
  return rows.map(toIncidentView);
}
