import type { BookingPaymentView, CheckoutResponse, OnboardingLink, PayoutAccountView } from '@salle/contracts';
import type { RequestOptions } from './api-client';
import { isApiError } from './api-error';
import { api } from './http';

// The payment service's routes behind the gateway (apps/payment, contracts in
// @salle/contracts `payment-api`): adjust the paths here, nowhere else.
export const PAYMENT_PATHS = {
  checkout: (bookingId: string) => `/api/payment/bookings/${bookingId}/checkout`,
  payment: (bookingId: string) => `/api/payment/bookings/${bookingId}/payment`,
  receipt: (bookingId: string) => `/api/payment/bookings/${bookingId}/receipt.pdf`,
  payoutAccount: (establishmentId: string) => `/api/payment/establishments/${establishmentId}/payout-account`,
  onboardingLink: (establishmentId: string) => `/api/payment/establishments/${establishmentId}/payout-account/onboarding-link`,
};

/** Opens (or reopens) the checkout of an approved booking: the browser then goes to `checkoutUrl`. */
export function startCheckout(bookingId: string): Promise<CheckoutResponse> {
  return api.post<CheckoutResponse>(PAYMENT_PATHS.checkout(bookingId));
}

/**
 * A booking's payments and refunds as the payment service records them; null
 * when it holds none for the booking (free, or never approved): nothing was paid.
 */
export async function bookingPayment(bookingId: string, options?: RequestOptions): Promise<BookingPaymentView | null> {
  try {
    return await api.get<BookingPaymentView>(PAYMENT_PATHS.payment(bookingId), options);
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null;
    throw error;
  }
}

export function receiptUrl(bookingId: string): string {
  return PAYMENT_PATHS.receipt(bookingId);
}

/**
 * A single-use onboarding link of the collège's payout account (Stripe
 * Connect). The account is created first when there is none yet (the service
 * answers the existing one otherwise).
 */
export async function startPayoutOnboarding(establishment: { id: string; name: string }): Promise<OnboardingLink> {
  await api.post<PayoutAccountView>(PAYMENT_PATHS.payoutAccount(establishment.id), { displayName: establishment.name });
  return api.post<OnboardingLink>(PAYMENT_PATHS.onboardingLink(establishment.id));
}
