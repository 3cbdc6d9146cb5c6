import { api } from './http';

// The payment service's routes as the web app expects them behind the gateway.
// They are being built: adjust the paths here, nowhere else.
export const PAYMENT_PATHS = {
  checkout: (bookingId: string) => `/api/payment/bookings/${bookingId}/checkout`,
  receipt: (bookingId: string) => `/api/payment/bookings/${bookingId}/receipt.pdf`,
  onboarding: (establishmentId: string) => `/api/payment/establishments/${establishmentId}/onboarding`,
};

/** Opens a checkout session for an approved booking: the browser then goes to `url`. */
export function startCheckout(bookingId: string): Promise<{ url: string }> {
  return api.post<{ url: string }>(PAYMENT_PATHS.checkout(bookingId));
}

export function receiptUrl(bookingId: string): string {
  return PAYMENT_PATHS.receipt(bookingId);
}

/** Onboarding link of the collège's payout account (Stripe Connect). */
export function startPayoutOnboarding(establishmentId: string): Promise<{ url: string }> {
  return api.post<{ url: string }>(PAYMENT_PATHS.onboarding(establishmentId));
}
