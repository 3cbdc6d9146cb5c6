export * from './signing-order';
export * from './payment-gate';
