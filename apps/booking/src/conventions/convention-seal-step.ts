import type { SealCertificate } from '@salle/pdf-seal';
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CONVENTION_CONSENT, type ConventionEvidence, type ConventionSignatureView } from '@salle/contracts';
import { objectKey, type ObjectStore } from '@salle/storage';
import type { BookingEntity } from '../database/entities';
import { conventionReference, frameworkReference } from './convention-data';
import type { ConventionRecord } from './convention-signatures';
import { sealSignedConvention } from './seal';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The evidence of a fully signed convention, as the seal prints it and the evidence file keeps it. */
export function conventionEvidence(
  booking: Pick<BookingEntity, 'id' | 'seriesId'>,
  convention: ConventionRecord,
  signatures: readonly ConventionSignatureView[],
  completedAt: Date,
): ConventionEvidence {
  return {
    conventionId: convention.id,
    reference: convention.kind === 'framework' ? frameworkReference(convention) : conventionReference(booking),
    templateVersion: convention.templateVersion,
    documentSha256: convention.sha256,
    consent: { ...CONVENTION_CONSENT },
    signers: signatures.map((signature) => ({
      step: signature.step,
      name: signature.displayName,
      method: signature.method,
      assuranceLevel: signature.assuranceLevel,
      signedAt: signature.signedAt,
      documentSha256: signature.documentSha256,
    })),
    completedAt: completedAt.toISOString(),
  };
}

/**
 * Produces the final document once the last signature landed: the issued PDF sealed with its evidence page, and
 * the evidence as JSON beside it, both in the object store with their SHA-256 on the convention row (in the
 * caller's transaction: files left by a rolled-back one are orphans, never referenced).
 */
export async function sealConvention(
  manager: EntityManager,
  store: ObjectStore,
  convention: ConventionRecord,
  evidence: ConventionEvidence,
  certificate: SealCertificate,
): Promise<{ sealedSha256: string; sealedKey: string }> {
  const original = await store.get(convention.storageKey);
  if (!original) throw new Error('the issued convention is missing from the object store');
  const sealed = await sealSignedConvention(original.body, evidence, certificate);
  const evidenceBytes = new TextEncoder().encode(`${JSON.stringify(evidence, null, 2)}\n`);
  const sealedKey = objectKey('conventions', randomUUID());
  const evidenceKey = objectKey('conventions', randomUUID());
  await store.put(sealedKey, sealed, 'application/pdf');
  await store.put(evidenceKey, evidenceBytes, 'application/json');
  const sealedSha256 = sha256(sealed);
  await manager.query(
    `UPDATE booking.convention SET sealed_storage_key = $2, sealed_sha256 = $3, evidence_storage_key = $4,
            evidence_sha256 = $5, completed_at = $6 WHERE id = $1`,
    [convention.id, sealedKey, sealedSha256, evidenceKey, sha256(evidenceBytes), new Date(evidence.completedAt)],
  );
  return { sealedSha256, sealedKey };
}
