export * from '@salle/french-calendar';
export * from './paris-time';
export * from './interval-set';
export * from './school-year';
