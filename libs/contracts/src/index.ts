// First: sets zod's messages to plain French before any schema parses.
export * from './validation-messages';
export * from './problem';
export * from './french-format';
export * from './events';
export * from './booking';
export * from './gateway';
export * from './payment';
export * from './site-config';
export * from './operation';
export * from './gateway-operations';
export * from './sms-length';
// The notification operations and preferences are at @salle/contracts/notification, phone numbers at
// @salle/contracts/phone: they carry libphonenumber-js's metadata, which the web's first page must not load.
export * from './notification/notification-api';
export * from './notification/personal-data';
export * from './personal-data-export';
export * from './erasure';
export * from './audit';
export * from './audit-actions';
export * from './audit-labels';
// The processing and cookie registers are at @salle/contracts/privacy.
export * from './privacy/retention';
export * from './masked-address';
