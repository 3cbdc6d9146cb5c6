/**
 * The payment provider as the domain sees it: Stripe Connect, or PayFiP (DGFiP) for collèges paid straight
 * to their public accountant. The shapes avoid each provider's vocabulary where they can; the payment row
 * records which provider it went through, and every worker asks that one.
 */

export interface CheckoutRequest {
  paymentId: string;
  /** The booking paid; null for a series' period, whose sessions are the `lines`. */
  bookingId: string | null;
  /** A series' period (`period:{seriesId}:{key}`): groups the payment's money at the provider instead of a booking. */
  periodReference?: string;
  /** One line per session of a period, adding up to `amountCents`; a single booking is one line, the `label`. */
  lines?: { label: string; amountCents: number }[];
  amountCents: number;
  /** Kept by the département; the rest goes to the collège. */
  applicationFeeCents: number;
  /** The collège's payout account (Stripe), or its PayFiP client number (numcli). */
  destinationAccountId: string;
  /** The payer’s e-mail, where PayFiP sends its ticket (PayFiP only; kept with the request to resume a creation). */
  payerEmail?: string;
  /** What the payer sees on the hosted page. */
  label: string;
  expiresAt: Date;
  successUrl: string;
  cancelUrl: string;
}

/** Where a checkout stands at the provider, whatever its events said. */
export type CheckoutStatus = 'open' | 'processing' | 'paid' | 'failed' | 'expired';

/** The money movements of a successful payment. */
export interface PaidCharge {
  chargeId: string;
  paidAt: Date;
  grossCents: number;
  /** The provider's own fee, paid by the platform. */
  processingFeeCents: number;
  applicationFee: { id: string; amountCents: number } | null;
  transfer: {
    id: string;
    amountCents: number;
    destinationAccountId: string;
    destinationPaymentId: string | null;
  } | null;
  /**
   * Paid straight to the collège's public accountant (PayFiP): the platform never held the money, so the
   * ledger records it on the collège's side under this creditor reference.
   */
  receivedDirectly?: { creditorId: string };
}

export interface CheckoutState {
  checkoutId: string;
  status: CheckoutStatus;
  url: string | null;
  expiresAt: Date;
  amountCents: number;
  currency: string;
  /** From the metadata we set: null when the checkout was not created by this service. */
  bookingId: string | null;
  paymentId: string | null;
  /** The provider's reference of the payment (Stripe PaymentIntent). */
  paymentReference: string | null;
  destinationAccountId: string | null;
  paidCharge: PaidCharge | null;
  failureReason: string | null;
}

export type ProviderRefundStatus = 'pending' | 'succeeded' | 'failed' | 'canceled';

export interface ProviderRefund {
  id: string;
  chargeId: string;
  amountCents: number;
  status: ProviderRefundStatus;
  createdAt: Date;
  metadata: Record<string, string>;
}

export interface RefundRequest {
  paymentReference: string;
  amountCents: number;
  /** Take the collège's share back in proportion (destination charges). */
  reverseTransfer: boolean;
  /** Give the département's fee back in proportion. */
  refundApplicationFee: boolean;
  metadata: Record<string, string>;
}

export interface MoneyMovement {
  id: string;
  amountCents: number;
  createdAt: Date;
}

/** Everything that happened to a charge after it was paid. */
export interface ChargeMovements {
  chargeId: string;
  paymentReference: string | null;
  grossCents: number;
  refunds: ProviderRefund[];
  transferReversals: MoneyMovement[];
  applicationFeeRefunds: MoneyMovement[];
}

export interface PayoutAccountState {
  accountId: string;
  establishmentId: string | null;
  transfersActive: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  requirementsDue: string[];
}

/** A provider event whose webhook signature was verified (or listed back from the provider), as stored. */
export interface ProviderEventEnvelope {
  id: string;
  type: string;
  accountId: string | null;
  livemode: boolean;
  apiVersion: string | null;
  createdAt: Date;
  payload: unknown;
}

/** What a provider event says was paid, before the provider confirms it (never trusted for money, only to tell an admin). */
export interface PaymentClaim {
  bookingId: string | null;
  amountCents: number | null;
}

/** What a provider event means to the domain: which object to re-read or record. */
export type ProviderEventMeaning =
  | { kind: 'checkout'; checkoutId: string; claim?: PaymentClaim }
  | { kind: 'charge'; chargeId: string }
  | { kind: 'dispute'; disputeId: string; chargeId: string; amountCents: number; createdAt: Date }
  | { kind: 'payout_account'; accountId: string }
  | { kind: 'payout'; accountId: string; payoutId: string; amountCents: number; arrivalAt: Date; status: string }
  | { kind: 'ignored' };

export interface PayoutItem {
  transactionId: string;
  sourceObjectId: string;
  type: string;
  netCents: number;
}

export interface PaymentProvider {
  readonly name: string;
  createPayoutAccount(
    input: { establishmentId: string; displayName: string; email?: string },
    idempotencyKey: string,
  ): Promise<PayoutAccountState>;
  getPayoutAccount(accountId: string): Promise<PayoutAccountState>;
  /** A single-use onboarding URL: a bearer secret, never stored or logged. */
  createOnboardingLink(input: {
    accountId: string;
    refreshUrl: string;
    returnUrl: string;
  }): Promise<{ url: string; expiresAt: Date }>;
  createCheckout(request: CheckoutRequest, idempotencyKey: string): Promise<CheckoutState>;
  getCheckout(checkoutId: string): Promise<CheckoutState>;
  /** Closes an open checkout; one already completed is returned as it is. */
  expireCheckout(checkoutId: string): Promise<CheckoutState>;
  refund(request: RefundRequest, idempotencyKey: string): Promise<ProviderRefund>;
  getChargeMovements(chargeId: string): Promise<ChargeMovements>;
  listPayoutItems(accountId: string, payoutId: string): Promise<PayoutItem[]>;
  /** Checks the signature of a webhook delivery's raw body and reads its event; throws WebhookSignatureError. */
  verifyWebhook(rawBody: Buffer, signature: string | undefined): ProviderEventEnvelope;
  interpret(envelope: ProviderEventEnvelope): ProviderEventMeaning;
  /**
   * Provider events since `since`, to catch up on lost webhooks: the platform's
   * own, or with `accountId` those that happened on that payout account
   * (Connect events, which the platform's list does not include).
   */
  listRecentEvents(since: Date, accountId?: string): Promise<ProviderEventEnvelope[]>;
}

export type ProviderErrorKind =
  'idempotency_conflict' | 'invalid_request' | 'not_found' | 'authentication' | 'unavailable';

/**
 * A provider call failed. `unavailable` is indeterminate (the request may
 * have been executed): retry with the same idempotency key.
 */
export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ProviderError';
  }

  get retryable(): boolean {
    return this.kind === 'unavailable';
  }
}

export class WebhookSignatureError extends Error {
  override readonly name = 'WebhookSignatureError';
}
