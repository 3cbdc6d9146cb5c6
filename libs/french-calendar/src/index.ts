export * from './local-date';
export * from './public-holidays';
