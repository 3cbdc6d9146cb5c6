import { z } from 'zod';
import { defineOperations } from '../operation';
import { bookingPathSchema } from '../payment/payment-api';
import { bookingMessagesSchema, failedMessagesQuerySchema, failedMessagesSchema } from './notification-api';
import { erasurePathSchema, serviceErasureReportSchema } from '../erasure';
import { notificationPersonalDataSchema } from './personal-data';

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
  failedMessages: {
    method: 'get',
    path: '/admin/failed-messages',
    tags: ['messages'],
    summary: 'The messages given up on for good, with the reason, newest first',
    access: 'département admins',
    query: failedMessagesQuerySchema,
    success: { status: 200, description: 'The failed messages, addresses masked.', json: failedMessagesSchema },
    refusals: [401, 403],
  },
  personalData: {
    method: 'get',
    path: '/me/personal-data',
    tags: ['personal data'],
    summary: "Everything the notification service holds about the caller (right of access), for the gateway's export",
    access: 'any signed-in person, about themselves only (the account id of the internal token)',
    success: {
      status: 200,
      description: "The caller's contact, the parties they are told about and the messages sent to them.",
      json: notificationPersonalDataSchema,
    },
    refusals: [401],
  },
  erasePersonalData: {
    method: 'post',
    path: '/personal-data/:accountId/erase',
    tags: ['personal data'],
    summary: "Erase an account's data (the gateway executing an erasure request); idempotent",
    access: 'département admins',
    params: erasurePathSchema,
    success: {
      status: 200,
      description: 'What was removed; nothing is kept.',
      json: serviceErasureReportSchema,
    },
    refusals: [401, 403],
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
