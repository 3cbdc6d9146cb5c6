import type { DataSource } from 'typeorm';
import { reply } from '@salle/http';
import type { ObjectStore } from '@salle/storage';
import type { BookingModuleHandlers } from '../access/access-policy';
import { INSURANCE_UPLOAD_BODY_LIMIT } from '../documents/insurance.handlers';
import { ConversationDesk } from './conversation-desk';
import { MessageAttachments } from './message-attachments';

type ConversationOperations =
  | 'bookingMessages'
  | 'postBookingMessage'
  | 'postBookingMessageAttachment'
  | 'bookingMessageAttachment'
  | 'readBookingMessages'
  | 'unreadMessages';

/** A booking's (or series') conversation between its organisation and its collège, its files, and the unread markers. */
export function conversationHandlers(
  dataSource: DataSource,
  store: ObjectStore,
): BookingModuleHandlers<ConversationOperations> {
  const conversations = new ConversationDesk(dataSource);
  const attachments = new MessageAttachments(dataSource, store, conversations);
  return {
    bookingMessages: { access: 'signedIn', handle: ({ params }, { access }) => conversations.read(params.id, access) },
    postBookingMessage: {
      access: 'signedIn',
      handle: ({ params, body }, { access }) => conversations.post(params.id, body.body, access),
    },
    postBookingMessageAttachment: {
      access: 'anyoneRawBody',
      // The same files as an insurance certificate, so the same cap a little above its 5 Mo rule.
      rawBody: { limit: INSURANCE_UPLOAD_BODY_LIMIT },
      handle: ({ params, query, body }, { access }) =>
        attachments.post(params.id, query, new Uint8Array(body as Buffer), access),
    },
    bookingMessageAttachment: {
      access: 'signedIn',
      handle: async ({ params }, { access }) => {
        const file = await attachments.file(params.id, params.messageId, access);
        return reply(Buffer.from(file.bytes), {
          attachment: file.fileName,
          headers: {
            'content-type': file.contentType,
            'x-content-type-options': 'nosniff',
            'cache-control': 'private, no-store',
          },
        });
      },
    },
    readBookingMessages: {
      access: 'signedIn',
      handle: ({ params }, { access }) => conversations.markRead(params.id, access),
    },
    unreadMessages: { access: 'signedIn', handle: (_input, { access }) => conversations.unread(access) },
  };
}
