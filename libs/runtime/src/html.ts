const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML content and attribute values (double- or single-quoted), for the pages and e-mails
 * the services write as strings. A missing value writes nothing.
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/**
 * The framed block of capitals a sandbox prints at start, so that nobody mistakes it for the real service
 * in a terminal or a log.
 */
export function warningBanner(lines: readonly string[]): string {
  const width = Math.max(...lines.map((line) => line.length)) + 6;
  return [
    '',
    `  ${'#'.repeat(width)}`,
    ...lines.map((line) => `  #  ${line.padEnd(width - 6)}  #`),
    `  ${'#'.repeat(width)}`,
    '',
  ].join('\n');
}
