import type { ConventionEvidence } from '@salle/contracts';

/**
 * The evidence file kept beside a sealed convention and embedded in it: its schema is the contracts' own, written
 * once for the booking service (which gathers it as the signatures land) and for the seal (which prints and signs
 * it).
 */
export { conventionEvidenceSchema, type ConventionEvidence } from '@salle/contracts';

/** One signature of the evidence: who, by which method and level, when, and the SHA-256 of what they signed. */
export type SignerEvidence = ConventionEvidence['signers'][number];

/** The name of the evidence attachment inside a sealed PDF. */
export const EVIDENCE_ATTACHMENT_NAME = 'preuve-convention.json';
