import type { MigrationInterface, QueryRunner } from 'typeorm';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface EventTables {
  schema: string;
  outbox: string;
  inbox: string;
}

/** Quoted, schema-qualified names of the event tables of a service schema. */
export function eventTables(schema: string): EventTables {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  return { schema, outbox: `"${schema}"."event_outbox"`, inbox: `"${schema}"."event_inbox"` };
}

export const EVENT_TABLES_MIGRATION_NAME = 'CreateEventTables1763900000000';

/**
 * The migration that creates the outbox and inbox tables in a service's
 * schema. Add the returned class to the service's migration list:
 * `migrations: [..., createEventTablesMigration('booking')]`.
 */
export function createEventTablesMigration(schema: string): new () => MigrationInterface {
  const { outbox, inbox } = eventTables(schema);
  return class CreateEventTables1763900000000 implements MigrationInterface {
    name = EVENT_TABLES_MIGRATION_NAME;

    async up(runner: QueryRunner): Promise<void> {
      // `position` orders the relay's work; per aggregate it follows commit order
      // because the outbox takes a per-aggregate lock before drawing it.
      await runner.query(`
        CREATE TABLE ${outbox} (
          position bigserial PRIMARY KEY,
          id uuid NOT NULL UNIQUE,
          type text NOT NULL,
          version integer NOT NULL,
          aggregate_id text NOT NULL,
          payload jsonb NOT NULL,
          request_id text,
          occurred_at timestamptz NOT NULL,
          published_at timestamptz,
          stream_ms bigint,
          stream_seq bigint,
          confirmed_at timestamptz,
          publish_count integer NOT NULL DEFAULT 0,
          CHECK ((published_at IS NULL) = (stream_ms IS NULL)),
          CHECK (confirmed_at IS NULL OR published_at IS NOT NULL)
        )`);
      await runner.query(`CREATE INDEX event_outbox_unpublished ON ${outbox} (position) WHERE published_at IS NULL`);
      await runner.query(
        `CREATE INDEX event_outbox_unconfirmed ON ${outbox} (stream_ms, stream_seq) WHERE published_at IS NOT NULL AND confirmed_at IS NULL`,
      );
      await runner.query(
        `CREATE INDEX event_outbox_confirmed_at ON ${outbox} (confirmed_at) WHERE confirmed_at IS NOT NULL`,
      );
      await runner.query(`
        CREATE TABLE ${inbox} (
          consumer_group text NOT NULL,
          event_id uuid NOT NULL,
          event_type text NOT NULL,
          processed_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (consumer_group, event_id)
        )`);
      await runner.query(`CREATE INDEX event_inbox_processed_at ON ${inbox} (processed_at)`);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`DROP TABLE ${inbox}`);
      await runner.query(`DROP TABLE ${outbox}`);
    }
  };
}

export const OUTBOX_TRACEPARENT_MIGRATION_NAME = 'AddOutboxTraceparent1796700000000';

/**
 * Adds the W3C `traceparent` of the transaction that wrote each event, so that
 * the consumer's span continues the producer's trace. Nullable: replicas of the
 * previous release keep inserting without it during a rolling upgrade.
 */
export function createOutboxTraceparentMigration(schema: string): new () => MigrationInterface {
  const { outbox } = eventTables(schema);
  return class AddOutboxTraceparent1796700000000 implements MigrationInterface {
    name = OUTBOX_TRACEPARENT_MIGRATION_NAME;

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${outbox} ADD COLUMN traceparent text`);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${outbox} DROP COLUMN traceparent`);
    }
  };
}

/** Every migration of the event tables of a service schema, in order: spread them into its migration list. */
export function eventTablesMigrations(schema: string): (new () => MigrationInterface)[] {
  return [createEventTablesMigration(schema), createOutboxTraceparentMigration(schema)];
}
