/** What a store returns for a key it holds. */
export interface StoredObject {
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly size: number;
}

/**
 * The object store port: the owning service keeps in its own tables which key belongs to what and who may
 * read it; the store only keeps bytes under keys made by `objectKey`. Nothing here is served over HTTP.
 */
export interface ObjectStore {
  /** Writes (or replaces) the object. */
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** The object, or undefined when the key holds nothing. */
  get(key: string): Promise<StoredObject | undefined>;
  /** Removes the object; removing a missing key is not an error (deletes are retried after failures). */
  delete(key: string): Promise<void>;
  /** Releases connections; the store is unusable afterwards. */
  close(): Promise<void>;
}
