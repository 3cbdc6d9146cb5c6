import {
  CONVENTION_VERIFICATION_MAX_BYTES,
  SEAL_FAILURE_MESSAGES,
  type ConventionVerification,
} from '@salle/contracts';
import { verifySealedPdf } from '@salle/pdf-seal';
import { checkUpload } from '@salle/storage';
import { fileRefused } from '../errors';

/**
 * The public check of a sealed convention: the file must be a PDF (recognised from its bytes, 10 Mo at most);
 * the answer says whether the seal holds, by whom, when, and the hash of what was received. Nothing is stored.
 */
export async function verifyConventionFile(bytes: Uint8Array, trusted: string[]): Promise<ConventionVerification> {
  const upload = await checkUpload(bytes, 'convention.pdf', {
    maxBytes: CONVENTION_VERIFICATION_MAX_BYTES,
    allowedTypes: { 'application/pdf': 'PDF' },
  });
  if (!upload.ok) throw fileRefused(upload);
  const result = await verifySealedPdf(bytes, { trusted });
  return { ...result, ...(result.reason && { message: SEAL_FAILURE_MESSAGES[result.reason] }) };
}
