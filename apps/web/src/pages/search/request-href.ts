/**
 * The request form for a free slot: it starts when the slot does and lasts
 * the duration searched for (a free slot is a whole free window, often longer).
 */
export function requestHref(
  spaceId: string,
  slot?: { startsAt: string; endsAt: string },
  durationMinutes?: number,
): string {
  if (!slot) return `/espaces/${spaceId}/reserver`;
  const start = Date.parse(slot.startsAt);
  const end = durationMinutes
    ? Math.min(Date.parse(slot.endsAt), start + durationMinutes * 60_000)
    : Date.parse(slot.endsAt);
  return `/espaces/${spaceId}/reserver?${new URLSearchParams({ debut: slot.startsAt, fin: new Date(end).toISOString() }).toString()}`;
}
