import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { eventProducer, isEventType } from '@salle/contracts';
import { schemaOf } from '../data-source-schema';
import { checkName, DEFAULT_EVENTS_KEY_PREFIX, deadLetterKey, streamKey } from '../event-keys';
import type { EventConsumerOptions } from './consumer-types';

/** The consumer's options with every default applied, checked, and the key names derived from them. */
export interface ConsumerSettings {
  group: string;
  consumerName: string;
  schema: string;
  prefix: string;
  streams: string[];
  /** Stream keys, in the order of `streams`. */
  keys: string[];
  streamOfKey: Map<string, string>;
  deadKey: string;
  maxAttempts: number;
  claimIdleMs: number;
  claimIntervalMs: number;
  retryInitialMs: number;
  retryMaxMs: number;
  blockMs: number;
  batchSize: number;
  concurrency: number;
  groupCommit: boolean;
  eventsPerTransaction: number;
  inboxRetentionMs: number;
}

export function consumerSettings(options: EventConsumerOptions): ConsumerSettings {
  const group = checkName('consumer group', options.group);
  const consumerName = options.consumerName ?? `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const schema = options.schema ?? schemaOf(options.dataSource);
  const prefix = options.keyPrefix ?? DEFAULT_EVENTS_KEY_PREFIX;
  const handledTypes = Object.keys(options.handlers).filter(isEventType);
  const streams = [...new Set(options.streams ?? handledTypes.map(eventProducer))].map((s) => checkName('stream', s));
  if (streams.length === 0) throw new Error(`consumer ${group}: no stream to read (no handler given)`);
  const keys = streams.map((stream) => streamKey(prefix, stream));
  const claimIdleMs = options.claimIdleMs ?? 30_000;
  return {
    group,
    consumerName,
    schema,
    prefix,
    streams,
    keys,
    streamOfKey: new Map(keys.map((key, i) => [key, streams[i]])),
    deadKey: deadLetterKey(prefix, group),
    maxAttempts: options.maxAttempts ?? 5,
    claimIdleMs,
    claimIntervalMs: options.claimIntervalMs ?? Math.min(5_000, Math.max(100, Math.floor(claimIdleMs / 2))),
    retryInitialMs: options.retryDelayMs?.initial ?? 200,
    // A retry must come before the message looks abandoned to the other consumers.
    retryMaxMs: Math.min(options.retryDelayMs?.max ?? 10_000, Math.floor(claimIdleMs * 0.8)),
    blockMs: options.blockMs ?? 1_000,
    batchSize: options.batchSize ?? 50,
    concurrency: options.concurrency ?? 4,
    groupCommit: options.groupCommit ?? true,
    eventsPerTransaction: Math.max(1, options.eventsPerTransaction ?? 16),
    inboxRetentionMs: options.inboxRetentionMs ?? 30 * 24 * 3600_000,
  };
}
