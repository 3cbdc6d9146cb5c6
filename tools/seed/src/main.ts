// @salle/seed: deterministic seed data for the booking schema. The CLI is cli.ts.
export {
  buildIsere,
  DEFAULT_SEED,
  PAYFIP_DEMO_COLLEGE,
  seededEstablishmentId,
  seedIsere,
  type SeedIsereOptions,
} from './seed-isere';
export { NATIONAL_DEFAULTS, seedNational, type SeedNationalOptions } from './seed-national';
export { SeedError, type SeedCounts, type SeedOutcome } from './seed-writer';
export { collegeSiret, SANDBOX_AGENT_COLLEGE_SIRETS } from './identifiers';
export type { SeedDataSet } from './seed-model';
export { awaitMaterialisedAvailability } from './availability';
export { BOOKING_STORAGE_DIR, bookingObjectStore } from './booking-store';
