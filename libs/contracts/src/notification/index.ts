export * from './notification-api';
export * from './personal-data';
export * from './operations';
export * from './preferences';
export * from './digest';
