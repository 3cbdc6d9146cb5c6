import { ACCESS, defineOperations, serviceOpenApiOperation } from '../operation';
import { bookingPathSchema, establishmentPathSchema } from '../payment/payment-api';
import {
  bookingMessagesSchema,
  failedMessagesQuerySchema,
  failedMessagesSchema,
  smsDeliveryReportAnswerSchema,
  smsDeliveryReportQuerySchema,
  smsReportPathSchema,
} from './notification-api';
import {
  listedContactSchema,
  myPreferencesSchema,
  unsubscribePathSchema,
  updateMyPhoneSchema,
  updateMyPreferencesSchema,
} from './preferences';
import { erasurePathSchema, serviceErasureReportSchema } from '../erasure';
import { myDigestSchema, updateMyDigestSchema } from './digest';
import { notificationPersonalDataSchema } from './personal-data';

const PARTIES = ACCESS.parties;
const COLLEGE_MANAGERS = 'managers of the collège, and département admins';
const THE_PERSON = 'the signed-in person, for their own account only (no account id in the path)';
const TOKEN_HOLDER = 'anyone holding the signed token of an e-mail (no login: mail providers post it without cookies)';

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
    access: ACCESS.admin,
    query: failedMessagesQuerySchema,
    success: { status: 200, description: 'The failed messages, addresses masked.', json: failedMessagesSchema },
    refusals: [401, 403],
  },
  myPreferences: {
    method: 'get',
    path: '/me/preferences',
    tags: ['preferences'],
    summary: 'The person’s contacts and which messages they receive by e-mail and SMS',
    access: THE_PERSON,
    success: { status: 200, description: 'Contacts and one line per kind of message.', json: myPreferencesSchema },
    refusals: [401],
  },
  establishmentContact: {
    method: 'get',
    path: '/establishments/:establishmentId/contact',
    tags: ['preferences'],
    summary: 'The collège’s contact address, with the phone number entered for it and the consent to SMS',
    access: COLLEGE_MANAGERS,
    params: establishmentPathSchema,
    success: { status: 200, description: 'The contact as messages reach it.', json: listedContactSchema },
    // 404 no_contact_address: the collège has no contact address (yet).
    refusals: [401, 403, 404],
  },
  updateEstablishmentContactPhone: {
    method: 'put',
    path: '/establishments/:establishmentId/contact/phone',
    tags: ['preferences'],
    summary: 'Give, change or remove the phone number of the collège’s contact address, and record its consent to SMS',
    access: COLLEGE_MANAGERS,
    params: establishmentPathSchema,
    body: updateMyPhoneSchema,
    success: { status: 200, description: 'The contact after the change.', json: listedContactSchema },
    // 404 no_contact_address: nothing to attach a number to.
    refusals: [401, 403, 404],
  },
  myDigest: {
    method: 'get',
    path: '/me/digest',
    tags: ['preferences'],
    summary:
      'Whether the person, a collège manager, receives a daily digest of the requests instead of one e-mail each',
    access: THE_PERSON,
    success: { status: 200, description: 'The choice and the hour the digest is sent.', json: myDigestSchema },
    refusals: [401],
  },
  updateMyDigest: {
    method: 'put',
    path: '/me/digest',
    tags: ['preferences'],
    summary: 'Choose the daily digest of the requests awaiting a decision (collège managers), or one e-mail each',
    access: `${THE_PERSON}; turning it on needs a collège the person manages`,
    body: updateMyDigestSchema,
    success: { status: 200, description: 'The choice after the change.', json: myDigestSchema },
    // 403 digest_for_managers: the person manages no collège.
    refusals: [401, 403],
  },
  updateMyPhone: {
    method: 'put',
    path: '/me/phone',
    tags: ['preferences'],
    summary: 'Give, change or remove the phone number, and agree to SMS or not',
    access: THE_PERSON,
    body: updateMyPhoneSchema,
    success: { status: 200, description: 'Contacts and preferences after the change.', json: myPreferencesSchema },
    refusals: [401],
  },
  updateMyPreferences: {
    method: 'put',
    path: '/me/preferences',
    tags: ['preferences'],
    summary: 'Turn kinds of messages on or off, by channel (the e-mail of a mandatory kind stays on)',
    access: THE_PERSON,
    body: updateMyPreferencesSchema,
    success: { status: 200, description: 'Contacts and preferences after the change.', json: myPreferencesSchema },
    // 409 mandatory_message: the e-mail of a message a booking cannot work without.
    refusals: [401, 409],
  },
  smsDeliveryReport: {
    method: 'get',
    path: '/sms/delivery-reports/:key',
    tags: ['messages'],
    summary: 'OVHcloud’s delivery report of an SMS (its callback): delivered, or not delivered and then failed',
    access: 'OVHcloud, calling the callback URL configured on the SMS account, which ends with its key (no login)',
    params: smsReportPathSchema,
    query: smsDeliveryReportQuerySchema,
    success: {
      status: 200,
      description: 'Recorded, or about no SMS of ours (OVHcloud only needs the 200).',
      json: smsDeliveryReportAnswerSchema,
    },
    // A key that is not ours: 404 sms_report_key_invalid.
    refusals: [404],
  },
  unsubscribePage: {
    method: 'get',
    path: '/unsubscribe/:token',
    tags: ['preferences'],
    summary:
      'The French page that asks to confirm an unsubscription (a GET changes nothing: link checkers follow links)',
    access: TOKEN_HOLDER,
    params: unsubscribePathSchema,
    success: { status: 200, description: 'The confirmation page.', mediaType: 'text/html' },
    // A token that is not ours, or altered: 400 unsubscribe_link_invalid, a French page.
  },
  unsubscribe: {
    method: 'post',
    path: '/unsubscribe/:token',
    tags: ['preferences'],
    summary: 'RFC 8058 one-click unsubscription: turns that kind of e-mail off for that person',
    access: TOKEN_HOLDER,
    params: unsubscribePathSchema,
    success: { status: 200, description: 'A French page saying it is done.', mediaType: 'text/html' },
    // A token that is not ours, or altered: 400 unsubscribe_link_invalid, a French page.
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
    access: ACCESS.admin,
    params: erasurePathSchema,
    success: {
      status: 200,
      description: 'What was removed; nothing is kept.',
      json: serviceErasureReportSchema,
    },
    refusals: [401, 403],
  },
  openApi: serviceOpenApiOperation,
});
