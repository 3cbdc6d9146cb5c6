import { problemSchema, problemType } from '@salle/contracts';
import { AppError } from '@salle/http';
import { appErrorConstructors, frenchTypographyFaults } from '@salle/testing';
import * as errors from './errors';

type Factory = keyof typeof errors;

/** Each factory with the arguments the service gives it. A factory missing here fails the test. */
const SAMPLES: { [name in Factory]: () => AppError } = {
  bookingNotFound: () => errors.bookingNotFound(),
  bookingNotPayable: () => errors.bookingNotPayable(),
  bookingNoLongerPayable: () => errors.bookingNoLongerPayable(),
  receiptNotAvailable: () => errors.receiptNotAvailable(),
  invoiceNotFound: () => errors.invoiceNotFound(),
  invoiceNotPayable: () => errors.invoiceNotPayable('cancelled'),
  creditNoteNotAvailable: () => errors.creditNoteNotAvailable(),
  bookingAlreadyPaid: () => errors.bookingAlreadyPaid(),
  paymentDeadlinePassed: () => errors.paymentDeadlinePassed(),
  payoutAccountNotReady: () => errors.payoutAccountNotReady(),
  onlinePaymentNotOffered: () => errors.onlinePaymentNotOffered(),
  payerEmailRequired: () => errors.payerEmailRequired(),
  paymentProcessing: () => errors.paymentProcessing(),
  checkoutClosing: () => errors.checkoutClosing(),
  checkoutNotOpen: () => errors.checkoutNotOpen(),
  counterAmountMismatch: () => errors.counterAmountMismatch(4_500),
  counterReceivedInFuture: () => errors.counterReceivedInFuture(),
  quittanceAlreadyRecorded: () => errors.quittanceAlreadyRecorded(),
  onlinePaymentUnderWay: () => errors.onlinePaymentUnderWay(),
  notCollegeStaff: () => errors.notCollegeStaff(),
  seriesPaymentNotFound: () => errors.seriesPaymentNotFound(),
  periodNotPayable: () => errors.periodNotPayable(),
  periodNothingToPay: () => errors.periodNothingToPay(),
  periodPaymentInProgress: () => errors.periodPaymentInProgress(),
  checkoutRefused: () => errors.checkoutRefused(),
  paymentProviderUnavailable: () => errors.paymentProviderUnavailable(new Error('socket hang up')),
  paymentProviderRefused: () => errors.paymentProviderRefused('Your card was declined.'),
  payfipNotificationMalformed: () => errors.payfipNotificationMalformed(),
  invalidSignature: () => errors.invalidSignature('No signatures found matching the expected signature.'),
  payoutAccountMissing: () => errors.payoutAccountMissing(),
  flagNotFound: () => errors.flagNotFound(),
  flagWithoutPayer: () => errors.flagWithoutPayer(),
  notFlagManager: () => errors.notFlagManager(),
  flagAlreadyResolved: () => errors.flagAlreadyResolved(),
  nothingToRefund: () => errors.nothingToRefund('Ce paiement est déjà entièrement remboursé.'),
  invalidPeriod: () => errors.invalidPeriod(),
  refundNotFound: () => errors.refundNotFound(),
  accountantRefundAlreadyDone: () => errors.accountantRefundAlreadyDone(),
};

/** Details that quote the payment provider's own words (English), not ours. */
const PROVIDER_WORDS: ReadonlySet<Factory> = new Set(['paymentProviderRefused', 'invalidSignature']);

describe('payment errors', () => {
  const made = Object.entries(SAMPLES).map(([name, make]) => ({ name: name as Factory, error: make() }));

  it('has a sample for every factory the module exports', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(errors).sort());
  });

  it.each(made)('$name answers a problem+json with a stable code, an error status and a French title', (made) => {
    const { name, error } = made;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(error.status).toBeGreaterThanOrEqual(400);
    const problem = problemSchema.strict().safeParse({
      type: problemType(error.code),
      status: error.status,
      code: error.code,
      title: error.title,
      detail: error.detail,
    });
    expect(problem.success).toBe(true);
    expect(error.title).toMatch(/^[A-ZÀ-Ý].*[.!?]$/);
    expect(frenchTypographyFaults(error.title)).toEqual([]);
    if (!PROVIDER_WORDS.has(name)) expect(frenchTypographyFaults(error.detail ?? '')).toEqual([]);
  });

  it('asks to retry later when the provider does not answer', () => {
    expect(errors.paymentProviderUnavailable().headers).toEqual({ 'retry-after': '5' });
  });

  it('gives one status per code, but for booking_not_payable (404 for a stranger, 409 for its own cancelled booking)', () => {
    const statuses = new Map<string, Set<number>>();
    for (const { error } of made) statuses.set(error.code, (statuses.get(error.code) ?? new Set()).add(error.status));
    const several = [...statuses].filter(([, set]) => set.size > 1).map(([code]) => code);
    expect(several).toEqual(['booking_not_payable']);
  });

  it('are the only AppError constructions in apps/payment/src', () => {
    expect(appErrorConstructors(__dirname)).toEqual(['errors.ts']);
  });
});
