export * from './notification-api';
export * from './operations';
export * from './preferences';
