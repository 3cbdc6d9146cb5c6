import { useEffect, useState } from 'react';
import { bookingApi } from '../api/booking-api';

const cache = new Map<string, Promise<{ name: string; establishmentId: string }>>();

/** Names of spaces for lists that only carry ids (bookings); each space is asked once per visit. */
export function useSpaceNames(ids: readonly string[]): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    let alive = true;
    for (const id of key ? key.split(',') : []) {
      let pending = cache.get(id);
      if (!pending) {
        pending = bookingApi.space(id).then((space) => ({ name: space.name, establishmentId: space.establishmentId }));
        pending.catch(() => cache.delete(id));
        cache.set(id, pending);
      }
      pending.then(
        (space) => alive && setNames((current) => (current[id] === space.name ? current : { ...current, [id]: space.name })),
        () => undefined,
      );
    }
    return () => {
      alive = false;
    };
  }, [key]);
  return names;
}
