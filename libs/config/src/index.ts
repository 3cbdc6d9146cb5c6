export { ConfigError, ConfigErrors } from './config-error';
export { defineConfig, type ConfigDefinition } from './define-config';
export type { Config, ConfigCheck } from './load-config';
export * as env from './variables';
export * as production from './production';
export { allRetentionVariables, checkAccountingPeriod, retentionVariables } from './retention';
