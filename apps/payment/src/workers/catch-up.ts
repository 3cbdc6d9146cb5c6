import type { DataSource } from 'typeorm';
import type { ProviderEventEnvelope, PaymentProvider } from '../provider/payment-provider';
import { storeProviderEvent } from '../webhooks/provider-event-inbox';

/** Events are fetched back this far when nothing was seen before, and with this overlap otherwise. */
const CATCH_UP_WINDOW_MS = 3 * 24 * 3_600_000;
const CATCH_UP_OVERLAP_MS = 3_600_000;

/** Where listing back starts: shortly before what was last seen (a clock ahead of it is not trusted), or the whole window. */
export function catchUpSince(lastSeen: Date | null, now: Date): Date {
  return lastSeen
    ? new Date(Math.min(lastSeen.getTime(), now.getTime()) - CATCH_UP_OVERLAP_MS)
    : new Date(now.getTime() - CATCH_UP_WINDOW_MS);
}

/** Stores provider events listed back from the provider like deliveries (each once); returns how many were new. */
export async function storeFetched(
  dataSource: DataSource,
  provider: PaymentProvider,
  envelopes: ProviderEventEnvelope[],
): Promise<number> {
  let stored = 0;
  for (const envelope of envelopes) {
    const nothingToDo = provider.interpret(envelope).kind === 'ignored';
    if (await storeProviderEvent(dataSource, provider.name, envelope, { nothingToDo })) stored++;
  }
  return stored;
}
