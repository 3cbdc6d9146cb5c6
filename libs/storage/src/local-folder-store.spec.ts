import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InvalidObjectKeyError } from './keys';
import { LocalFolderStore } from './local-folder-store';

describe('LocalFolderStore', () => {
  let root: string;
  let store: LocalFolderStore;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'salle-storage-'));
    store = new LocalFolderStore(path.join(root, 'store'));
  });

  afterEach(async () => {
    await store.close();
    await rm(root, { recursive: true, force: true });
  });

  it('keeps bytes and content type under a key, replaces and deletes them', async () => {
    const key = 'insurance/org-1/file-1';
    await store.put(key, new Uint8Array([1, 2, 3]), 'application/pdf');
    expect(await store.get(key)).toEqual({ body: new Uint8Array([1, 2, 3]), contentType: 'application/pdf', size: 3 });

    await store.put(key, new Uint8Array([9]), 'image/png');
    expect(await store.get(key)).toMatchObject({ body: new Uint8Array([9]), contentType: 'image/png' });

    await store.delete(key);
    expect(await store.get(key)).toBeUndefined();
    await expect(store.delete(key)).resolves.toBeUndefined();
  });

  it('answers undefined for a key never written', async () => {
    expect(await store.get('insurance/none')).toBeUndefined();
  });

  it('refuses keys that could leave its folder and writes nothing', async () => {
    for (const key of ['../outside', 'a/../../outside', '/etc/passwd', 'a\\..\\b']) {
      await expect(store.put(key, new Uint8Array([1]), 'text/plain')).rejects.toThrow(InvalidObjectKeyError);
      await expect(store.get(key)).rejects.toThrow(InvalidObjectKeyError);
    }
    expect(await readdir(root)).toEqual([]);
  });

  it('leaves no temporary file behind', async () => {
    await store.put('a/b', new Uint8Array([1]), 'application/pdf');
    expect(await readdir(path.join(root, 'store', 'objects', 'a'))).toEqual(['b']);
  });
});
