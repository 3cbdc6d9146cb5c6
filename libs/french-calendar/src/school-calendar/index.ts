export * from './school-calendar-parser';
export * from './school-calendar';
export * from './school-zones';
export * from './school-calendar-loader';
