import type { EntityManager } from 'typeorm';
import {
  CONVENTION_SIGNING_STEPS,
  type ConventionSignatureView,
  type ConventionSigningStep,
  type SignatureMethod,
} from '@salle/contracts';
import type { BookingEntity } from '../database/entities';
import { CONVENTION_OF_BOOKING } from './convention-signing-state';

/** An issued convention, as signing reads it. */
export interface ConventionRecord {
  id: string;
  sha256: string;
  storageKey: string;
  templateVersion: number;
  sealedStorageKey: string | null;
  sealedSha256: string | null;
  evidenceStorageKey: string | null;
  evidenceSha256: string | null;
  completedAt: Date | null;
}

const COLUMNS = `id, sha256, storage_key AS "storageKey", template_version AS "templateVersion",
  sealed_storage_key AS "sealedStorageKey", sealed_sha256 AS "sealedSha256",
  evidence_storage_key AS "evidenceStorageKey", evidence_sha256 AS "evidenceSha256", completed_at AS "completedAt"`;

/** The issued convention of a booking (its series'), locked when `lock` so that two signatures never cross. */
export async function findConvention(
  manager: EntityManager,
  booking: Pick<BookingEntity, 'id' | 'seriesId'>,
  lock = false,
): Promise<ConventionRecord | null> {
  const [row] = (await manager.query(
    `SELECT ${COLUMNS} FROM booking.convention WHERE ${CONVENTION_OF_BOOKING}${lock ? ' FOR UPDATE' : ''}`,
    [booking.seriesId, booking.id],
  )) as ConventionRecord[];
  return row ?? null;
}

/** One signature to record: who (as their federation named them), how, when, and what they signed. */
export interface NewSignature {
  step: ConventionSigningStep;
  signerAccountId: string | null;
  displayName: string;
  method: SignatureMethod;
  assuranceLevel: string | null;
  documentSha256: string;
  consentVersion: string;
  signedAt: Date;
}

export async function insertSignature(manager: EntityManager, conventionId: string, signature: NewSignature) {
  await manager.query(
    `INSERT INTO booking.convention_signature (convention_id, step, signer_account_id, display_name, method,
       assurance_level, document_sha256, consent_version, signed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      conventionId,
      signature.step,
      signature.signerAccountId,
      signature.displayName,
      signature.method,
      signature.assuranceLevel,
      signature.documentSha256,
      signature.consentVersion,
      signature.signedAt,
    ],
  );
}

/** The signatures of a convention, in signing order. */
export async function signaturesOf(manager: EntityManager, conventionId: string): Promise<ConventionSignatureView[]> {
  const rows = (await manager.query(
    `SELECT step, display_name AS "displayName", method, assurance_level AS "assuranceLevel",
            document_sha256 AS "documentSha256", signed_at AS "signedAt"
       FROM booking.convention_signature WHERE convention_id = $1`,
    [conventionId],
  )) as (Omit<ConventionSignatureView, 'signedAt'> & { signedAt: Date })[];
  return rows
    .map((row) => ({ ...row, signedAt: row.signedAt.toISOString() }))
    .sort((a, b) => CONVENTION_SIGNING_STEPS.indexOf(a.step) - CONVENTION_SIGNING_STEPS.indexOf(b.step));
}
