export * from './opening-rules';
export { freeIntervals, MAX_SEARCH_DAYS, offerableIntervals, widen } from './offerable-intervals';
export * from './slot-checker';
