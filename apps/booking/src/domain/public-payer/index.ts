export * from './public-payer';
