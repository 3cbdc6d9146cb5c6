import type { DataSource, EntityManager } from 'typeorm';
import { establishmentContactsChangedV1 } from '@salle/contracts';
import { createOutbox } from '@salle/events';

const outbox = createOutbox({ schema: 'booking' });

/** One transaction-scoped advisory lock: two replicas announcing at once would announce the same change twice. */
const ANNOUNCER_LOCK = 7_106_001;

interface ContactsRow {
  establishmentId: string;
  contactEmail: string | null;
  managerAccountIds: string[];
  digest: string;
}

/** The contact address as the event carries it: lower case, or null when absent or not an address (written by SQL). */
function usableAddress(address: string | null): string | null {
  const candidate = address?.trim().toLowerCase();
  return candidate && establishmentContactsChangedV1.shape.contactEmail.safeParse(candidate).success ? candidate : null;
}

/**
 * Announces `establishment.contacts_changed` for every collège (or those
 * named) whose contact address or managers differ from what was last
 * announced, in the caller's transaction. Comparing digests makes it
 * idempotent: calling it after each change through the API and, on a timer,
 * for whatever was written outside it (the seed, SQL, an agent matched by
 * SIRET at login) announces each state once. Returns how many were announced.
 */
export async function announceEstablishmentContacts(
  manager: EntityManager,
  establishmentIds?: readonly string[],
): Promise<number> {
  await manager.query(`SELECT pg_advisory_xact_lock($1)`, [ANNOUNCER_LOCK]);
  const changed = (await manager.query(
    `WITH current AS (
       SELECT e.id AS "establishmentId", e.contact_email AS "contactEmail",
              COALESCE(array_agg(m.account_id::text ORDER BY m.account_id) FILTER (WHERE m.account_id IS NOT NULL), '{}')
                AS "managerAccountIds"
         FROM booking.establishment e
         LEFT JOIN booking.establishment_manager m ON m.establishment_id = e.id
        WHERE $1::uuid[] IS NULL OR e.id = ANY($1::uuid[])
        GROUP BY e.id)
     SELECT c.*, md5(COALESCE(c."contactEmail", '') || '|' || array_to_string(c."managerAccountIds", ',')) AS digest
       FROM current c
       LEFT JOIN booking.establishment_contacts_announced a ON a.establishment_id = c."establishmentId"
      WHERE a.digest IS DISTINCT FROM md5(COALESCE(c."contactEmail", '') || '|' || array_to_string(c."managerAccountIds", ','))`,
    [establishmentIds ? [...establishmentIds] : null],
  )) as ContactsRow[];
  for (const row of changed) {
    await outbox.add(manager, {
      type: 'establishment.contacts_changed',
      aggregateId: row.establishmentId,
      payload: {
        establishmentId: row.establishmentId,
        contactEmail: usableAddress(row.contactEmail),
        managerAccountIds: row.managerAccountIds,
      },
    });
    await manager.query(
      `INSERT INTO booking.establishment_contacts_announced (establishment_id, digest) VALUES ($1, $2)
       ON CONFLICT (establishment_id) DO UPDATE SET digest = EXCLUDED.digest, announced_at = now()`,
      [row.establishmentId, row.digest],
    );
  }
  return changed.length;
}

/** The timer's pass: every collège whose contacts changed outside the API. */
export function announceChangedContacts(dataSource: DataSource): Promise<number> {
  return dataSource.transaction((manager) => announceEstablishmentContacts(manager));
}
