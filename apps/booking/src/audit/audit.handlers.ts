import type { DataSource } from 'typeorm';
import { auditScopeOf, listAudit } from '@salle/db';
import { forbidden } from '@salle/http';
import type { serviceAuditOperations } from '@salle/contracts';
import type { OperationImplementations } from '@salle/http';
import type { BookingAccessPolicy } from '../access/access-policy';

/**
 * Booking's audit log as the gateway reads it: `booking.audit_log` (catalogue, managers, organisations…) and, in
 * the same shape, the older `booking.audit_entry` of bookings' status changes (written by the booking lifecycle's
 * one-statement writes), each entry with its booking's collège and organisation. Numbers stay unique across both:
 * even for the booking entries, odd for the others.
 */
export const BOOKING_AUDIT_SOURCE = `
  SELECT a.id * 2 AS id, date_trunc('milliseconds', a.at) AS at, a.actor_account_id, a.actor_role, a.on_behalf_of,
         CASE WHEN a.from_status IS DISTINCT FROM a.to_status THEN 'booking.status_changed' ELSE 'booking.journal_entry' END AS action,
         'booking'::text AS object_type, a.booking_id::text AS object_id, b.establishment_id, b.organisation_id,
         jsonb_build_object('status', jsonb_build_object('before', a.from_status, 'after', a.to_status)) AS changes
    FROM booking.audit_entry a JOIN booking.booking b ON b.id = a.booking_id
  UNION ALL
  SELECT id * 2 + 1, at, actor_account_id, actor_role, on_behalf_of, action, object_type, object_id,
         establishment_id, organisation_id, changes
    FROM booking.audit_log`;

export function auditHandlers(
  dataSource: DataSource,
): OperationImplementations<typeof serviceAuditOperations, BookingAccessPolicy> {
  return {
    auditEntries: {
      access: 'signedIn',
      handle: ({ query }, { access }) => {
        const scope = auditScopeOf(
          { isAdmin: access.isAdmin, establishments: access.establishmentIds },
          query.establishmentId,
        );
        if (scope === 'forbidden')
          throw forbidden('Réservé aux agents du département et aux gestionnaires de ce collège.');
        return listAudit(dataSource, 'booking', BOOKING_AUDIT_SOURCE, query, scope);
      },
    },
  };
}
