import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertObjectKey } from './keys';
import type { ObjectStore, StoredObject } from './object-store';

/**
 * Keeps objects in a folder: `objects/<key>` holds the bytes, `meta/<key>.json` the content type. Writes go to a
 * temporary file renamed into place, so a reader never sees half an object. For development, tests and
 * single-server deployments with a backed-up volume.
 */
export class LocalFolderStore implements ObjectStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    await this.writeAtomically(this.metaPath(key), JSON.stringify({ contentType }));
    await this.writeAtomically(this.objectPath(key), body);
  }

  async get(key: string): Promise<StoredObject | undefined> {
    const [body, meta] = await Promise.all([readIfPresent(this.objectPath(key)), readIfPresent(this.metaPath(key))]);
    if (body === undefined || meta === undefined) return undefined;
    const { contentType } = JSON.parse(meta.toString('utf8')) as { contentType: string };
    return { body: new Uint8Array(body), contentType, size: body.length };
  }

  async delete(key: string): Promise<void> {
    await rm(this.objectPath(key), { force: true });
    await rm(this.metaPath(key), { force: true });
  }

  /** Nothing to release: no connection is held between calls. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  private objectPath(key: string): string {
    return this.inside('objects', key);
  }

  private metaPath(key: string): string {
    return this.inside('meta', `${key}.json`);
  }

  /** The key is checked twice: by its syntax, then by where the resolved path lands. */
  private inside(area: string, relative: string): string {
    assertObjectKey(relative.replace(/\.json$/, ''));
    const base = path.join(this.root, area);
    const target = path.resolve(base, relative);
    if (!target.startsWith(base + path.sep)) throw new Error('object key resolves outside the store');
    return target;
  }

  private async writeAtomically(target: string, data: Uint8Array | string): Promise<void> {
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID()}.tmp`;
    await writeFile(temporary, data, { mode: 0o600 });
    await rename(temporary, target);
  }
}

async function readIfPresent(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
