import { z } from 'zod';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** Who signed one step of a convention, how they were identified, and the hash of the PDF they signed. */
export const signerEvidenceSchema = z.object({
  step: z.enum(['organisation', 'establishment', 'department']),
  name: z.string().min(1),
  federation: z.enum(['franceconnect', 'proconnect', 'delegation']),
  assuranceLevel: z.string().nullable(),
  signedAt: z.iso.datetime({ offset: true }),
  documentSha256: sha256Hex,
});

/**
 * The evidence file kept beside a sealed convention and embedded in it. The booking service's signing flow
 * builds it; the lead reconciles this shape with that flow's own when both are merged.
 */
export const conventionEvidenceSchema = z.object({
  conventionId: z.string().min(1),
  templateVersion: z.number().int().positive(),
  documentSha256: sha256Hex,
  signers: z.array(signerEvidenceSchema),
});

export type SignerEvidence = z.infer<typeof signerEvidenceSchema>;
export type ConventionEvidence = z.infer<typeof conventionEvidenceSchema>;

/** The name of the evidence attachment inside a sealed PDF. */
export const EVIDENCE_ATTACHMENT_NAME = 'preuve-convention.json';
