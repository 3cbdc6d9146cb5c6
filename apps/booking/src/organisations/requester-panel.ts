import type { DataSource } from 'typeorm';
import type { BookingStatus, RequesterView } from '@salle/contracts';
import type { Access } from '../access/access';
import { loadBookingLabels, toBookingView } from '../bookings/booking-view';
import { BookingEntity, OrganisationEntity } from '../database/entities';
import { organisationNotFound } from '../errors';
import { incidentsAtEstablishment } from '../incidents/booking-incidents';
import { toOrganisationView } from './organisation-view';

interface HistoryRow {
  status: BookingStatus;
  cancelledBy: string | null;
  n: number;
  first: Date;
}

/**
 * Who is asking, for a collège's managers before they decide: the
 * organisation (identifiers, verification, insurance, contact person) and
 * its history with this collège. A manager sees only organisations that
 * have booked or asked at their collège (others are not found); admins see any.
 */
export async function requesterPanel(
  dataSource: DataSource,
  establishmentId: string,
  organisationId: string,
  access: Access,
): Promise<RequesterView> {
  access.requireManagerOf(establishmentId);
  const manager = dataSource.manager;
  const [organisation, rows] = await Promise.all([
    manager.findOneBy(OrganisationEntity, { id: organisationId }),
    manager.query(
      `SELECT status, cancelled_by AS "cancelledBy", count(*)::int AS n, min(starts_at) AS first
         FROM booking.booking WHERE establishment_id = $1 AND organisation_id = $2
        GROUP BY status, cancelled_by`,
      [establishmentId, organisationId],
    ) as Promise<HistoryRow[]>,
  ]);
  if (!organisation || (rows.length === 0 && !access.isAdmin)) throw organisationNotFound();
  const recent = await manager.find(BookingEntity, {
    where: { establishmentId, organisationId },
    order: { startsAt: 'DESC', id: 'ASC' },
    take: 10,
  });
  const [labels, incidents] = await Promise.all([
    loadBookingLabels(manager, recent),
    incidentsAtEstablishment(manager, establishmentId, organisationId),
  ]);
  const statusCounts: Partial<Record<BookingStatus, number>> = {};
  for (const row of rows) statusCounts[row.status] = (statusCounts[row.status] ?? 0) + row.n;
  const cancelledBy = (who: string) => rows.filter((row) => row.cancelledBy === who).reduce((sum, r) => sum + r.n, 0);
  const firsts = rows.map((row) => new Date(row.first).getTime());
  return {
    organisation: toOrganisationView(organisation),
    history: {
      statusCounts,
      cancelledByOrganisation: cancelledBy('organisation'),
      cancelledByEstablishment: cancelledBy('establishment'),
      firstStartsAt: firsts.length > 0 ? new Date(Math.min(...firsts)).toISOString() : null,
      recent: recent.map((booking) => toBookingView(booking, labels(booking))),
      incidents,
    },
  };
}
