import type Stripe from 'stripe';
import type {
  CheckoutState,
  CheckoutStatus,
  MoneyMovement,
  PaymentClaim,
  PayoutAccountState,
  ProviderEventMeaning,
  ProviderRefund,
  ProviderRefundStatus,
  PaidCharge,
} from '../payment-provider';

/** The expansions that give a session's PaymentIntent, charge, transfer and fee in one request. */
export const SESSION_EXPANSIONS = [
  'payment_intent.latest_charge.transfer',
  'payment_intent.latest_charge.balance_transaction',
];

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value == null ? null : typeof value === 'string' ? value : value.id;
const date = (unixSeconds: number) => new Date(unixSeconds * 1000);

function expanded<T extends { id: string }>(value: string | T | null | undefined): T | null {
  return value != null && typeof value === 'object' ? value : null;
}

/** Open, paid, processing (SEPA not yet settled), failed or expired, from the session and its PaymentIntent. */
function statusOf(session: Stripe.Checkout.Session, intent: Stripe.PaymentIntent | null): CheckoutStatus {
  switch (session.status) {
    case 'open':
      return 'open';
    case 'expired':
      return 'expired';
    case 'complete':
      if (session.payment_status === 'paid' || session.payment_status === 'no_payment_required') return 'paid';
      if (intent && (intent.status === 'requires_payment_method' || intent.status === 'canceled')) return 'failed';
      return 'processing';
    default:
      return 'open';
  }
}

export function toPaidCharge(charge: Stripe.Charge): PaidCharge {
  const transfer = expanded<Stripe.Transfer>(charge.transfer);
  const balance = expanded<Stripe.BalanceTransaction>(charge.balance_transaction);
  const destination = charge.transfer_data?.destination ?? transfer?.destination ?? null;
  const feeId = idOf(charge.application_fee);
  return {
    chargeId: charge.id,
    paidAt: date(charge.created),
    grossCents: charge.amount,
    processingFeeCents: balance?.fee ?? 0,
    applicationFee: feeId ? { id: feeId, amountCents: charge.application_fee_amount ?? 0 } : null,
    transfer: transfer
      ? {
          id: transfer.id,
          amountCents: transfer.amount,
          destinationAccountId: idOf(destination as string | { id: string } | null) ?? '',
          destinationPaymentId: idOf(transfer.destination_payment),
        }
      : null,
  };
}

export function toCheckoutState(session: Stripe.Checkout.Session): CheckoutState {
  const intent = expanded<Stripe.PaymentIntent>(session.payment_intent);
  const charge = expanded<Stripe.Charge>(intent?.latest_charge);
  const status = statusOf(session, intent);
  const metadata = session.metadata ?? {};
  return {
    checkoutId: session.id,
    status,
    url: session.url,
    expiresAt: date(session.expires_at),
    amountCents: session.amount_total ?? 0,
    currency: session.currency ?? 'eur',
    // A period's checkout names its period, not a booking, in client_reference_id.
    bookingId: metadata['booking_id'] ?? (metadata['period'] ? null : session.client_reference_id) ?? null,
    paymentId: metadata['payment_id'] ?? null,
    paymentReference: idOf(session.payment_intent),
    destinationAccountId: idOf(intent?.transfer_data?.destination as string | { id: string } | undefined),
    paidCharge: status === 'paid' && charge ? toPaidCharge(charge) : null,
    failureReason: status === 'failed' ? (intent?.last_payment_error?.message ?? 'payment failed') : null,
  };
}

function refundStatus(status: string | null): ProviderRefundStatus {
  switch (status) {
    case 'succeeded':
      return 'succeeded';
    case 'failed':
      return 'failed';
    case 'canceled':
      return 'canceled';
    default:
      return 'pending';
  }
}

export function toRefund(refund: Stripe.Refund): ProviderRefund {
  return {
    id: refund.id,
    chargeId: idOf(refund.charge) ?? '',
    amountCents: refund.amount,
    status: refundStatus(refund.status),
    createdAt: date(refund.created),
    metadata: refund.metadata ?? {},
  };
}

export function toMovement(object: { id: string; amount: number; created: number }): MoneyMovement {
  return { id: object.id, amountCents: object.amount, createdAt: date(object.created) };
}

export function toPayoutAccount(account: Stripe.Account): PayoutAccountState {
  const requirements = account.requirements;
  return {
    accountId: account.id,
    establishmentId: account.metadata?.['establishment_id'] ?? null,
    transfersActive: account.capabilities?.transfers === 'active',
    payoutsEnabled: account.payouts_enabled ?? false,
    detailsSubmitted: account.details_submitted ?? false,
    requirementsDue: [...new Set([...(requirements?.currently_due ?? []), ...(requirements?.past_due ?? [])])],
  };
}

/** A completed session announces money unless it says a debit is still to come (SEPA: `unpaid` until it settles). */
function paymentClaim(type: string, session: Record<string, unknown>): { claim?: PaymentClaim } {
  if (type === 'checkout.session.completed' && session['payment_status'] === 'unpaid') return {};
  const metadata = (session['metadata'] ?? {}) as Record<string, unknown>;
  const bookingId = metadata['booking_id'] ?? session['client_reference_id'];
  const amount = session['amount_total'];
  return {
    claim: {
      bookingId: typeof bookingId === 'string' ? bookingId : null,
      amountCents: typeof amount === 'number' ? amount : null,
    },
  };
}

/**
 * What a Stripe event means to the domain. Everything else is acknowledged and ignored.
 * `accountId` is the connected account the event was listed for, when its body does not say.
 */
export function interpretEvent(event: Stripe.Event, accountId: string | null = null): ProviderEventMeaning {
  const object = event.data.object as unknown as Record<string, unknown> & { id: string };
  const account = event.account ?? accountId;
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return { kind: 'checkout', checkoutId: object.id, ...paymentClaim(event.type, object) };
    case 'checkout.session.async_payment_failed':
    case 'checkout.session.expired':
      return { kind: 'checkout', checkoutId: object.id };
    case 'charge.refunded':
      return { kind: 'charge', chargeId: object.id };
    case 'refund.created':
    case 'refund.updated':
    case 'refund.failed':
    case 'charge.refund.updated': {
      const chargeId = idOf(object['charge'] as string | { id: string } | null);
      return chargeId ? { kind: 'charge', chargeId } : { kind: 'ignored' };
    }
    case 'charge.dispute.created': {
      const chargeId = idOf(object['charge'] as string | { id: string } | null);
      return chargeId
        ? {
            kind: 'dispute',
            disputeId: object.id,
            chargeId,
            amountCents: Number(object['amount']),
            createdAt: date(Number(object['created'])),
          }
        : { kind: 'ignored' };
    }
    case 'account.updated':
      return { kind: 'payout_account', accountId: account ?? object.id };
    case 'payout.paid':
      return account
        ? {
            kind: 'payout',
            accountId: account,
            payoutId: object.id,
            amountCents: Number(object['amount']),
            arrivalAt: date(Number(object['arrival_date'])),
            status: String(object['status']),
          }
        : { kind: 'ignored' };
    default:
      return { kind: 'ignored' };
  }
}
