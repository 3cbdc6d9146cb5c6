export * from './opening-rules';
export { freeIntervals, MAX_SEARCH_DAYS, offerableIntervals, widen } from './offerable-intervals';
export * from './slot-checker';
export { effectiveWindows, planDay, type DayPlan } from './day-plan';
