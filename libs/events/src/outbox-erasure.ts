import type { EntityManager } from 'typeorm';
import { eventTables } from './event-tables';

/**
 * Erasure of a person (RGPD art. 17), in the caller's transaction: deletes the events of `schema`'s outbox that name
 * `id` (as their aggregate, or anywhere in their payload) and that every consumer group already confirmed. Delivered,
 * they only wait for the pruner (days after their confirmation), and would carry the erased account id until then;
 * nothing reads them again (a replay reads the dead letters). An event not yet confirmed stays, to be delivered: the
 * pruner deletes it later. Idempotent; returns how many were deleted.
 */
export async function deleteDeliveredEventsNaming(manager: EntityManager, schema: string, id: string): Promise<number> {
  const { outbox } = eventTables(schema);
  const result = (await manager.query(
    `DELETE FROM ${outbox} WHERE confirmed_at IS NOT NULL AND (aggregate_id = $1 OR strpos(payload::text, $1) > 0)`,
    [id],
  )) as [unknown[], number];
  return result[1];
}
