import { z } from 'zod';
import { ConfigError } from './config-error';

type EnvShape = Record<string, z.ZodType>;
export type Config<S extends EnvShape> = Readonly<z.infer<z.ZodObject<S>>>;

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
 * Parses `env` against a shape whose keys are variable names. Returns a deep
 * frozen object, or throws a ConfigError naming the first wrong variable.
 * Variables that are set but empty count as unset, as in most `.env` tooling.
 */
export function parseConfig<S extends EnvShape>(
  shape: S,
  env: NodeJS.ProcessEnv = process.env,
): Config<S> {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(shape)) {
    const value = env[key];
    input[key] = value === undefined || value.trim() === '' ? undefined : value;
  }
  const result = z.object(shape).safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(variable, describe(shape[variable]), input[variable] === undefined);
  }
  return deepFreeze(result.data) as Config<S>;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
