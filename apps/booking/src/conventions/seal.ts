import type { ConventionEvidence } from '@salle/contracts';
import { sealPdf, type SealCertificate } from '@salle/pdf-seal';

export type { ConventionEvidence } from '@salle/contracts';

/**
 * The final document of a fully signed convention: the issued PDF, unchanged, followed by the French evidence page
 * (signers, times, methods and assurance levels, the SHA-256 signed at each step), the evidence JSON attached, and
 * the whole file sealed (PAdES) with the platform's certificate, so that anyone holding it can check it with the
 * verification page or a standard PDF tool.
 */
export function sealSignedConvention(
  pdf: Uint8Array,
  evidence: ConventionEvidence,
  certificate: SealCertificate,
): Promise<Uint8Array> {
  return sealPdf({ pdf, evidence, certificate, now: new Date(evidence.completedAt) });
}
