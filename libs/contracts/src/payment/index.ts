export * from './internal-access';
export * from './payment-api';
export * from './stripe-sandbox';
export * from './operations';
export * from './payfip';
export * from './invoices';
export * from './personal-data';
export * from './revenue';
