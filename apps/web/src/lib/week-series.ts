import type { CalendarSegment } from '@salle/contracts';

/** A weekly series with sessions in the week shown, named by a letter so its sessions read as one. */
export interface WeekSeries {
  seriesId: string;
  /** « A », « B »…, in the order of each series' first session of the week. */
  letter: string;
  organisationName: string | null;
  sessions: number;
}

/** The series whose sessions the week's segments show (the renter's name is known to the parties only). */
export function seriesOfWeek(segments: readonly CalendarSegment[]): WeekSeries[] {
  const found = new Map<string, WeekSeries>();
  for (const segment of segments) {
    const seriesId = segment.booking?.seriesId;
    if (!seriesId) continue;
    const known = found.get(seriesId);
    if (known) known.sessions += 1;
    else
      found.set(seriesId, {
        seriesId,
        letter: String.fromCharCode(65 + (found.size % 26)),
        organisationName: segment.booking?.organisationName ?? null,
        sessions: 1,
      });
  }
  return [...found.values()];
}
