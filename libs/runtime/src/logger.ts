import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths never written to logs: credentials, session cookies, tokens, the
 * Stripe signature and anything called like a secret, at any depth we log.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-internal-token"]',
  'req.headers["stripe-signature"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.clientSecret',
  '*.client_secret',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.idToken',
  '*.id_token',
  '*.refreshToken',
  '*.refresh_token',
  '*.code_verifier',
  '*.cookie',
  '*.authorization',
];

export interface LoggerSettings {
  service: string;
  level?: LoggerOptions['level'];
  /** Where the JSON lines go; defaults to stdout (buffered, see `bufferedStdout`). Tests pass a stream to read them. */
  destination?: pino.DestinationStream;
}

/** Lines below this many bytes wait in memory; `STDOUT_FLUSH_MS` bounds how long. */
const STDOUT_BLOCK_BYTES = 4_096;
/** The longest an info line waits before it is written, when fewer than a block's bytes follow it. */
export const STDOUT_FLUSH_MS = 250;
/** pino's level number of `warn`: such lines and worse are written at once. */
const WARN = 40;

interface BufferedStdout {
  destination: ReturnType<typeof pino.destination>;
  /** Writes what waits now (asynchronously). */
  flush(): void;
  /** Some line waits to be written. */
  dirty: boolean;
}

let stdout: BufferedStdout | undefined;

/**
 * Stdout for every logger of the process, written asynchronously in blocks instead of one synchronous
 * `write` per line: the access log line of each request cost about 6 % of the booking service's CPU for a
 * booking request, written synchronously. A line waits at most `STDOUT_FLUSH_MS`, a warning or an error not
 * at all, and nothing is lost at exit: pino registers this destination (asynchronous, from
 * `pino.destination`) to be flushed synchronously on the process's `exit` event, which `process.exit()` and
 * the end of the event loop both emit (`logger.spec.ts` checks it with a child process that exits at once).
 */
function bufferedStdout(): BufferedStdout {
  if (stdout) return stdout;
  const destination = pino.destination({ dest: 1, sync: false, minLength: STDOUT_BLOCK_BYTES });
  const buffered: BufferedStdout = {
    destination,
    dirty: false,
    flush() {
      buffered.dirty = false;
      destination.flush();
    },
  };
  setInterval(() => {
    if (buffered.dirty) buffered.flush();
  }, STDOUT_FLUSH_MS).unref();
  stdout = buffered;
  return buffered;
}

export function createLogger({ service, level = 'info', destination }: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  };
  if (destination) return pino(options, destination);
  // A silent logger writes nothing: no buffer, no timer (sandboxes in tests).
  if (level === 'silent') return pino(options);
  const out = bufferedStdout();
  return pino(
    {
      ...options,
      hooks: {
        logMethod(args, method, levelNumber) {
          method.apply(this, args);
          if (levelNumber >= WARN) out.flush();
          else out.dirty = true;
        },
      },
    },
    out.destination,
  );
}
