export * from './notification-api';
export * from './operations';
