/** A configuration variable is missing or malformed. */
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
