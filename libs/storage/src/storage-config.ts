import { ConfigError, env, production } from '@salle/config';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ClamdAddress } from './clamd';
import { LocalFolderStore } from './local-folder-store';
import type { ObjectStore } from './object-store';
import { S3Store } from './s3-store';
import { ScanningObjectStore } from './scanning-object-store';

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
    /** clamd over TCP (host, port) or a Unix socket: when set, every object is scanned before it is stored. */
    CLAMAV_HOST: env.text().optional(),
    CLAMAV_PORT: env.port(3310),
    CLAMAV_SOCKET: env.text().optional(),
    CLAMAV_TIMEOUT_MS: env.positiveInt(10_000, 'milliseconds'),
    /** The HMAC secret of short-lived download links (signDownload); required in production. */
    STORAGE_LINK_SECRET: env.secret(32).optional(),
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
  CLAMAV_HOST?: string;
  CLAMAV_PORT?: number;
  CLAMAV_SOCKET?: string;
  CLAMAV_TIMEOUT_MS?: number;
  STORAGE_LINK_SECRET?: string;
}

const MINIO_DEFAULT_SECRETS = ['minioadmin'];

/** Checks for `defineConfig`: S3 needs its bucket and keys; production refuses a relative folder and default or weak keys. */
export function checkStorageConfig(config: Partial<StorageConfig>): (ConfigError | undefined)[] {
  const linkSecret =
    production.isProduction(config) && !config.STORAGE_LINK_SECRET
      ? new ConfigError(
          'STORAGE_LINK_SECRET',
          'a secret of at least 32 characters (required when NODE_ENV=production)',
          true,
        )
      : undefined;
  return [linkSecret, ...checkStoreConfig(config)];
}

function checkStoreConfig(config: Partial<StorageConfig>): (ConfigError | undefined)[] {
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

/** Where clamd listens, when an antivirus is configured. */
export function clamdAddress(config: StorageConfig): ClamdAddress | undefined {
  if (config.CLAMAV_SOCKET) return { socket: config.CLAMAV_SOCKET };
  if (config.CLAMAV_HOST) return { host: config.CLAMAV_HOST, port: config.CLAMAV_PORT ?? 3310 };
  return undefined;
}

/** The store the configuration names; behind clamd when CLAMAV_HOST or CLAMAV_SOCKET is set. */
export function createObjectStore(config: StorageConfig): ObjectStore {
  const store = createBareStore(config);
  const clamd = clamdAddress(config);
  return clamd ? new ScanningObjectStore(store, clamd, config.CLAMAV_TIMEOUT_MS) : store;
}

/**
 * The secret of download links: the configured one, or outside production (where it is required) a random one
 * for this process, so development links simply stop working at a restart.
 */
export function downloadLinkSecret(config: StorageConfig): string {
  return config.STORAGE_LINK_SECRET ?? processLinkSecret;
}
const processLinkSecret = randomBytes(32).toString('base64url');

function createBareStore(config: StorageConfig): ObjectStore {
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
