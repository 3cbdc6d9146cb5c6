import type { Redis } from '@salle/redis';
import { FIELD, fieldsToRecord, recordToFields } from './event-envelope';
import { checkName, DEFAULT_EVENTS_KEY_PREFIX, deadLetterKey, streamKey } from './event-keys';
import { closeConnection } from './redis-connection';

export interface DeadLetter {
  /** Id of the entry in the dead-letter stream: what `replayDeadLetter` takes. */
  id: string;
  group: string;
  stream: string;
  entryId: string;
  eventId: string;
  type: string;
  version: string;
  reason: string;
  attempts: number;
  deadAt: string;
  consumer: string;
  /** The original stream entry, field by field. */
  fields: Record<string, string>;
}

export interface DeadLetterOptions {
  redis: Redis;
  keyPrefix?: string;
  /** The consumer group whose dead letters to read. */
  group: string;
}

/** Runs `work` on a connection without ioredis key prefix (keys are built by ./event-keys). */
async function unprefixed<T>(redis: Redis, work: (connection: Redis) => Promise<T>): Promise<T> {
  if (!redis.options.keyPrefix) return work(redis);
  const connection = redis.duplicate({ keyPrefix: '' });
  try {
    return await work(connection);
  } finally {
    await closeConnection(connection);
  }
}

function toDeadLetter(id: string, flat: string[]): DeadLetter {
  const entry = fieldsToRecord(flat);
  let fields: Record<string, string> = {};
  try {
    fields = JSON.parse(entry['fields'] ?? '{}') as Record<string, string>;
  } catch {
    // Left empty: the entry is listed all the same, with its reason.
  }
  return {
    id,
    group: entry['group'] ?? '',
    stream: entry['stream'] ?? '',
    entryId: entry['entry_id'] ?? '',
    eventId: entry['event_id'] ?? '',
    type: entry['type'] ?? '',
    version: entry['version'] ?? '',
    reason: entry['reason'] ?? '',
    attempts: Number(entry['attempts'] ?? 0),
    deadAt: entry['dead_at'] ?? '',
    consumer: entry['consumer'] ?? '',
    fields,
  };
}

/** The dead letters of a consumer group, oldest first. */
export async function listDeadLetters(options: DeadLetterOptions & { count?: number }): Promise<DeadLetter[]> {
  const key = deadLetterKey(options.keyPrefix ?? DEFAULT_EVENTS_KEY_PREFIX, checkName('consumer group', options.group));
  const entries = await unprefixed(options.redis, (connection) =>
    connection.xrange(key, '-', '+', 'COUNT', options.count ?? 100),
  );
  return entries.map(([id, flat]) => toDeadLetter(id, flat));
}

export class DeadLetterNotFoundError extends Error {
  override readonly name = 'DeadLetterNotFoundError';
}

/**
 * Puts a dead letter back on its original stream, for its consumer group only
 * (other groups skip the copy), and removes it from the dead-letter stream in
 * the same Redis transaction. Its event id is unchanged, so a consumer that
 * somehow handled it already still skips it. Returns the new entry id.
 */
export async function replayDeadLetter(
  options: DeadLetterOptions & { id: string },
): Promise<{ stream: string; entryId: string }> {
  const prefix = options.keyPrefix ?? DEFAULT_EVENTS_KEY_PREFIX;
  const group = checkName('consumer group', options.group);
  const key = deadLetterKey(prefix, group);
  return unprefixed(options.redis, async (connection) => {
    const [entry] = await connection.xrange(key, options.id, options.id);
    if (!entry) throw new DeadLetterNotFoundError(`no dead letter ${options.id} for group ${group}`);
    const letter = toDeadLetter(entry[0], entry[1]);
    if (!letter.stream || Object.keys(letter.fields).length === 0) {
      throw new DeadLetterNotFoundError(`dead letter ${options.id} does not carry its original entry`);
    }
    const fields = { ...letter.fields, [FIELD.replayFor]: group };
    const transaction = connection.multi();
    transaction.xadd(streamKey(prefix, checkName('stream', letter.stream)), '*', ...recordToFields(fields));
    transaction.xdel(key, options.id);
    const results = await transaction.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('replay transaction discarded');
    return { stream: letter.stream, entryId: String(results[0][1]) };
  });
}

/**
 * Deletes, from the dead letters of every consumer group, the entries `concerns` picks (the erasure of a
 * person: a dead letter keeps a full copy of its event, which no trimming of the stream removes). Scanned
 * in pages, so that a large dead-letter stream is never read at once. Returns how many were deleted.
 */
export async function deleteDeadLetters(
  options: { redis: Redis; keyPrefix?: string },
  concerns: (letter: DeadLetter) => boolean,
): Promise<number> {
  const pattern = deadLetterKey(options.keyPrefix ?? DEFAULT_EVENTS_KEY_PREFIX, '*');
  return unprefixed(options.redis, async (connection) => {
    let deleted = 0;
    for await (const keys of connection.scanStream({ match: pattern, type: 'stream', count: 100 }) as AsyncIterable<
      string[]
    >) {
      for (const key of keys) deleted += await deleteFromStream(connection, key, concerns);
    }
    return deleted;
  });
}

const PAGE = 200;

async function deleteFromStream(
  connection: Redis,
  key: string,
  concerns: (letter: DeadLetter) => boolean,
): Promise<number> {
  let deleted = 0;
  let start = '-';
  for (;;) {
    const entries = await connection.xrange(key, start, '+', 'COUNT', PAGE);
    const ids = entries.filter(([id, flat]) => concerns(toDeadLetter(id, flat))).map(([id]) => id);
    if (ids.length > 0) deleted += await connection.xdel(key, ...ids);
    if (entries.length < PAGE) return deleted;
    start = `(${entries[entries.length - 1]?.[0] ?? ''}`;
  }
}
