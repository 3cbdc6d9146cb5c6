import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { BookingCanceller, BookingStatus, PaymentChoice, PublicPayer, RenterCategory } from '@salle/contracts';

@Entity({ name: 'booking', schema: 'booking' })
export class BookingEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'space_id' })
  spaceId!: string;

  @Column({ type: 'uuid', name: 'establishment_id' })
  establishmentId!: string;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId!: string;

  @Column({ type: 'uuid', name: 'series_id', nullable: true })
  seriesId!: string | null;

  @Column({ type: 'timestamptz', name: 'starts_at' })
  startsAt!: Date;

  @Column({ type: 'timestamptz', name: 'ends_at' })
  endsAt!: Date;

  /** The end plus the space's turnaround buffer: what the no-overlap constraint holds. */
  @Column({ type: 'timestamptz', name: 'blocked_until' })
  blockedUntil!: Date;

  @Column({ type: 'text' })
  status!: BookingStatus;

  @Column({ type: 'text', name: 'renter_category' })
  renterCategory!: RenterCategory;

  @Column({ type: 'integer', name: 'price_cents' })
  priceCents!: number;

  @Column({ type: 'integer', name: 'deposit_cents' })
  depositCents!: number;

  @Column({ type: 'jsonb', name: 'price_details' })
  priceDetails!: Record<string, unknown>;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ type: 'integer', nullable: true })
  attendees!: number | null;

  /** A public payer's invoicing identifiers (see domain/public-payer): its booking is invoiced, not paid online. */
  @Column({ type: 'jsonb', name: 'public_payer', nullable: true })
  publicPayer!: PublicPayer | null;

  @Column({ type: 'uuid', name: 'requested_by' })
  requestedBy!: string;

  /** The collège's manager or département admin who entered the request on the organisation's behalf; null when a member did. */
  @Column({ type: 'uuid', name: 'entered_by', nullable: true })
  enteredBy!: string | null;

  /** How the organisation said it would pay a request entered for it; null for a member's own request (online). */
  @Column({ type: 'text', name: 'payment_choice', nullable: true })
  paymentChoice!: PaymentChoice | null;

  @Column({ type: 'uuid', name: 'decided_by', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'text', name: 'decision_message', nullable: true })
  decisionMessage!: string | null;

  @Column({ type: 'text', name: 'refusal_reason', nullable: true })
  refusalReason!: string | null;

  @Column({ type: 'text', name: 'cancelled_by', nullable: true })
  cancelledBy!: BookingCanceller | null;

  @Column({ type: 'text', name: 'cancellation_reason', nullable: true })
  cancellationReason!: string | null;

  @Column({ type: 'smallint', name: 'refund_percent', nullable: true })
  refundPercent!: number | null;

  @Column({ type: 'timestamptz', name: 'expires_at', nullable: true })
  expiresAt!: Date | null;

  /** A debit the provider is still processing: the booking stays held past `expiresAt` until it succeeds or fails. */
  @Column({ type: 'uuid', name: 'processing_payment_id', nullable: true })
  processingPaymentId!: string | null;

  /** The payment that paid the booking before its convention was fully signed (after_payment): it confirms it then. */
  @Column({ type: 'uuid', name: 'paid_by_payment_id', nullable: true })
  paidByPaymentId!: string | null;

  /** Paid before its convention was fully signed: the date by which it must be signed (CONVENTION_SIGNING_DUE_DAYS). */
  @Column({ type: 'timestamptz', name: 'convention_due_at', nullable: true })
  conventionDueAt!: Date | null;

  /** When that date passed unsigned: the parties were reminded and the collège sees the booking flagged. */
  @Column({ type: 'timestamptz', name: 'convention_overdue_at', nullable: true })
  conventionOverdueAt!: Date | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'timestamptz', name: 'created_at', update: false })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
