export * from './weekly-series';
export * from './series-preview';
