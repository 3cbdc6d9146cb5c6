export * from './signing-order';
export * from './payment-gate';
export * from './signing-deadline';
export * from './paper-record';
