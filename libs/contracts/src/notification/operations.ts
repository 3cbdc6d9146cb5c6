import { z } from 'zod';
import { defineOperations } from '../operation';
import { bookingPathSchema } from '../payment/payment-api';
import { bookingMessagesSchema } from './notification-api';

const PARTIES = "members of the booking's organisation, managers of its collège, and département admins";

/**
 * Every operation of the notification service: the service mounts its routes
 * and publishes its description from this table, and the web derives its
 * client from it. Through the gateway every path is under `/api/notification`.
 */
export const notificationOperations = defineOperations({
  bookingMessages: {
    method: 'get',
    path: '/bookings/:bookingId/messages',
    tags: ['messages'],
    summary: 'The messages sent (or still to send) about a booking, newest first',
    access: PARTIES,
    params: bookingPathSchema,
    success: { status: 200, description: 'The messages, addresses masked.', json: bookingMessagesSchema },
    refusals: [401, 404],
  },
  openApi: {
    method: 'get',
    path: '/openapi.json',
    tags: ['operations'],
    summary: 'This description',
    access: 'anyone, visitors included',
    success: { status: 200, description: 'OpenAPI 3.1 document.', json: z.object({}).loose() },
  },
});
