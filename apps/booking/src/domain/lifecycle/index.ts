export * from './booking-state-machine';
