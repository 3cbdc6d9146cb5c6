import { notificationOperations, type BookingMessages, type FailedMessages } from '@salle/contracts';
import type { RequestOptions } from './api-client';
import { api } from './http';
import { operationClient } from './operation-client';

/** The notification service's operations behind the gateway, from its table in the contracts. */
const notification = operationClient(api, '/api/notification', notificationOperations);

/** The messages sent (or still to send) about a booking, newest first, addresses masked. */
export function bookingMessages(bookingId: string, options?: RequestOptions): Promise<BookingMessages> {
  return notification.call('bookingMessages', { params: { bookingId } }, options);
}

/** The messages given up on for good, for the département's admins. */
export function failedMessages(options?: RequestOptions): Promise<FailedMessages> {
  return notification.call('failedMessages', { query: { limit: 200 } }, options);
}
