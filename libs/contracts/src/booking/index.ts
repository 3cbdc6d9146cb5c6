export * from './common';
export * from './establishments';
export * from './spaces';
export * from './organisations';
export * from './bookings';
