import { defineTable } from '@salle/db';

/**
 * A provider event as stored by the webhook endpoint, once per event id, before it is applied: the
 * processor leases it, interprets it and marks it processed, retrying with backoff on failure.
 */
export interface StoredProviderEvent {
  id: string;
  type: string;
  account: string | null;
  livemode: boolean;
  apiVersion: string | null;
  createdAt: Date;
  payload: unknown;
  attempts: number;
}

export const providerEventTable = defineTable<StoredProviderEvent>('payment.provider_event', {
  id: 'id',
  type: 'type',
  account: 'account',
  livemode: 'livemode',
  apiVersion: 'api_version',
  createdAt: 'created_at',
  payload: 'payload',
  attempts: 'attempts',
});
