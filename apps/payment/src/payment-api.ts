import type { DataSource } from 'typeorm';
import type { Registry } from 'prom-client';
import { paymentOperations, payerContactOperations, serviceAuditOperations } from '@salle/contracts';
import { openApiDocument } from '@salle/http';
import { lazy, type Logger } from '@salle/runtime';
import type { PaymentHandlers } from './access/access-policy';
import { payoutAccountHandlers } from './accounts/payout-account.handlers';
import type { PayoutAccounts } from './accounts/payout-accounts';
import type { CheckoutDesk } from './checkout/checkout-desk';
import { checkoutHandlers } from './checkout/checkout.handlers';
import type { PeriodCheckoutDesk } from './periods/period-checkout-desk';
import { periodHandlers } from './periods/period.handlers';
import type { CounterDesk } from './counter/counter-desk';
import { counterHandlers } from './counter/counter.handlers';
import { flagHandlers } from './flags/flag.handlers';
import { ledgerHandlers } from './ledger/ledger.handlers';
import type { PaymentProvider } from './provider/payment-provider';
import { receiptHandlers } from './receipts/receipt.handlers';
import { invoiceHandlers } from './invoices/invoice.handlers';
import { accountantHandlers } from './refunds/accountant.handlers';
import { webhookHandlers } from './webhooks/webhook.handlers';
import { payfipNotificationHandlers } from './webhooks/payfip-notification.handlers';
import { erasureHandlers } from './privacy/erasure';
import { personalDataHandlers } from './privacy/personal-data';
import type { PayfipWakeUp } from './settlement/payfip-wake-up';

/** The published description of the payment table (`paymentOperations` in the contracts). */
export function paymentApiDescription() {
  return openApiDocument(
    {
      title: 'Salle sur demande: payment service',
      version: '1',
      description:
        "Payments for bookings through Stripe Connect (each collège's payout account, checkouts with destination charges, refunds) or PayFiP (paid straight to the collège's public accountant), receipts and the ledger. " +
        'Through the gateway every path is under `/api/payment`, except the provider callbacks, which the gateway passes from `/webhooks/stripe` and `/webhooks/payfip` byte for byte. ' +
        'Errors are `application/problem+json` with a stable `code`.',
    },
    { ...paymentOperations, ...payerContactOperations, ...serviceAuditOperations },
  );
}

export interface PaymentApiParts {
  dataSource: DataSource;
  metricsRegistry?: Registry;
  provider: PaymentProvider;
  desk: CheckoutDesk;
  periodDesk: PeriodCheckoutDesk;
  counterDesk: CounterDesk;
  accounts: PayoutAccounts;
  payfipWakeUp: PayfipWakeUp;
  logger: Logger;
  /** Printed on receipts. */
  issuer: string;
  /** The département's VAT statement, printed on receipts. */
  vatStatement: string;
  /** A new provider event was stored: process it without waiting for the next poll. */
  onStored(): void;
}

/** The handler of every operation of the payment table. */
export function paymentHandlers(parts: PaymentApiParts): PaymentHandlers {
  const { dataSource, provider, logger } = parts;
  // Built at the first request for it rather than at every start.
  const description = lazy(paymentApiDescription);
  return {
    ...checkoutHandlers(dataSource, parts.desk),
    ...periodHandlers(dataSource, parts.periodDesk),
    ...counterHandlers(parts.counterDesk),
    ...payoutAccountHandlers(parts.accounts),
    ...receiptHandlers(dataSource, parts.issuer, parts.vatStatement),
    ...invoiceHandlers(dataSource, parts.issuer, parts.vatStatement),
    ...ledgerHandlers(dataSource),
    ...flagHandlers(dataSource),
    ...accountantHandlers(dataSource),
    ...webhookHandlers({
      dataSource,
      provider,
      logger,
      metricsRegistry: parts.metricsRegistry,
      onStored: parts.onStored,
    }),
    ...payfipNotificationHandlers(parts.payfipWakeUp),
    ...personalDataHandlers(dataSource),
    ...erasureHandlers(dataSource),
    // A copy typed as plain JSON (the generator's type is an interface without an index signature).
    openApi: { access: 'anyone', handle: () => ({ ...description() }) },
  };
}
