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
  status: messageStatusSchema,
  /** When it was sent, failed for good, or (still waiting) planned. */
  at: z.iso.datetime({ offset: true }),
});
export type SentMessage = z.infer<typeof sentMessageSchema>;

export const bookingMessagesSchema = z.object({ items: z.array(sentMessageSchema) });
export type BookingMessages = z.infer<typeof bookingMessagesSchema>;
