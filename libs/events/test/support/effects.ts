import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { EventHandler, HandlerContext } from '../../src';

export const PRODUCER_SCHEMA = 'booking';
export const CONSUMER_SCHEMA = 'payment';

/**
 * What the consumer's handler does: one row per handling. No unique key on
 * purpose, so that a doubled effect shows up as two rows.
 */
export class CreateEffects1763900000001 implements MigrationInterface {
  name = 'CreateEffects1763900000001';
  async up(runner: QueryRunner) {
    await runner.query(`CREATE TABLE "${CONSUMER_SCHEMA}"."effect" (
      seq bigserial PRIMARY KEY,
      event_id uuid NOT NULL,
      aggregate_id text NOT NULL,
      consumer text NOT NULL,
      handled_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
  }
  async down(runner: QueryRunner) {
    await runner.query(`DROP TABLE "${CONSUMER_SCHEMA}"."effect"`);
  }
}

export async function recordEffect(
  event: { id: string; aggregateId: string },
  { manager }: HandlerContext,
  consumer: string,
) {
  await manager.query(
    `INSERT INTO "${CONSUMER_SCHEMA}"."effect" (event_id, aggregate_id, consumer) VALUES ($1, $2, $3)`,
    [event.id, event.aggregateId, consumer],
  );
}

export function effectHandler(consumer: string): EventHandler<'booking.approved'> {
  return (event, context) => recordEffect(event, context, consumer);
}
