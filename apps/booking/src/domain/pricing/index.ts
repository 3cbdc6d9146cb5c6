export * from './tariff-quote';
