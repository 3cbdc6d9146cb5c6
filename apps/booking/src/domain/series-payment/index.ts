export * from './series-payment-schedule';
