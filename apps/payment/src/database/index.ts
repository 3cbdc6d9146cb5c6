import { createEventTablesMigration } from '@salle/events';
import { CreatePaymentTables1764100000000 } from './create-payment-tables';

/** The payment service's schema and its migrations, in order. */
export const paymentDatabase = {
  schema: 'payment',
  migrations: [createEventTablesMigration('payment'), CreatePaymentTables1764100000000],
};
