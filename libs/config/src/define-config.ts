import type { z } from 'zod';
import { ConfigErrors } from './config-error';
import { parseConfig, type Config, type ConfigCheck } from './load-config';

type EnvShape = Record<string, z.ZodType>;

export interface ConfigDefinition<S extends EnvShape> {
  readonly shape: S;
  /** Parses the given environment and runs the checks; throws ConfigErrors. */
  parse(env?: NodeJS.ProcessEnv): Config<S>;
  /**
   * Parses process.env at start. On wrong variables, prints one line naming
   * each and exits with code 1: no stack trace, no partial start.
   */
  load(env?: NodeJS.ProcessEnv): Config<S>;
}

export function defineConfig<S extends EnvShape>(shape: S, check?: ConfigCheck<S>): ConfigDefinition<S> {
  const parse = (env: NodeJS.ProcessEnv = process.env) => parseConfig(shape, env, check);
  return {
    shape,
    parse,
    load(env = process.env) {
      try {
        return parse(env);
      } catch (error) {
        if (error instanceof ConfigErrors) {
          process.stderr.write(error.errors.map((problem) => `Configuration error: ${problem.message}\n`).join(''));
          process.exit(1);
        }
        throw error;
      }
    },
  };
}
