/** A configuration variable is missing, malformed, or refused in this environment. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
    readonly missing: boolean,
  ) {
    super(`${variable} is ${missing ? 'missing' : 'invalid'}: expected ${expected}`);
    this.name = 'ConfigError';
  }
}

/**
 * Every problem found at one start, one variable each, so that an operator
 * fixes them all before the next restart. The message has one line per problem.
 */
export class ConfigErrors extends Error {
  constructor(readonly errors: readonly ConfigError[]) {
    super(errors.map((error) => error.message).join('\n'));
    this.name = 'ConfigErrors';
  }
}
