import type { z } from 'zod';
import { ConfigError } from './config-error';
import { parseConfig, type Config } from './load-config';

type EnvShape = Record<string, z.ZodType>;

export interface ConfigDefinition<S extends EnvShape> {
  readonly shape: S;
  /** Parses the given environment; throws ConfigError. */
  parse(env?: NodeJS.ProcessEnv): Config<S>;
  /**
   * Parses process.env at start. On a wrong variable, prints one line naming
   * it and exits with code 1: no stack trace, no partial start.
   */
  load(env?: NodeJS.ProcessEnv): Config<S>;
}

export function defineConfig<S extends EnvShape>(shape: S): ConfigDefinition<S> {
  const parse = (env: NodeJS.ProcessEnv = process.env) => parseConfig(shape, env);
  return {
    shape,
    parse,
    load(env = process.env) {
      try {
        return parse(env);
      } catch (error) {
        if (error instanceof ConfigError) {
          process.stderr.write(`Configuration error: ${error.message}\n`);
          process.exit(1);
        }
        throw error;
      }
    },
  };
}
