/**
 * Searching names by part of them, as people type: whatever the case and the accents (« saint-egreve » finds
 * « Saint-Égrève »), through `booking.search_fold` (migration 1801100000000) on both sides of a LIKE.
 */

/** The LIKE pattern of "contains `text`", its wildcards taken literally (`\` is LIKE's escape character). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, '\\$&')}%`;
}

/** `column` contains the pattern in `parameter` (see `containsPattern`), case and accents aside. */
export function foldedLike(column: string, parameter: string): string {
  return `booking.search_fold(${column}) LIKE booking.search_fold(${parameter})`;
}
