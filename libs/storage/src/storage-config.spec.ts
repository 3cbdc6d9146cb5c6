import { defineConfig, env } from '@salle/config';
import { LocalFolderStore } from './local-folder-store';
import { S3Store } from './s3-store';
import { ScanningObjectStore } from './scanning-object-store';
import {
  checkStorageConfig,
  clamdAddress,
  createObjectStore,
  downloadLinkSecret,
  storageVariables,
} from './storage-config';

const definition = defineConfig({ NODE_ENV: env.nodeEnv(), ...storageVariables('.local/storage') }, (config) =>
  checkStorageConfig(config),
);

describe('storage configuration', () => {
  it('defaults to a local folder', async () => {
    const config = definition.parse({});
    expect(config.STORAGE_DRIVER).toBe('local');
    const store = createObjectStore(config);
    expect(store).toBeInstanceOf(LocalFolderStore);
    await store.close();
  });

  it('builds an S3 store when its bucket and keys are given', async () => {
    const config = definition.parse({
      STORAGE_DRIVER: 's3',
      STORAGE_S3_ENDPOINT: 'http://127.0.0.1:9000',
      STORAGE_S3_BUCKET: 'salle',
      STORAGE_S3_ACCESS_KEY_ID: 'salle',
      STORAGE_S3_SECRET_ACCESS_KEY: 'minioadmin',
    });
    const store = createObjectStore(config);
    expect(store).toBeInstanceOf(S3Store);
    await store.close();
  });

  it('refuses S3 without bucket and keys', () => {
    expect(() => definition.parse({ STORAGE_DRIVER: 's3' })).toThrow(
      /STORAGE_S3_BUCKET[^\n]*\n[^\n]*STORAGE_S3_ACCESS_KEY_ID[^\n]*\n[^\n]*STORAGE_S3_SECRET_ACCESS_KEY/,
    );
  });

  it('refuses in production a relative folder and the MinIO default key', () => {
    expect(() => definition.parse({ NODE_ENV: 'production' })).toThrow(/STORAGE_LOCAL_DIR is invalid/);
    expect(() =>
      definition.parse({
        NODE_ENV: 'production',
        STORAGE_DRIVER: 's3',
        STORAGE_S3_BUCKET: 'salle',
        STORAGE_S3_ACCESS_KEY_ID: 'salle',
        STORAGE_S3_SECRET_ACCESS_KEY: 'minioadmin',
        STORAGE_LINK_SECRET: SECRET,
      }),
    ).toThrow(/STORAGE_S3_SECRET_ACCESS_KEY is invalid/);
    expect(
      definition.parse({ NODE_ENV: 'production', STORAGE_LOCAL_DIR: '/var/lib/salle', STORAGE_LINK_SECRET: SECRET })
        .STORAGE_LOCAL_DIR,
    ).toBe('/var/lib/salle');
  });

  it('requires the download link secret in production, and generates one for the process elsewhere', () => {
    expect(() => definition.parse({ NODE_ENV: 'production', STORAGE_LOCAL_DIR: '/var/lib/salle' })).toThrow(
      /STORAGE_LINK_SECRET is missing/,
    );
    const development = definition.parse({});
    expect(downloadLinkSecret(development)).toHaveLength(43);
    expect(downloadLinkSecret(development)).toBe(downloadLinkSecret(development));
    expect(downloadLinkSecret(definition.parse({ STORAGE_LINK_SECRET: SECRET }))).toBe(SECRET);
  });

  it('puts the store behind clamd when CLAMAV_HOST or CLAMAV_SOCKET is set', async () => {
    const tcp = createObjectStore(definition.parse({ CLAMAV_HOST: '127.0.0.1' }));
    expect(tcp).toBeInstanceOf(ScanningObjectStore);
    expect(clamdAddress(definition.parse({ CLAMAV_HOST: 'clamav', CLAMAV_PORT: '3311' }))).toEqual({
      host: 'clamav',
      port: 3311,
    });
    expect(clamdAddress(definition.parse({ CLAMAV_SOCKET: '/run/clamd.sock' }))).toEqual({ socket: '/run/clamd.sock' });
    await tcp.close();
  });
});

const SECRET = 'a-download-link-secret-of-32-characters!';
