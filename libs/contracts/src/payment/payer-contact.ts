import { z } from 'zod';
import { defineOperations } from '../operation';
import { flagPathSchema, paymentFlagSchema } from './payment-api';

/** « Contacter le payeur »: what the admin or the collège writes to the payer organisation about a flag. */
export const contactPayerSchema = z.strictObject({
  message: z
    .string()
    .trim()
    .min(10, { error: 'le message doit faire au moins 10 caractères' })
    .max(2000, { error: 'le message doit faire au plus 2 000 caractères' }),
});
export type ContactPayerBody = z.infer<typeof contactPayerSchema>;

/**
 * Payment mounts this table beside `paymentOperations` (kept apart so that the web's first page, which carries
 * the services' routes, does not grow with it).
 */
export const payerContactOperations = defineOperations({
  contactPayer: {
    method: 'post',
    path: '/admin/flags/:flagId/payer-contacts',
    tags: ['accounting'],
    summary:
      'Write to the payer organisation about a flag: the notification service mails it (payer_contacted), the flag keeps who and when',
    access: "département admins; managers of the flagged booking's collège",
    params: flagPathSchema,
    body: contactPayerSchema,
    success: { status: 201, description: 'The flag with this contact in its history.', json: paymentFlagSchema },
    refusals: [401, 403, 404, 409],
  },
});
