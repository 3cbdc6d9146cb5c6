export { ConfigError } from './config-error';
export { defineConfig, type ConfigDefinition } from './define-config';
export type { Config } from './load-config';
export * as env from './variables';
