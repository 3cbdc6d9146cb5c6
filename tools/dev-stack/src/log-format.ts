const LEVEL_COLOURS: Record<string, string> = {
  fatal: '\x1b[41m',
  error: '\x1b[31m',
  warn: '\x1b[33m',
  info: '\x1b[32m',
  debug: '\x1b[90m',
  trace: '\x1b[90m',
};
const RESET = '\x1b[0m';
const OMITTED = new Set(['level', 'time', 'msg', 'service', 'pid', 'hostname']);

/** Turns one pino JSON line into a short readable line; other text passes through. */
export function formatLogLine(app: string, line: string, colour: boolean): string {
  const label = app.padEnd(16);
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return `${label} ${line}`;
  }
  const level = String(entry['level'] ?? 'info');
  const time = typeof entry['time'] === 'string' ? entry['time'].slice(11, 19) : '';
  const rest = Object.fromEntries(Object.entries(entry).filter(([key]) => !OMITTED.has(key)));
  const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
  const levelText = colour ? `${LEVEL_COLOURS[level] ?? ''}${level.padEnd(5)}${RESET}` : level.padEnd(5);
  return `${time} ${label} ${levelText} ${String(entry['msg'] ?? '')}${extra}`;
}
