export * from './certificate';
export * from './evidence';
export { evidenceLines } from './evidence-page';
export * from './seal';
export * from './seal-config';
export * from './verify';
export { readEvidence } from './read-evidence';
