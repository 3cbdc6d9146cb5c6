import path from 'node:path';
import { defineConfig, env } from '@salle/config';
import { checkStorageConfig, createObjectStore, storageVariables, type ObjectStore } from '@salle/storage';

/**
 * The booking service's folder for files when nothing else is configured (its own default, apps/booking/src/config.ts):
 * `npm start` passes it to the service explicitly, so that the seed and the service agree on it.
 */
export const BOOKING_STORAGE_DIR = '.local/storage/booking';

const storageConfig = defineConfig({ NODE_ENV: env.nodeEnv(), ...storageVariables(BOOKING_STORAGE_DIR) }, (config) =>
  checkStorageConfig(config),
);

/**
 * The object store the booking service uses when started in `cwd` with `environment` (its STORAGE_* and CLAMAV_*
 * variables): the seed writes its illustrations there. A relative folder is resolved from `cwd`, as the service does.
 */
export function bookingObjectStore(environment: NodeJS.ProcessEnv, cwd: string): ObjectStore {
  const config = storageConfig.parse(environment);
  return createObjectStore({ ...config, STORAGE_LOCAL_DIR: path.resolve(cwd, config.STORAGE_LOCAL_DIR) });
}
