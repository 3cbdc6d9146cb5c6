export * from './local-date';
export * from './public-holidays';
export * from './school-calendar';
