import { z } from 'zod';
import { utcInstantSchema, uuidSchema } from './common';
import { INSURANCE_CERTIFICATE_TYPES, type InsuranceCertificateType } from './insurance';

/** Who writes in a booking's conversation: the organisation's members, the collège's managers, the département's admins. */
export const MESSAGE_AUTHOR_ROLES = ['organisation_member', 'establishment_manager', 'department_admin'] as const;
export const messageAuthorRoleSchema = z.enum(MESSAGE_AUTHOR_ROLES);
export type MessageAuthorRole = z.infer<typeof messageAuthorRoleSchema>;

/** `POST /bookings/:id/messages`: plain text. */
export const postMessageSchema = z.strictObject({
  body: z.string().trim().min(1, { error: 'écrivez votre message' }).max(4_000, { error: 'au plus 4 000 caractères' }),
});
export type PostMessageBody = z.input<typeof postMessageSchema>;

/**
 * `POST /bookings/:id/messages/attachments`: the body is the file (the same types and size as an insurance
 * certificate, recognised from its bytes); the query names it and may carry a few words with it.
 */
export const postMessageAttachmentQuerySchema = z.strictObject({
  fileName: z.string().min(1).max(200),
  body: z.string().trim().max(4_000, { error: 'au plus 4 000 caractères' }).optional(),
});
export type PostMessageAttachmentQuery = z.infer<typeof postMessageAttachmentQuerySchema>;

export const messageAttachmentPathSchema = z.strictObject({ id: uuidSchema, messageId: uuidSchema });

export const messageAttachmentViewSchema = z.strictObject({
  fileName: z.string(),
  contentType: z.enum(Object.keys(INSURANCE_CERTIFICATE_TYPES) as [InsuranceCertificateType]),
  sizeBytes: z.number().int().positive(),
});
export type MessageAttachmentView = z.infer<typeof messageAttachmentViewSchema>;

export const bookingMessageViewSchema = z.strictObject({
  id: uuidSchema,
  bookingId: uuidSchema.meta({ description: 'The booking (for a series, the session) it was written from.' }),
  seriesId: uuidSchema
    .nullable()
    .meta({ description: "Set when written in a series' thread, which every session of the series shows." }),
  authorRole: messageAuthorRoleSchema,
  authorName: z.string().nullable().meta({ description: 'Null once its author erased their account.' }),
  body: z.string(),
  attachment: messageAttachmentViewSchema
    .nullable()
    .meta({ description: 'Downloaded from `GET /bookings/:id/messages/:messageId/attachment`.' }),
  createdAt: utcInstantSchema,
  mine: z.boolean().meta({ description: 'Written by the caller.' }),
});
export type BookingMessageView = z.infer<typeof bookingMessageViewSchema>;

/** `GET /bookings/:id/messages`: the thread, oldest first, and what the caller has not read yet. */
export const conversationViewSchema = z.strictObject({
  items: z.array(bookingMessageViewSchema),
  unread: z.number().int().meta({ description: "Others' messages written since the caller last read the thread." }),
  lastReadAt: utcInstantSchema.nullable(),
});
export type ConversationView = z.infer<typeof conversationViewSchema>;

/** `GET /me/unread-messages`: the caller's bookings with messages they have not read, for unread markers in lists. */
export const unreadMessagesViewSchema = z.strictObject({
  items: z.array(
    z.strictObject({
      bookingId: uuidSchema,
      seriesId: uuidSchema.nullable().meta({ description: "The booking's series: its sessions share one thread." }),
      unread: z.number().int(),
    }),
  ),
});
export type UnreadMessagesView = z.infer<typeof unreadMessagesViewSchema>;
