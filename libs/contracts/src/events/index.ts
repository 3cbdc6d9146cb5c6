export * from './booking-events';
export * from './payment-events';
export * from './establishment-events';
export * from './organisation-events';
export * from './event-catalog';
export * from './account-events';
export * from './convention-events';
