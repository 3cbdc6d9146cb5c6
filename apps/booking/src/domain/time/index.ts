export * from './local-date';
export * from './paris-time';
export * from './interval-set';
