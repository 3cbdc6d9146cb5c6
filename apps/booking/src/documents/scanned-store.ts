import { AntivirusUnavailableError, InfectedFileError, type ObjectStore } from '@salle/storage';
import { antivirusUnavailable, fileInfected } from '../errors';

/**
 * Stores an uploaded file; when clamd is configured the store scans it first (libs/storage), and its refusals
 * become the service's French answers: malware 422, antivirus unreachable 503 (nothing stored either way).
 */
export async function putUpload(store: ObjectStore, key: string, bytes: Uint8Array, contentType: string) {
  try {
    await store.put(key, bytes, contentType);
  } catch (error) {
    if (error instanceof InfectedFileError) throw fileInfected();
    if (error instanceof AntivirusUnavailableError) throw antivirusUnavailable();
    throw error;
  }
}
