import { bookingApi } from '../api/booking-api';
import { Badge } from '../ui';
import { useAsync } from './use-async';

export const NO_UNREAD: ReadonlyMap<string, number> = new Map();

/** The caller's unread messages by booking; lists show without them while they load or if they fail. */
export function useUnreadMessages(): ReadonlyMap<string, number> {
  const unread = useAsync(async (signal) => {
    const view = await bookingApi.unreadMessages({ signal });
    return new Map(view.items.map((item) => [item.bookingId, item.unread]));
  }, []);
  return unread.data ?? NO_UNREAD;
}

/**
 * The unread messages of one list item: a booking's own, or a series' once (its sessions share one thread, and
 * each session counts the same messages).
 */
export function unreadOf(bookingIds: readonly string[], unread: ReadonlyMap<string, number>): number {
  return Math.max(0, ...bookingIds.map((id) => unread.get(id) ?? 0));
}

/** « 2 nouveaux messages » beside a booking or a series whose conversation holds unread messages. */
export function UnreadMarker({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <>
      {' '}
      <Badge severity="new" small as="span">
        {count} nouveau{count > 1 ? 'x' : ''} message{count > 1 ? 's' : ''}
      </Badge>
    </>
  );
}
