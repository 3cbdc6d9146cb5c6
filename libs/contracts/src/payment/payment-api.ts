import { z } from 'zod';
import { counterPaymentDetailsSchema } from './counter-payments';

const cents = z.number().int();

/** `POST /bookings/:bookingId/checkout`: where to send the payer. */
/**
 * What the payer may add when paying: PayFiP (collèges paid straight to their public accountant) sends its
 * ticket to the payer's e-mail and requires one; Stripe asks on its own page and ignores it.
 */
export const openCheckoutSchema = z
  .object({ payerEmail: z.email().min(6).max(80).optional() })
  .strict()
  .optional();
export type OpenCheckoutBody = z.infer<typeof openCheckoutSchema>;

export const checkoutResponseSchema = z.object({
  paymentId: z.uuid(),
  bookingId: z.uuid(),
  checkoutUrl: z.url(),
  expiresAt: z.iso.datetime({ offset: true }),
  amountCents: cents,
});
export type CheckoutResponse = z.infer<typeof checkoutResponseSchema>;

/** `POST /series/:seriesId/periods/:periodKey/checkout`: one checkout for every session of the period still to pay. */
export const periodCheckoutResponseSchema = checkoutResponseSchema.omit({ bookingId: true }).extend({
  seriesId: z.uuid(),
  periodKey: z.string(),
  /** The sessions the payment pays, each confirmed once it succeeds. */
  bookingIds: z.array(z.uuid()).min(1),
});
export type PeriodCheckoutResponse = z.infer<typeof periodCheckoutResponseSchema>;

/** One payment period of a series as payment sees it: what is still to pay, what was paid and refunded. */
export const seriesPaymentPeriodViewSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** The sessions still awaiting their payment, and their sum. */
  payableBookingIds: z.array(z.uuid()),
  payableCents: cents,
  paidCents: cents,
  refundedCents: cents,
  paidAt: z.iso.datetime({ offset: true }).nullable(),
  /** A checkout of the period is open or a debit is under way. */
  inProgress: z.boolean(),
  /** Paid at the collège's counter (its régie): how, the quittance number and the day; null when not. */
  counter: counterPaymentDetailsSchema.nullable().optional(),
});
export const seriesPaymentViewSchema = z.object({
  seriesId: z.uuid(),
  periods: z.array(seriesPaymentPeriodViewSchema),
});
export type SeriesPaymentView = z.infer<typeof seriesPaymentViewSchema>;

export const PAYMENT_STATUSES = [
  'creating',
  'open',
  'processing',
  'succeeded',
  'rejected',
  'failed',
  'expired',
  'abandoned',
] as const;
export const paymentStatusSchema = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

export const REFUND_STATUSES = ['requested', 'pending', 'succeeded', 'failed'] as const;
export const refundStatusSchema = z.enum(REFUND_STATUSES);
export type RefundStatus = z.infer<typeof refundStatusSchema>;

/** Why money goes back: one refund per payment and cause, except `external` (made at the provider by hand). */
export const REFUND_CAUSES = ['cancellation', 'late_payment', 'unknown_booking', 'admin', 'external'] as const;
export const refundCauseSchema = z.enum(REFUND_CAUSES);
export type RefundCause = z.infer<typeof refundCauseSchema>;

/**
 * Where an approved booking stands for the payment service: still `payable`,
 * `paid`, or ended (`cancelled`, `expired`) by the booking service's events.
 */
export const PAYABLE_STATUSES = ['payable', 'paid', 'cancelled', 'expired'] as const;
export const payableStatusSchema = z.enum(PAYABLE_STATUSES);
export type PayableStatus = z.infer<typeof payableStatusSchema>;

/** `GET /bookings/:bookingId/payment`. */
export const bookingPaymentViewSchema = z.object({
  bookingId: z.uuid(),
  priceCents: cents,
  payableStatus: payableStatusSchema,
  payments: z.array(
    z.object({
      id: z.uuid(),
      status: paymentStatusSchema,
      amountCents: cents,
      applicationFeeCents: cents,
      refundedCents: cents,
      expiresAt: z.string(),
      paidAt: z.string().nullable(),
      receiptAvailable: z.boolean(),
      /** Taken at the collège's counter (its régie): how, the quittance number and the day; null when paid online. */
      counter: counterPaymentDetailsSchema.nullable().optional(),
      refunds: z.array(
        z.object({
          id: z.uuid(),
          status: refundStatusSchema,
          amountCents: cents,
          percent: z.number().int(),
          cause: refundCauseSchema,
        }),
      ),
    }),
  ),
});
export type BookingPaymentView = z.infer<typeof bookingPaymentViewSchema>;

