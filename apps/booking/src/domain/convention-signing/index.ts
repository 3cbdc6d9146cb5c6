export * from './signing-order';
