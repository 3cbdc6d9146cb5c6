import type { DataSource } from 'typeorm';
import { parisToday } from '../domain/time';
import { announceOrganisationEvent } from '../organisations/membership-events';

/** How long before its expiry the organisation is told to upload a new certificate. */
export const INSURANCE_REMINDER_DAYS = 30;
const BATCH = 100;

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Announces `organisation.insurance_expiring` (with the organisation's owners) for each certificate in force (the organisation's latest) that
 * expires within INSURANCE_REMINDER_DAYS and was not announced yet. Each batch is claimed with FOR UPDATE SKIP
 * LOCKED and marked in the transaction that writes the events, so replicas share the work and each certificate
 * is announced exactly once. `now` is for tests (a simulated clock). Returns how many were announced.
 */
export async function announceExpiringInsurance(dataSource: DataSource, now = new Date()): Promise<number> {
  const today = parisToday(now);
  const horizon = addDays(today, INSURANCE_REMINDER_DAYS);
  let total = 0;
  for (;;) {
    const announced = await dataSource.transaction(async (manager) => {
      const due = (await manager.query(
        `SELECT c.id, c.organisation_id AS "organisationId", o.name AS "organisationName",
                to_char(c.expires_on, 'YYYY-MM-DD') AS "expiresOn",
                array(SELECT m.account_id::text FROM booking.membership m
                       WHERE m.organisation_id = c.organisation_id AND m.role = 'owner'
                       ORDER BY m.account_id) AS "ownerAccountIds"
           FROM booking.insurance_certificate c
           JOIN booking.organisation o ON o.id = c.organisation_id
          WHERE c.expiry_announced_at IS NULL AND c.expires_on BETWEEN $1::date AND $2::date
            AND NOT EXISTS (SELECT 1 FROM booking.insurance_certificate newer
                             WHERE newer.organisation_id = c.organisation_id AND newer.uploaded_at > c.uploaded_at)
          ORDER BY c.id LIMIT $3 FOR UPDATE OF c SKIP LOCKED`,
        [today, horizon, BATCH],
      )) as {
        id: string;
        organisationId: string;
        organisationName: string;
        expiresOn: string;
        ownerAccountIds: string[];
      }[];
      for (const certificate of due) {
        await announceOrganisationEvent(manager, {
          type: 'organisation.insurance_expiring',
          payload: {
            organisationId: certificate.organisationId,
            organisationName: certificate.organisationName,
            certificateId: certificate.id,
            expiresOn: certificate.expiresOn,
            // Only owners act for the organisation's documents: the reminder goes to them, not to every member.
            ownerAccountIds: certificate.ownerAccountIds,
          },
        });
      }
      await manager.query(
        `UPDATE booking.insurance_certificate SET expiry_announced_at = $2 WHERE id = ANY($1::uuid[])`,
        [due.map((certificate) => certificate.id), now],
      );
      return due.length;
    });
    total += announced;
    if (announced < BATCH) return total;
  }
}
