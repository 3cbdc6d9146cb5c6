import { z } from 'zod';

/**
 * How money is taken at a collège's counter (its régie de recettes): cash, a cheque, or a card on the régie's
 * payment terminal. A bank transfer is not a counter payment: it reaches the public accountant's account, not
 * the régie, and is recorded by the accountant.
 */
export const COUNTER_PAYMENT_METHODS = ['especes', 'cheque', 'carte'] as const;
export const counterPaymentMethodSchema = z.enum(COUNTER_PAYMENT_METHODS);
export type CounterPaymentMethod = z.infer<typeof counterPaymentMethodSchema>;

/** The methods as forms, receipts and exports name them. */
export const COUNTER_PAYMENT_METHOD_LABELS: Readonly<Record<CounterPaymentMethod, string>> = {
  especes: 'Espèces',
  cheque: 'Chèque',
  carte: 'Carte bancaire (terminal de la régie)',
};

/**
 * `POST /bookings/:bookingId/counter-payment` and `POST /series/:seriesId/periods/:periodKey/counter-payment`:
 * what the régie received. The amount must be the amount due (checked by the service, 422 otherwise); the date
 * received may not be in the future (Paris date).
 */
export const recordCounterPaymentSchema = z.strictObject({
  method: counterPaymentMethodSchema,
  amountCents: z.number().int().positive({ error: 'le montant doit être positif' }),
  /** The number of the quittance the régie issued (its own numbering). */
  quittance: z
    .string()
    .trim()
    .min(1, { error: 'indiquez le numéro de quittance' })
    .max(40, { error: '40 caractères au plus' })
    .regex(/^[\p{L}\p{N} /._-]+$/u, { error: 'lettres, chiffres, espaces et / . _ - seulement' }),
  receivedOn: z.iso.date({ error: 'doit être une date AAAA-MM-JJ' }),
});
export type RecordCounterPayment = z.infer<typeof recordCounterPaymentSchema>;

/** What a payment taken at the counter records, as payment views show it. */
export const counterPaymentDetailsSchema = z.object({
  method: counterPaymentMethodSchema,
  quittance: z.string(),
  receivedOn: z.iso.date(),
});
export type CounterPaymentDetails = z.infer<typeof counterPaymentDetailsSchema>;

/** The answer: the payment recorded (accepted at once), and the bookings it pays. */
export const counterPaymentRecordedSchema = counterPaymentDetailsSchema.extend({
  paymentId: z.uuid(),
  bookingIds: z.array(z.uuid()).min(1),
  amountCents: z.number().int(),
  paidAt: z.iso.datetime({ offset: true }),
});
export type CounterPaymentRecorded = z.infer<typeof counterPaymentRecordedSchema>;
