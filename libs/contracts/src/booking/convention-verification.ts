import { z } from 'zod';
import { conventionEvidenceSchema } from './convention-signatures';

/** The largest file the public verification page accepts, in bytes (10 Mo): a convention with its evidence page. */
export const CONVENTION_VERIFICATION_MAX_BYTES = 10 * 1024 * 1024;

/** Why a sealed convention does not verify (see libs/pdf-seal). */
export const SEAL_FAILURES = [
  'not_sealed',
  'byte_range',
  'malformed',
  'digest_mismatch',
  'bad_signature',
  'untrusted_certificate',
] as const;
export type SealFailureCode = (typeof SEAL_FAILURES)[number];

const NBSP = '\u00a0';

/** What each failure means for the person who dropped the file. */
export const SEAL_FAILURE_MESSAGES: Record<SealFailureCode, string> = {
  not_sealed: 'Ce PDF ne porte pas le sceau de la plateforme.',
  byte_range: `Le document a été modifié ou complété après son scellement${NBSP}: le sceau ne couvre plus tout le fichier.`,
  malformed: 'Le sceau de ce document est illisible ou a été retiré.',
  digest_mismatch: `Le contenu du document a été modifié après son scellement${NBSP}: son empreinte ne correspond plus.`,
  bad_signature: 'La signature du sceau est invalide.',
  untrusted_certificate: 'Le sceau n’a pas été apposé par le certificat de la plateforme.',
};

/** `POST /convention-verification`: what the seal check found. */
export const conventionVerificationSchema = z.strictObject({
  valid: z.boolean(),
  signedBy: z.string().nullable(),
  signedAt: z.string().nullable(),
  /** SHA-256 of the file as received. */
  documentSha256: z.string(),
  /** The evidence embedded in the sealed file, as the signing gathered it. */
  evidence: conventionEvidenceSchema.nullable(),
  reason: z.enum(SEAL_FAILURES).optional(),
  /** The reason in French, for the page. */
  message: z.string().optional(),
});
export type ConventionVerification = z.infer<typeof conventionVerificationSchema>;

/** The proof a short-lived download link carries: expiry (seconds since the epoch) and HMAC signature. */
export const signedLinkQuerySchema = z.strictObject({
  expires: z.coerce.number().int().positive(),
  signature: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: 'ce lien de téléchargement est incomplet' }),
});
export type SignedLinkQuery = z.infer<typeof signedLinkQuerySchema>;
