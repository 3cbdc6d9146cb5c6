import type { DataSource } from 'typeorm';
import type { BookingModuleHandlers } from '../access/access-policy';
import { ConversationDesk } from './conversation-desk';

type ConversationOperations = 'bookingMessages' | 'postBookingMessage' | 'readBookingMessages' | 'unreadMessages';

/** A booking's conversation between its organisation and its collège, and the unread markers. */
export function conversationHandlers(dataSource: DataSource): BookingModuleHandlers<ConversationOperations> {
  const conversations = new ConversationDesk(dataSource);
  return {
    bookingMessages: { access: 'signedIn', handle: ({ params }, { access }) => conversations.read(params.id, access) },
    postBookingMessage: {
      access: 'signedIn',
      handle: ({ params, body }, { access }) => conversations.post(params.id, body.body, access),
    },
    readBookingMessages: {
      access: 'signedIn',
      handle: ({ params }, { access }) => conversations.markRead(params.id, access),
    },
    unreadMessages: { access: 'signedIn', handle: (_input, { access }) => conversations.unread(access) },
  };
}