/** The states of a collège's payout account once created. */
export const PAYOUT_ACCOUNT_STATES = ['onboarding', 'ready', 'restricted'] as const;
export type PayoutAccountState = (typeof PAYOUT_ACCOUNT_STATES)[number];
/** As shown: `none` while the collège has no payout account yet. */
export const payoutAccountStatusSchema = z.enum(['none', ...PAYOUT_ACCOUNT_STATES]);
export type PayoutAccountStatus = z.infer<typeof payoutAccountStatusSchema>;

/** `GET|POST /establishments/:establishmentId/payout-account`. */
export const payoutAccountViewSchema = z.object({
  establishmentId: z.uuid(),
  status: payoutAccountStatusSchema,
  accountId: z.string().nullable(),
  transfersActive: z.boolean(),
  payoutsEnabled: z.boolean(),
  requirementsDue: z.array(z.string()),
  readyAt: z.string().nullable(),
});
export type PayoutAccountView = z.infer<typeof payoutAccountViewSchema>;

export const createPayoutAccountSchema = z.strictObject({
  /** The collège as it should appear to the payment provider. */
  displayName: z.string().trim().min(1).max(200),
  email: z.email({ error: 'doit être une adresse électronique' }).optional(),
});
export type CreatePayoutAccount = z.infer<typeof createPayoutAccountSchema>;

/** `POST /establishments/:establishmentId/payout-account/onboarding-link`: single use, never stored. */
export const onboardingLinkSchema = z.object({ url: z.url(), expiresAt: z.iso.datetime({ offset: true }) });
export type OnboardingLink = z.infer<typeof onboardingLinkSchema>;

export const ledgerQuerySchema = z.strictObject({
  from: z.iso.date({ error: 'doit être une date AAAA-MM-JJ' }).optional(),
  to: z.iso.date({ error: 'doit être une date AAAA-MM-JJ' }).optional(),
});

export const reconciliationQuerySchema = z.strictObject({ establishmentId: z.uuid().optional() });

/** What the ledger of one payment adds up to, and what does not add up. */
const ledgerSummary = {
  grossCents: cents,
  refundedCents: cents,
  establishmentShareCents: cents,
  departmentShareCents: cents,
  processingFeeCents: cents,
  disputedCents: cents,
  issues: z.array(z.string()),
};

/**
 * `GET /reconciliation`: the ledger checked booking by booking, series' period payment by payment, and payout by
 * payout. Money received for no known booking (hence no collège) is checked in the suspense account, payment by
 * payment, until it is refunded.
 */
export const reconciliationReportSchema = z.object({
  ok: z.boolean(),
  bookings: z.array(z.object({ bookingId: z.uuid(), establishmentId: z.uuid(), ...ledgerSummary })),
  /**
   * One payment for the sessions of a series' period (its ledger lines carry the payment, not a booking): its
   * ledger, the provider's charge and amount, and the sessions it paid (`bookingIds`) checked together.
   */
  periods: z.array(
    z.object({
      paymentId: z.uuid(),
      seriesId: z.uuid(),
      periodKey: z.string(),
      establishmentId: z.uuid(),
      provider: z.string(),
      amountCents: cents,
      bookingIds: z.array(z.uuid()),
      ...ledgerSummary,
    }),
  ),
  suspense: z.array(z.object({ paymentId: z.uuid(), bookingId: z.uuid().nullable(), ...ledgerSummary })),
  payouts: z.array(
    z.object({
      payoutId: z.string(),
      establishmentId: z.uuid(),
      amountCents: cents,
      itemsCents: cents,
      issues: z.array(z.string()),
    }),
  ),
});
export type ReconciliationReport = z.infer<typeof reconciliationReportSchema>;

export const PAYMENT_FLAG_KINDS = [
  'amount_mismatch',
  'unknown_booking',
  'unknown_checkout',
  'late_payment',
  'dispute',
  'refund_failed',
  'provider_error',
] as const;
export const paymentFlagKindSchema = z.enum(PAYMENT_FLAG_KINDS);
export type PaymentFlagKind = z.infer<typeof paymentFlagKindSchema>;

/** Who may write to the payer about a flag (« Contacter le payeur »). */
export const PAYER_CONTACT_ROLES = ['department_admin', 'establishment_manager'] as const;

