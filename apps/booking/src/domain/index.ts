// Pure booking rules: no HTTP, no database. The service layer feeds them
// data loaded from PostgreSQL and turns their French messages into
// problem+json responses.
export * from './time';
export * from './calendar';
export * from './availability';
export * from './series';
export * from './pricing';
export * from './cancellation';
export * from './lifecycle';
export * from './public-payer';
export * from './series-payment';
export * from './convention-signing';
