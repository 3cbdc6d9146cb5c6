/**
 * Half-open time intervals [start, end) and set operations over sorted,
 * disjoint lists of them. Availability is computed with these operations
 * (union of opening windows minus school time minus closures) instead of
 * walking minute by minute, so the cost grows with the number of windows,
 * not with the length of the period.
 */
export interface TimeInterval {
  start: Date;
  end: Date;
}

export function interval(start: Date | string, end: Date | string): TimeInterval {
  return { start: new Date(start), end: new Date(end) };
}

export function isEmptyInterval(value: TimeInterval): boolean {
  return value.end.getTime() <= value.start.getTime();
}

/** True when the two half-open intervals share at least one instant. */
export function overlaps(a: TimeInterval, b: TimeInterval): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

/** Sorted, disjoint, non-empty intervals covering the same instants; touching intervals are merged. */
export function normalizeIntervals(intervals: readonly TimeInterval[]): TimeInterval[] {
  const sorted = intervals
    .filter((item) => !isEmptyInterval(item))
    .map((item) => [item.start.getTime(), item.end.getTime()] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged.map(([start, end]) => ({ start: new Date(start), end: new Date(end) }));
}

export function unionIntervals(...lists: ReadonlyArray<readonly TimeInterval[]>): TimeInterval[] {
  return normalizeIntervals(lists.flat());
}

/** Instants of `from` that are not in `remove`. */
export function subtractIntervals(from: readonly TimeInterval[], remove: readonly TimeInterval[]): TimeInterval[] {
  const base = normalizeIntervals(from);
  const holes = normalizeIntervals(remove);
  const result: TimeInterval[] = [];
  let h = 0;
  for (const piece of base) {
    let cursor = piece.start.getTime();
    const end = piece.end.getTime();
    while (h < holes.length && holes[h].end.getTime() <= cursor) h += 1;
    let k = h;
    while (k < holes.length && holes[k].start.getTime() < end) {
      const holeStart = holes[k].start.getTime();
      if (holeStart > cursor) result.push({ start: new Date(cursor), end: new Date(holeStart) });
      cursor = Math.max(cursor, holes[k].end.getTime());
      if (cursor >= end) break;
      k += 1;
    }
    if (cursor < end) result.push({ start: new Date(cursor), end: new Date(end) });
  }
  return result;
}

/** Instants that are in both lists. */
export function intersectIntervals(a: readonly TimeInterval[], b: readonly TimeInterval[]): TimeInterval[] {
  const left = normalizeIntervals(a);
  const right = normalizeIntervals(b);
  const result: TimeInterval[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const start = Math.max(left[i].start.getTime(), right[j].start.getTime());
    const end = Math.min(left[i].end.getTime(), right[j].end.getTime());
    if (start < end) result.push({ start: new Date(start), end: new Date(end) });
    if (left[i].end.getTime() < right[j].end.getTime()) i += 1;
    else j += 1;
  }
  return result;
}

/** True when every instant of `inner` lies in the union of `outer`. */
export function covers(outer: readonly TimeInterval[], inner: TimeInterval): boolean {
  if (isEmptyInterval(inner)) return true;
  return subtractIntervals([inner], outer).length === 0;
}

/** Total length in milliseconds. */
export function totalDuration(intervals: readonly TimeInterval[]): number {
  return normalizeIntervals(intervals).reduce((sum, item) => sum + item.end.getTime() - item.start.getTime(), 0);
}
