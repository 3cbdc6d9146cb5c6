import { ConfigError, env, production } from '@salle/config';
import { z } from 'zod';
import { LocalFolderStore } from './local-folder-store';
import type { ObjectStore } from './object-store';
import { S3Store } from './s3-store';

/** The variables a service that stores files spreads into its `defineConfig` shape. */
export function storageVariables(defaultLocalDir: string) {
  return {
    /** `local` (a folder, the default) or `s3` (any S3-compatible store). */
    STORAGE_DRIVER: z.enum(['local', 's3']).default('local').describe('local or s3'),
    STORAGE_LOCAL_DIR: env.text().default(defaultLocalDir),
    STORAGE_S3_ENDPOINT: env.httpUrl().optional(),
    STORAGE_S3_REGION: env.text().default('us-east-1'),
    STORAGE_S3_BUCKET: env.text().optional(),
    STORAGE_S3_PREFIX: env.text().optional(),
    STORAGE_S3_ACCESS_KEY_ID: env.text().optional(),
    STORAGE_S3_SECRET_ACCESS_KEY: env.text().optional(),
    STORAGE_S3_FORCE_PATH_STYLE: env.flag(true),
  };
}

export interface StorageConfig {
  NODE_ENV?: string;
  STORAGE_DRIVER: 'local' | 's3';
  STORAGE_LOCAL_DIR: string;
  STORAGE_S3_ENDPOINT?: string;
  STORAGE_S3_REGION: string;
  STORAGE_S3_BUCKET?: string;
  STORAGE_S3_PREFIX?: string;
  STORAGE_S3_ACCESS_KEY_ID?: string;
  STORAGE_S3_SECRET_ACCESS_KEY?: string;
  STORAGE_S3_FORCE_PATH_STYLE: boolean;
}

const MINIO_DEFAULT_SECRETS = ['minioadmin'];

/** Checks for `defineConfig`: S3 needs its bucket and keys; production refuses a relative folder and default or weak keys. */
export function checkStorageConfig(config: Partial<StorageConfig>): (ConfigError | undefined)[] {
  if (config.STORAGE_DRIVER !== 's3') {
    return [
      production.isProduction(config) &&
      config.STORAGE_LOCAL_DIR !== undefined &&
      !config.STORAGE_LOCAL_DIR.startsWith('/')
        ? new ConfigError('STORAGE_LOCAL_DIR', 'an absolute folder path (required when NODE_ENV=production)', false)
        : undefined,
    ];
  }
  const required = (['STORAGE_S3_BUCKET', 'STORAGE_S3_ACCESS_KEY_ID', 'STORAGE_S3_SECRET_ACCESS_KEY'] as const).map(
    (name) => (config[name] ? undefined : new ConfigError(name, 'a value (required when STORAGE_DRIVER=s3)', false)),
  );
  const secret = config.STORAGE_S3_SECRET_ACCESS_KEY ?? '';
  const weak =
    production.isProduction(config) &&
    secret !== '' &&
    (MINIO_DEFAULT_SECRETS.includes(secret) || production.isWeakPassword(secret))
      ? new ConfigError(
          'STORAGE_S3_SECRET_ACCESS_KEY',
          'a strong secret key, not a default such as minioadmin (required when NODE_ENV=production)',
          false,
        )
      : undefined;
  return [...required, weak];
}

/** The store the configuration names. */
export function createObjectStore(config: StorageConfig): ObjectStore {
  if (config.STORAGE_DRIVER === 'local') return new LocalFolderStore(config.STORAGE_LOCAL_DIR);
  return new S3Store({
    endpoint: config.STORAGE_S3_ENDPOINT,
    region: config.STORAGE_S3_REGION,
    bucket: config.STORAGE_S3_BUCKET ?? '',
    prefix: config.STORAGE_S3_PREFIX,
    accessKeyId: config.STORAGE_S3_ACCESS_KEY_ID ?? '',
    secretAccessKey: config.STORAGE_S3_SECRET_ACCESS_KEY ?? '',
    forcePathStyle: config.STORAGE_S3_FORCE_PATH_STYLE,
  });
}
