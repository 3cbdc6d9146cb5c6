import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { InvalidObjectKeyError } from '../src/keys';
import { S3Store } from '../src/s3-store';

// The S3 adapter against a real S3 protocol server on loopback (s3rver, standing in for MinIO as the
// other sandboxes stand in for external systems): signed requests, path-style URLs, XML errors.
describe('S3Store', () => {
  let folder: string;
  let server: S3rver;
  let endpoint: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'salle-s3-'));
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: folder,
      configureBuckets: [{ name: 'salle', configs: [] }],
    });
    const address = (await server.run()) as AddressInfo;
    endpoint = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await server.close();
    await rm(folder, { recursive: true, force: true });
  });

  const store = (options: { prefix?: string; bucket?: string } = {}) =>
    new S3Store({
      endpoint,
      region: 'us-east-1',
      bucket: options.bucket ?? 'salle',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
      prefix: options.prefix,
    });

  it('keeps bytes and content type under a key, under the prefix, and deletes them', async () => {
    const s3 = store({ prefix: 'dev' });
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 255]);
    await s3.put('insurance/org-1/file-1', bytes, 'application/pdf');
    expect(await s3.get('insurance/org-1/file-1')).toEqual({ body: bytes, contentType: 'application/pdf', size: 6 });

    const unprefixed = store();
    expect(await unprefixed.get('insurance/org-1/file-1')).toBeUndefined();
    expect(await unprefixed.get('dev/insurance/org-1/file-1')).toMatchObject({ size: 6 });

    await s3.delete('insurance/org-1/file-1');
    expect(await s3.get('insurance/org-1/file-1')).toBeUndefined();
    await expect(s3.delete('insurance/org-1/file-1')).resolves.toBeUndefined();
    await Promise.all([s3.close(), unprefixed.close()]);
  });

  it('refuses unsafe keys before any request', async () => {
    const s3 = store();
    await expect(s3.put('../x', new Uint8Array([1]), 'text/plain')).rejects.toThrow(InvalidObjectKeyError);
    await s3.close();
  });

  it('fails loudly on a missing bucket rather than answering "no such object"', async () => {
    const s3 = store({ bucket: 'missing' });
    await expect(s3.get('insurance/org-1/file-1')).rejects.toThrow(/bucket/i);
    await s3.close();
  });
});
