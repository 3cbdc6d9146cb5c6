import { z } from 'zod';

/** The channels a message goes through. */
export const NOTIFICATION_CHANNELS = ['email', 'sms'] as const;
export const notificationChannelSchema = z.enum(NOTIFICATION_CHANNELS);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

/** Where a message of the send log stands: waiting, being handed to the relay, accepted by it, or given up. */
export const MESSAGE_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export const messageStatusSchema = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

/**
 * Where a message stands in the lists people read: the send log's status, or `delivered` for a sent SMS
 * the provider reported delivered to the phone (OVHcloud's delivery report). An e-mail gets no such
 * report: accepted by the relay (`sent`) is the last that is known of it.
 */
export const LISTED_MESSAGE_STATUSES = [...MESSAGE_STATUSES, 'delivered'] as const;
export const listedMessageStatusSchema = z.enum(LISTED_MESSAGE_STATUSES);
export type ListedMessageStatus = z.infer<typeof listedMessageStatusSchema>;

/**
 * One message of the send log as the parties of a booking see it: what it
 * was about (`kind`, the template's name, and its French subject), to whom
 * (the address masked: `a•••@exemple.fr`), how, where it stands and since when.
 */
export const sentMessageSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  /** Null for a message that could not be written. */
  subject: z.string().nullable(),
  recipient: z.string(),
  channel: notificationChannelSchema,
  status: listedMessageStatusSchema,
  /** When it was delivered (an SMS), sent, failed for good, or (still waiting) planned. */
  at: z.iso.datetime({ offset: true }),
});
export type SentMessage = z.infer<typeof sentMessageSchema>;

export const bookingMessagesSchema = z.object({ items: z.array(sentMessageSchema) });
export type BookingMessages = z.infer<typeof bookingMessagesSchema>;

/**
 * A message the service gave up on (the relay refused it, every attempt
 * failed, or it could not be written), for the département's admins: the
 * same facts as a booking's list, with the booking and the reason.
 */
export const failedMessageSchema = sentMessageSchema.extend({
  bookingId: z.uuid().nullable(),
  attempts: z.int().nonnegative(),
  /** The relay's answer, or `template: …` for a message that could not be written. */
  reason: z.string().nullable(),
});
export type FailedMessage = z.infer<typeof failedMessageSchema>;

export const failedMessagesSchema = z.object({ items: z.array(failedMessageSchema) });
export type FailedMessages = z.infer<typeof failedMessagesSchema>;

/** `GET /admin/failed-messages`: the most recent first, up to `limit`. */
export const failedMessagesQuerySchema = z.object({
  limit: z.coerce
    .number({ error: 'doit être un nombre' })
    .int({ error: 'doit être un nombre entier' })
    .min(1, { error: 'doit valoir au moins 1' })
    .max(500, { error: 'doit valoir au plus 500' })
    .default(100),
});

/**
 * OVHcloud's delivery report, the callback it calls when an SMS's state
 * changes: `GET <callback URL>?id=<SMS id>&dlr=<code>&description=…` (it also
 * sends `ptt`, `date`, `receiver`, `tag`, not read here). The callback URL
 * configured on the SMS account ends with a key of ours, since OVHcloud signs
 * nothing it calls.
 */
export const smsReportPathSchema = z.strictObject({ key: z.string().min(1).max(200) });

export const smsDeliveryReportQuerySchema = z.object({
  id: z.string().regex(/^\d{1,20}$/, { error: 'doit être l’identifiant numérique d’un SMS' }),
  dlr: z.coerce.number({ error: 'doit être un nombre' }).int({ error: 'doit être un nombre entier' }),
  description: z.string().max(500).optional(),
});
export type SmsDeliveryReport = z.infer<typeof smsDeliveryReportQuerySchema>;

/** Whether the report changed a message of ours (OVHcloud only needs the 200). */
export const smsDeliveryReportAnswerSchema = z.object({ recorded: z.boolean() });
