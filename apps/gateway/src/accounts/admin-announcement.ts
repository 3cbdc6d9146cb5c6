import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { departmentAdminsChangedV1 } from '@salle/contracts';
import { createOutbox } from '@salle/events';

const outbox = createOutbox({ schema: 'gateway' });
const TOPIC = 'department.admins_changed';

/**
 * Announces the département's admins' addresses (`DEPARTMENT_ADMIN_EMAILS`,
 * which make a ProConnect agent an admin) to the notification service, at
 * start, when they differ from the last announcement: replicas and restarts
 * with the same configuration announce nothing more (the row is locked while
 * compared). Returns whether it announced.
 */
export async function announceDepartmentAdmins(dataSource: DataSource, emails: readonly string[]): Promise<boolean> {
  // An address the event's schema refuses cannot be written to anyway: it is left out rather than stop the start.
  const address = departmentAdminsChangedV1.shape.emails.element;
  const sorted = [...new Set(emails.map((email) => email.toLowerCase()))]
    .filter((email) => address.safeParse(email).success)
    .sort();
  const digest = createHash('sha256').update(sorted.join('\n')).digest('hex');
  return dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO gateway.announcement (topic, digest) VALUES ($1, '') ON CONFLICT (topic) DO NOTHING`,
      [TOPIC],
    );
    const [row] = (await manager.query(`SELECT digest FROM gateway.announcement WHERE topic = $1 FOR UPDATE`, [
      TOPIC,
    ])) as { digest: string }[];
    if (row?.digest === digest) return false;
    await outbox.add(manager, { type: TOPIC, aggregateId: TOPIC, payload: { emails: sorted } });
    await manager.query(`UPDATE gateway.announcement SET digest = $2, announced_at = now() WHERE topic = $1`, [
      TOPIC,
      digest,
    ]);
    return true;
  });
}