/** `GET /admin/flags`: what a département admin must look at. */
export const paymentFlagSchema = z.object({
  id: z.uuid(),
  kind: paymentFlagKindSchema,
  bookingId: z.uuid().nullable(),
  paymentId: z.uuid().nullable(),
  detail: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** What the service knows of the flagged payment and booking (null where it knows nothing). */
  context: z.object({
    /** The adapter the payment went through (`stripe`, `payfip`) and its reference there (charge, idOp...). */
    provider: z.string().nullable(),
    providerReference: z.string().nullable(),
    paidCents: cents.nullable(),
    /** The booking's price, as billed. */
    priceCents: cents.nullable(),
    organisationName: z.string().nullable(),
    establishmentName: z.string().nullable(),
    spaceName: z.string().nullable(),
    startsAt: z.string().nullable(),
  }),
  /** Each time the payer organisation was written to about this flag (« Contacter le payeur »): who, when. */
  payerContacts: z.array(
    z.object({
      at: z.string(),
      byAccountId: z.uuid().nullable(),
      byRole: z.enum(PAYER_CONTACT_ROLES),
    }),
  ),
});
export type PaymentFlag = z.infer<typeof paymentFlagSchema>;
export type PaymentFlagContext = PaymentFlag['context'];

export const resolveFlagSchema = z.strictObject({
  /** `refund` gives back everything still held for the flagged payment. */
  action: z.enum(['dismiss', 'refund']),
  note: z.string().trim().max(1000).optional(),
});

const entityId = z.uuid({ error: 'doit être un identifiant (UUID)' });
/** Path parameters of the payment endpoints. */
export const bookingPathSchema = z.object({ bookingId: entityId });
export const establishmentPathSchema = z.object({ establishmentId: entityId });
export const flagPathSchema = z.object({ flagId: entityId });
export const seriesPathSchema = z.object({ seriesId: entityId });
/** A series' payment period: `season`, `YYYY-MM` or `YYYY-T1`..`YYYY-T3`, as the booking service names them. */
export const seriesPeriodPathSchema = z.object({
  seriesId: entityId,
  periodKey: z
    .string()
    .regex(/^(season|\d{4}-(0[1-9]|1[0-2])|\d{4}-T[1-3])$/, { error: 'doit être une période de paiement de la série' }),
});
/** `GET /admin/flags`: open ones by default. */
export const flagQuerySchema = z.object({ open: z.enum(['true', 'false']).default('true') });

/**
 * A PayFiP notification's query (GET): only the idOp matters, spelt `idop` or `idOp` (undocumented); the
 * handler reads it case-insensitively and refuses anything that is not one UUID (other spellings pass through).
 */
export const payfipNotificationQuerySchema = z.looseObject({
  idop: z.string().max(100).optional(),
  idOp: z.string().max(100).optional(),
});
export const payfipNotificationAnswerSchema = z.object({ received: z.literal(true) });

/**
 * A refund owed on a PayFiP payment: PayFiP cannot refund, so it is a request to the collège's public
 * accountant (a payment order), with what the accountant needs to find the payment, then done with the
 * accountant's reference.
 */
export const accountantRefundSchema = z.object({
  id: z.uuid(),
  paymentId: z.uuid(),
  bookingId: z.uuid().nullable(),
  establishmentId: z.uuid().nullable(),
  payerName: z.string().nullable(),
  amountCents: cents,
  percent: z.number().int().min(0).max(100),
  cause: refundCauseSchema,
  /** PayFiP's references of the payment: the debt (refdet), the operation (idOp) and the authorisation (numauto). */
  refdet: z.string(),
  idOp: z.string().nullable(),
  numauto: z.string().nullable(),
  paidAt: z.iso.datetime({ offset: true }).nullable(),
  requestedAt: z.iso.datetime({ offset: true }),
  done: z.boolean(),
  accountantReference: z.string().nullable(),
  doneAt: z.iso.datetime({ offset: true }).nullable(),
});
export type AccountantRefund = z.infer<typeof accountantRefundSchema>;

/** `GET /accountant-refunds`: a collège's (its managers) or every collège's (admins), the open ones by default. */
export const accountantRefundQuerySchema = z.strictObject({
  establishmentId: z.uuid().optional(),
  open: z.enum(['true', 'false']).default('true'),
});
export const refundPathSchema = z.object({ refundId: entityId });
export const accountantRefundDoneSchema = z.strictObject({
  /** The accountant's reference of the payment order (mandat) that repaid the payer. */
  accountantReference: z
    .string()
    .trim()
    .min(1, { error: 'indiquez la référence du mandat de remboursement' })
    .max(60, { error: '60 caractères au plus' }),
});
/** `GET /establishments/:establishmentId/accountant-export.csv`: payments and refund requests of a period. */
export const accountantExportQuerySchema = ledgerQuerySchema;
