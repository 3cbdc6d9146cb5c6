import type { EntityManager } from 'typeorm';
import { defineTable, queryOne, returnedRows } from '@salle/db';

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

/**
 * Merges an event's facts into the booking's row (a known fact is kept when
 * an event does not carry it) and returns the row. Payment events name no
 * organisation: before any booking event they leave no row, and null comes back.
 */
export async function recordBookingFacts(manager: EntityManager, update: FactUpdate): Promise<BookingFacts | null> {
  const merged = await returnedRows<BookingFacts>(
    manager,
    `INSERT INTO notification.booking_fact AS f
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
       updated_at = now()
     RETURNING ${bookingFactTable.selectListOf('f')}`,
    [
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
    ],
  );
  // The merged row comes back in the same round trip; an event that names no organisation writes nothing, and reads it.
  return merged[0] ?? readBookingFacts(manager, update.bookingId);
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
