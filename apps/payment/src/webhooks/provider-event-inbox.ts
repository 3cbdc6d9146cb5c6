import type { DataSource } from 'typeorm';
import type { ProviderEventEnvelope } from '../provider/payment-provider';

/**
 * Stores a verified provider event once (its id is the key): the only work
 * done before acknowledging it, so the provider gets its 2xx fast and a
 * redelivery is recognised. Returns false for a duplicate.
 */
export async function storeProviderEvent(
  dataSource: DataSource,
  provider: string,
  envelope: ProviderEventEnvelope,
  options: { nothingToDo?: boolean; rawJson?: string } = {},
): Promise<boolean> {
  // Types the domain ignores are kept for the record but stored as done: no processing round trips.
  const inserted = (await dataSource.query(
    `INSERT INTO payment.provider_event (id, provider, type, account, livemode, api_version, created_at, payload, processed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $9 THEN now() END) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      envelope.id,
      provider,
      envelope.type,
      envelope.accountId,
      envelope.livemode,
      envelope.apiVersion,
      envelope.createdAt,
      options.rawJson ?? JSON.stringify(envelope.payload),
      options.nothingToDo ?? false,
    ],
  )) as unknown[];
  return inserted.length > 0;
}
