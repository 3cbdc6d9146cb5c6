export * from './notification-api';
export * from './personal-data';
export * from './operations';
