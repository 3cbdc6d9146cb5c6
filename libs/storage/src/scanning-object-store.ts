import { assertClean, type ClamdAddress } from './clamd';
import type { ObjectStore, StoredObject } from './object-store';

/**
 * Every object is scanned by clamd before it reaches the store it wraps: a detection or an unreachable clamd
 * throws (`InfectedFileError`, `AntivirusUnavailableError`) and nothing is written. Fail closed: an upload
 * is never stored unscanned while an antivirus is configured.
 */
export class ScanningObjectStore implements ObjectStore {
  constructor(
    private readonly inner: ObjectStore,
    private readonly clamd: ClamdAddress,
    private readonly timeoutMs?: number,
  ) {}

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    await assertClean(body, this.clamd, this.timeoutMs);
    await this.inner.put(key, body, contentType);
  }

  get(key: string): Promise<StoredObject | undefined> {
    return this.inner.get(key);
  }

  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
