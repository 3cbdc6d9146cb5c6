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
export * from './notification';
export * from './personal-data-export';
export * from './erasure';
