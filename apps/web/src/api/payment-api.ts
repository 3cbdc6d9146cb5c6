import type {
  AccountantRefund,
  BookingPaymentView,
  CheckoutResponse,
  InvoiceView,
  OnboardingLink,
  PaymentFlag,
  paymentOperations,
  PeriodCheckoutResponse,
  ReconciliationReport,
  RevenueView,
  SeriesPaymentView,
} from '@salle/contracts';
import type { RequestOptions } from './api-client';
import { isApiError } from './api-error';
import { api } from './http';
import { operationClient } from './operation-client';
import { paymentRoutes } from './operation-routes';

/** The payment service's operations behind the gateway, from its table in the contracts. */
export const payment = operationClient<typeof paymentOperations>(api, '/api/payment', paymentRoutes);

/**
 * Opens (or reopens) the checkout of an approved booking: the browser then goes to `checkoutUrl`. A collège
 * paid through PayFiP answers `payer_email_required` until the payer's e-mail (for PayFiP's ticket) is given.
 */
export function startCheckout(bookingId: string, payerEmail?: string): Promise<CheckoutResponse> {
  return payment.call('openCheckout', { params: { bookingId }, body: payerEmail ? { payerEmail } : {} });
}

/**
 * Opens (or reopens) ONE checkout for every session of a series' payment period still to pay (SERIES_PAYMENT
 * per month or term): paying it confirms them all. PayFiP asks for the payer's e-mail as for a booking.
 */
export function startPeriodCheckout(
  seriesId: string,
  periodKey: string,
  payerEmail?: string,
): Promise<PeriodCheckoutResponse> {
  return payment.call('openPeriodCheckout', {
    params: { seriesId, periodKey },
    body: payerEmail ? { payerEmail } : {},
  });
}

/** What was paid and refunded in each payment period of a series; null when nothing of it is payable online. */
export async function seriesPayment(seriesId: string, options?: RequestOptions): Promise<SeriesPaymentView | null> {
  try {
    return await payment.call('seriesPayment', { params: { seriesId } }, options);
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null;
    throw error;
  }
}

/**
 * A booking's payments and refunds as the payment service records them; null
 * when it holds none for the booking (free, or never approved): nothing was paid.
 */
export async function bookingPayment(bookingId: string, options?: RequestOptions): Promise<BookingPaymentView | null> {
  try {
    return await payment.call('bookingPayment', { params: { bookingId } }, options);
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null;
    throw error;
  }
}

export function receiptUrl(bookingId: string): string {
  return payment.url('receipt', { bookingId });
}

/**
 * A single-use onboarding link of the collège's payout account (Stripe
 * Connect). The account is created first when there is none yet (the service
 * answers the existing one otherwise).
 */
export async function startPayoutOnboarding(establishment: { id: string; name: string }): Promise<OnboardingLink> {
  const params = { establishmentId: establishment.id };
  await payment.call('createPayoutAccount', { params, body: { displayName: establishment.name } });
  return payment.call('onboardingLink', { params });
}

/** The payment flags a département admin must look at: the open ones, or every one with `open: false`. */
export async function paymentFlags(open: boolean, options?: RequestOptions): Promise<PaymentFlag[]> {
  const answer = await payment.call('flags', { query: { open: open ? 'true' : 'false' } }, options);
  return answer.items;
}

/**
 * Marks a flag handled, with the admin's note (the service records who and when): `dismiss` changes no money,
 * `refund` gives back everything still held for the flagged payment.
 */
export function resolvePaymentFlag(flagId: string, action: 'dismiss' | 'refund', note: string): Promise<PaymentFlag> {
  const trimmed = note.trim();
  return payment.call('resolveFlag', { params: { flagId }, body: trimmed ? { action, note: trimmed } : { action } });
}

/** The ledger checked booking by booking, in suspense and payout by payout, for every collège (admins). */
export function reconciliation(options?: RequestOptions): Promise<ReconciliationReport> {
  return payment.call('reconciliation', { query: {} }, options);
}

/** Money collected, refunded and disputed over the period, per collège and month (admins: all; managers: theirs). */
export function collectedRevenue(
  query: { from: string; to: string; establishmentId?: string },
  options?: RequestOptions,
): Promise<RevenueView> {
  return payment.call('revenue', { query }, options);
}

/** The link to the same figures per collège as CSV. */
export function collectedRevenueCsvUrl(from: string, to: string, establishmentId?: string): string {
  const query = new URLSearchParams({ from, to, ...(establishmentId ? { establishmentId } : {}) });
  return `${payment.url('revenueCsv')}?${query.toString()}`;
}

/** The link to a collège's ledger as CSV (payments, fees, refunds), the whole of it. */
export function ledgerCsvUrl(establishmentId: string): string {
  return payment.url('ledger', { establishmentId });
}

/** The invoice of a public payer's booking; null when the booking has none (paid online, free, or not yet confirmed). */
export async function bookingInvoice(bookingId: string, options?: RequestOptions): Promise<InvoiceView | null> {
  try {
    return await payment.call('invoice', { params: { bookingId } }, options);
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null;
    throw error;
  }
}

export function invoicePdfUrl(bookingId: string): string {
  return payment.url('invoicePdf', { bookingId });
}

export function creditNotePdfUrl(bookingId: string): string {
  return payment.url('creditNotePdf', { bookingId });
}

/** The collège records that the public payer paid, with the payment's reference. */
export function markInvoicePaid(bookingId: string, paymentReference: string): Promise<InvoiceView> {
  return payment.call('markInvoicePaid', { params: { bookingId }, body: { paymentReference } });
}

/** The refunds owed on a collège's PayFiP payments, requested from its public accountant (open and done). */
export async function accountantRefunds(
  establishmentId: string,
  options?: RequestOptions,
): Promise<AccountantRefund[]> {
  const answer = await payment.call('accountantRefunds', { query: { establishmentId, open: 'false' } }, options);
  return answer.items;
}

/** The collège records that its accountant repaid the payer, with the reference of the payment order (mandat). */
export function markAccountantRefundDone(refundId: string, accountantReference: string): Promise<AccountantRefund> {
  return payment.call('markAccountantRefundDone', { params: { refundId }, body: { accountantReference } });
}
