import { createOutbox } from '@salle/events';

/** payment.* and establishment.payout_ready events, written in the transaction of the change they announce. */
export const paymentOutbox = createOutbox({ schema: 'payment' });
