import type { DataSource } from 'typeorm';
import type { NotificationEnvelope, PaymentProvider } from '../provider/payment-provider';
import { storeNotification } from '../webhooks/notification-inbox';

/** Events are fetched back this far when nothing was seen before, and with this overlap otherwise. */
const CATCH_UP_WINDOW_MS = 3 * 24 * 3_600_000;
const CATCH_UP_OVERLAP_MS = 3_600_000;

/** Where listing back starts: shortly before what was last seen (a clock ahead of it is not trusted), or the whole window. */
export function catchUpSince(lastSeen: Date | null, now: Date): Date {
  return lastSeen
    ? new Date(Math.min(lastSeen.getTime(), now.getTime()) - CATCH_UP_OVERLAP_MS)
    : new Date(now.getTime() - CATCH_UP_WINDOW_MS);
}

/** Stores notifications listed back from the provider like deliveries (each once); returns how many were new. */
export async function storeFetched(
  dataSource: DataSource,
  provider: PaymentProvider,
  envelopes: NotificationEnvelope[],
): Promise<number> {
  let stored = 0;
  for (const envelope of envelopes) {
    const nothingToDo = provider.interpret(envelope).kind === 'ignored';
    if (await storeNotification(dataSource, provider.name, envelope, { nothingToDo })) stored++;
  }
  return stored;
}
