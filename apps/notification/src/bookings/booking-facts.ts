import type { EntityManager } from 'typeorm';
import { defineTable, preparedStatement, queryOne, returnedRows, runPrepared } from '@salle/db';
import type { Audience } from '../messages/message-plan';
import {
  recipientRowsSql,
  recipientsByAudience,
  type Recipient,
  type RecipientRow,
} from '../recipients/recipient-directory';

/** What the events told about a booking so far; any field may still be unknown. */
export interface BookingFacts {
  bookingId: string;
  establishmentId: string;
  organisationId: string;
  seriesId: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  priceCents: number | null;
  organisationName: string | null;
  establishmentName: string | null;
  spaceName: string | null;
}

/** What one event may add: the ids it names and whichever facts it carries. */
export interface FactUpdate {
  bookingId: string;
  establishmentId: string;
  organisationId?: string;
  spaceId?: string;
  seriesId?: string | null;
  startsAt?: string;
  endsAt?: string;
  priceCents?: number;
  labels?: { organisationName: string; establishmentName: string; spaceName: string };
  /** True from the request until a decision, an expiry or a cancellation (the daily digests list these). */
  awaitingDecision?: boolean;
  decisionDueAt?: string;
}

/** The booking_fact table's columns, read as `BookingFacts`. */
const bookingFactTable = defineTable<BookingFacts>('notification.booking_fact', {
  bookingId: 'booking_id',
  establishmentId: 'establishment_id',
  organisationId: 'organisation_id',
  seriesId: 'series_id',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  priceCents: 'price_cents',
  organisationName: 'organisation_name',
  establishmentName: 'establishment_name',
  spaceName: 'space_name',
});

/** The upsert merging an event's facts into the booking's row: a known fact is kept when an event does not carry it. */
const MERGE_FACTS = `INSERT INTO notification.booking_fact AS f
       (booking_id, establishment_id, organisation_id, space_id, series_id, starts_at, ends_at, price_cents,
        organisation_name, establishment_name, space_name, awaiting_decision, decision_due_at)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, COALESCE($12::boolean, false), $13 WHERE $3::uuid IS NOT NULL
     ON CONFLICT (booking_id) DO UPDATE SET
       space_id = COALESCE(EXCLUDED.space_id, f.space_id),
       series_id = COALESCE(EXCLUDED.series_id, f.series_id),
       starts_at = COALESCE(EXCLUDED.starts_at, f.starts_at),
       ends_at = COALESCE(EXCLUDED.ends_at, f.ends_at),
       price_cents = COALESCE(EXCLUDED.price_cents, f.price_cents),
       organisation_name = COALESCE(EXCLUDED.organisation_name, f.organisation_name),
       establishment_name = COALESCE(EXCLUDED.establishment_name, f.establishment_name),
       space_name = COALESCE(EXCLUDED.space_name, f.space_name),
       awaiting_decision = COALESCE($12::boolean, f.awaiting_decision),
       decision_due_at = COALESCE(EXCLUDED.decision_due_at, f.decision_due_at),
       updated_at = now()`;

function mergeParameters(update: FactUpdate): unknown[] {
  return [
    update.bookingId,
    update.establishmentId,
    update.organisationId ?? null,
    update.spaceId ?? null,
    update.seriesId ?? null,
    update.startsAt ?? null,
    update.endsAt ?? null,
    update.priceCents ?? null,
    update.labels?.organisationName ?? null,
    update.labels?.establishmentName ?? null,
    update.labels?.spaceName ?? null,
    update.awaitingDecision ?? null,
    update.decisionDueAt ?? null,
  ];
}

/**
 * Merges an event's facts into the booking's row (a known fact is kept when
 * an event does not carry it) and returns the row. Payment events name no
 * organisation: before any booking event they leave no row, and null comes back.
 */
export async function recordBookingFacts(manager: EntityManager, update: FactUpdate): Promise<BookingFacts | null> {
  const merged = await returnedRows<BookingFacts>(
    manager,
    `${MERGE_FACTS} RETURNING ${bookingFactTable.selectListOf('f')}`,
    mergeParameters(update),
  );
  // The merged row comes back in the same round trip; an event that names no organisation writes nothing, and reads it.
  return merged[0] ?? readBookingFacts(manager, update.bookingId);
}

/** The order `recipientsOfParties` reads the rows in (a member before a listed address of the same e-mail). */
const RECIPIENT_ORDER = `r.audience, r.email, r."accountId" NULLS LAST, r."smsPhone"`;

/**
 * `recordBookingFacts` and, in the same statement, the recipients of the booking's organisation and collège as
 * `recipientsOfParties` reads them (with the members' choices), when `withRecipients`: one round trip for what
 * the two took. The recipients are read in the statement's snapshot, taken before the merge, which writes none of
 * theirs. An event naming no organisation merges nothing: the row as it was is read (none: null).
 */
const MERGE_FACTS_AND_READ_RECIPIENTS = preparedStatement(
  `WITH merged AS (${MERGE_FACTS} RETURNING ${bookingFactTable.selectListOf('f')}),
        facts AS (SELECT * FROM merged
                  UNION ALL
                  SELECT ${bookingFactTable.selectList} FROM notification.booking_fact
                   WHERE booking_id = $1 AND NOT EXISTS (SELECT 1 FROM merged))
   SELECT facts.*,
          CASE WHEN $14::boolean THEN
            (SELECT COALESCE(json_agg(r ORDER BY ${RECIPIENT_ORDER}), '[]'::json)
               FROM (${recipientRowsSql('facts."organisationId"', 'facts."establishmentId"', 'false')}) r)
          ELSE '[]'::json END AS recipients
     FROM facts`,
);

/** A booking's facts after an event, and who its organisation and its collège tell. */
export interface FactsAndRecipients {
  facts: BookingFacts;
  recipients: Record<Audience, Recipient[]>;
}

export async function recordBookingFactsAndReadRecipients(
  manager: EntityManager,
  update: FactUpdate,
  withRecipients: boolean,
): Promise<FactsAndRecipients | null> {
  const { rows } = await runPrepared<BookingFacts & { recipients: RecipientRow[] }>(
    manager.queryRunner ?? manager.connection,
    MERGE_FACTS_AND_READ_RECIPIENTS,
    [...mergeParameters(update), withRecipients],
  );
  const [row] = rows;
  if (!row) return null;
  const { recipients, ...facts } = row;
  return { facts, recipients: recipientsByAudience(recipients) };
}

/** What is known of a booking, or null when no booking event named it. */
export async function readBookingFacts(manager: EntityManager, bookingId: string): Promise<BookingFacts | null> {
  const facts = await queryOne<BookingFacts>(
    manager,
    `SELECT ${bookingFactTable.selectList} FROM notification.booking_fact WHERE booking_id = $1`,
    [bookingId],
  );
  return facts ?? null;
}
