import type { z } from 'zod';
import { ConfigError, ConfigErrors } from './config-error';

type EnvShape = Record<string, z.ZodType>;
export type Config<S extends EnvShape> = Readonly<z.infer<z.ZodObject<S>>>;

/**
 * Rules spanning several variables or the environment (production refusals).
 * They get the variables that parsed: a malformed one is absent, already reported.
 */
export type ConfigCheck<S extends EnvShape> = (config: Partial<Config<S>>) => readonly (ConfigError | undefined)[];

/** The description of a variable, looking through `.default()` and `.optional()` wrappers, which do not carry it. */
function describe(schema: z.ZodType | undefined): string {
  let current: z.ZodType | undefined = schema;
  while (current) {
    if (current.description) return current.description;
    current = (current as { _zod: { def: { innerType?: z.ZodType } } })._zod.def.innerType;
  }
  return 'a valid value';
}

/**
 * Parses `env` against a shape whose keys are variable names, then runs
 * `check`. Returns a deep frozen object, or throws ConfigErrors naming every
 * wrong variable (one problem per variable, the parse error first).
 * Variables that are set but empty count as unset, as in most `.env` tooling.
 */
export function parseConfig<S extends EnvShape>(
  shape: S,
  env: NodeJS.ProcessEnv = process.env,
  check?: ConfigCheck<S>,
): Config<S> {
  const parsed: Record<string, unknown> = {};
  const errors = new Map<string, ConfigError>();
  for (const [variable, schema] of Object.entries(shape)) {
    const raw = env[variable];
    const value = raw === undefined || raw.trim() === '' ? undefined : raw;
    const result = schema.safeParse(value);
    if (result.success) parsed[variable] = result.data;
    else errors.set(variable, new ConfigError(variable, describe(schema), value === undefined));
  }
  for (const error of check?.(parsed as Partial<Config<S>>) ?? []) {
    if (error && !errors.has(error.variable)) errors.set(error.variable, error);
  }
  if (errors.size > 0) throw new ConfigErrors([...errors.values()]);
  return deepFreeze(parsed) as Config<S>;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
