import type { EntityManager } from 'typeorm';
import type { BookingPartyNames, PayableStatus, PaymentStatus, RefundCause, RefundStatus } from '@salle/contracts';

/** Runs SQL on a transaction's manager or on the DataSource alike. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export async function rows<T>(db: Queryable | EntityManager, sql: string, parameters: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, parameters)) as T[];
}

export async function firstRow<T>(
  db: Queryable | EntityManager,
  sql: string,
  parameters: unknown[] = [],
): Promise<T | undefined> {
  return (await rows<T>(db, sql, parameters))[0];
}

/** `UPDATE ... RETURNING` through TypeORM answers [rows, count]. */
export async function updated<T>(db: Queryable | EntityManager, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const result = (await db.query(sql, parameters)) as [T[], number] | T[];
  return Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}

export interface PayableBooking {
  bookingId: string;
  organisationId: string;
  establishmentId: string;
  spaceId: string;
  startsAt: Date;
  endsAt: Date;
  priceCents: number;
  paymentDueAt: Date | null;
  status: PayableStatus;
  labels: BookingLabels;
}

/** Names shown on the checkout page and receipts, when booking.approved carried them (empty for older events). */
export type BookingLabels = Partial<BookingPartyNames>;

export const PAYABLE_COLUMNS = `booking_id AS "bookingId", organisation_id AS "organisationId", establishment_id AS "establishmentId",
  space_id AS "spaceId", starts_at AS "startsAt", ends_at AS "endsAt", price_cents AS "priceCents",
  payment_due_at AS "paymentDueAt", status, labels`;

export interface PaymentRecord {
  id: string;
  bookingId: string | null;
  attempt: number;
  status: PaymentStatus;
  idempotencyKey: string;
  checkoutId: string | null;
  checkoutUrl: string | null;
  paymentReference: string | null;
  chargeId: string | null;
  amountCents: number;
  applicationFeeCents: number;
  destinationAccountId: string | null;
  organisationId: string | null;
  establishmentId: string | null;
  expiresAt: Date;
  request: Record<string, unknown>;
  expireRequestedAt: Date | null;
  paidAt: Date | null;
  receiptNumber: string | null;
  failureReason: string | null;
  createdAt: Date;
}

export const PAYMENT_COLUMNS = `id, booking_id AS "bookingId", attempt, status, idempotency_key AS "idempotencyKey",
  checkout_id AS "checkoutId", checkout_url AS "checkoutUrl", payment_reference AS "paymentReference", charge_id AS "chargeId",
  amount_cents AS "amountCents", application_fee_cents AS "applicationFeeCents", destination_account_id AS "destinationAccountId",
  organisation_id AS "organisationId", establishment_id AS "establishmentId", expires_at AS "expiresAt", request,
  expire_requested_at AS "expireRequestedAt", paid_at AS "paidAt", receipt_number AS "receiptNumber",
  failure_reason AS "failureReason", created_at AS "createdAt"`;

export interface RefundRecord {
  id: string;
  paymentId: string;
  bookingId: string | null;
  cause: RefundCause;
  percent: number;
  amountCents: number;
  status: RefundStatus;
  idempotencyKey: string;
  providerRefundId: string | null;
  attempts: number;
}

export const REFUND_COLUMNS = `id, payment_id AS "paymentId", booking_id AS "bookingId", cause, percent, amount_cents AS "amountCents",
  status, idempotency_key AS "idempotencyKey", provider_refund_id AS "providerRefundId", attempts`;
