import type { EntityManager } from 'typeorm';
import {
  CONVENTION_SIGNING_STEPS,
  type ConventionDocumentKind,
  type ConventionSignatureView,
  type ConventionSigningStep,
  type PaperSignatureView,
  type SignatureMethod,
} from '@salle/contracts';
import type { BookingEntity } from '../database/entities';
import { conventionOfBooking } from './convention-signing-state';

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
  kind: ConventionDocumentKind;
  /** An annex's framework convention; null otherwise. */
  frameworkId: string | null;
  /** A framework's school year (its first calendar year); null otherwise. */
  schoolYear: number | null;
  /** The day (Paris) it was issued. */
  issuedOn: string;
  /** Set when recorded as signed on paper: the scan (key, SHA-256, type), the date and names written on it. */
  paperStorageKey: string | null;
  paperSha256: string | null;
  paperContentType: PaperSignatureView['contentType'] | null;
  paperSignedOn: string | null;
  paperSignatories: string | null;
  paperRecordedAt: Date | null;
}

const columns = (c: string) => `${c}.id, ${c}.sha256, ${c}.storage_key AS "storageKey",
  ${c}.template_version AS "templateVersion", ${c}.sealed_storage_key AS "sealedStorageKey",
  ${c}.sealed_sha256 AS "sealedSha256", ${c}.evidence_storage_key AS "evidenceStorageKey",
  ${c}.evidence_sha256 AS "evidenceSha256", ${c}.completed_at AS "completedAt", ${c}.kind,
  ${c}.framework_id AS "frameworkId", ${c}.school_year AS "schoolYear",
  to_char(${c}.created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS "issuedOn",
  ${c}.paper_storage_key AS "paperStorageKey", ${c}.paper_sha256 AS "paperSha256",
  ${c}.paper_content_type AS "paperContentType", to_char(${c}.paper_signed_on, 'YYYY-MM-DD') AS "paperSignedOn",
  ${c}.paper_signatories AS "paperSignatories", ${c}.paper_recorded_at AS "paperRecordedAt"`;

/** The issued convention of a booking (its series'), locked when `lock` so that two signatures never cross. */
export async function findConvention(
  manager: EntityManager,
  booking: Pick<BookingEntity, 'id' | 'seriesId'>,
  lock = false,
): Promise<ConventionRecord | null> {
  const [row] = (await manager.query(
    `SELECT ${columns('c')} FROM booking.convention c WHERE ${conventionOfBooking('c')}${lock ? ' FOR UPDATE' : ''}`,
    [booking.seriesId, booking.id],
  )) as ConventionRecord[];
  return row ?? null;
}

/**
 * The framework convention of a booking's annex (null without one), locked when `lock`. Whoever signs a framework
 * or one of its annexes locks the framework first, then the booking: the two never cross, and the last of the two
 * to complete sees the other complete.
 */
export async function findFramework(
  manager: EntityManager,
  booking: Pick<BookingEntity, 'id' | 'seriesId'>,
  lock = false,
): Promise<ConventionRecord | null> {
  const [row] = (await manager.query(
    `SELECT ${columns('f')} FROM booking.convention c JOIN booking.convention f ON f.id = c.framework_id
      WHERE ${conventionOfBooking('c')}${lock ? ' FOR UPDATE OF f' : ''}`,
    [booking.seriesId, booking.id],
  )) as ConventionRecord[];
  return row ?? null;
}

/** A framework of `organisation` at `establishment` for `schoolYear`, if one was issued. */
export async function frameworkFor(
  manager: EntityManager,
  key: { organisationId: string; establishmentId: string; schoolYear: number },
): Promise<ConventionRecord | null> {
  const [row] = (await manager.query(
    `SELECT ${columns('c')} FROM booking.convention c
      WHERE c.kind = 'framework' AND c.organisation_id = $1 AND c.establishment_id = $2 AND c.school_year = $3`,
    [key.organisationId, key.establishmentId, key.schoolYear],
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
