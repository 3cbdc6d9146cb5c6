import type { Redis } from '@salle/redis';
import { eventsRedisConnection, redisErrorCode } from '../redis-connection';

// Writes a batch only if the stream's epoch marker is still the one this relay
// knows: when Redis lost its data, nothing is written to the new empty
// instance until the relay has re-queued every unconfirmed row.
const PUBLISH_SCRIPT = `
if redis.call('GET', KEYS[2]) ~= ARGV[1] then
  return redis.error_reply('EPOCHLOST the stream epoch marker is gone or changed')
end
local width = tonumber(ARGV[2])
local ids = {}
local i = 3
while i <= #ARGV do
  local args = {KEYS[1], '*'}
  for j = 0, width - 1 do args[#args + 1] = ARGV[i + j] end
  ids[#ids + 1] = redis.call('XADD', unpack(args))
  i = i + width
end
return ids
`;

// For each consumer group: everything below the returned id is acknowledged.
// One script, so that the epoch check and the group states are one snapshot.
const ACKED_SCRIPT = `
if redis.call('GET', KEYS[2]) ~= ARGV[1] then
  return redis.error_reply('EPOCHLOST the stream epoch marker is gone or changed')
end
if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing', ''} end
local out = {'ok'}
local seen = {}
for _, flat in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
  local g = {}
  for i = 1, #flat, 2 do g[flat[i]] = flat[i + 1] end
  seen[g['name']] = true
  if tonumber(g['pending']) > 0 then
    local summary = redis.call('XPENDING', KEYS[1], g['name'])
    out[#out + 1] = g['name']
    out[#out + 1] = 'pending'
    out[#out + 1] = summary[2]
  else
    out[#out + 1] = g['name']
    out[#out + 1] = 'delivered'
    out[#out + 1] = g['last-delivered-id']
  end
end
for i = 2, #ARGV do
  if not seen[ARGV[i]] then return {'missing', ARGV[i]} end
end
return out
`;

/** The relay's connection, with its two scripts as commands. */
export interface RelayRedis extends Redis {
  publishEvents(...args: (string | number)[]): Promise<string[]>;
  ackedPrefix(...args: (string | number)[]): Promise<string[]>;
}

/** The stream's epoch marker vanished or changed: Redis lost the stream (see the stream epoch). */
export class EpochLost extends Error {}

export function relayRedisConnection(redis: Redis, connectionName: string): RelayRedis {
  const created = eventsRedisConnection(redis, connectionName, 5_000) as RelayRedis;
  created.defineCommand('publishEvents', { numberOfKeys: 2, lua: PUBLISH_SCRIPT });
  created.defineCommand('ackedPrefix', { numberOfKeys: 2, lua: ACKED_SCRIPT });
  return created;
}

/** Runs an epoch-checked script, turning its EPOCHLOST reply into `EpochLost`. */
export async function epochChecked<T>(script: Promise<T>): Promise<T> {
  try {
    return await script;
  } catch (error) {
    if (redisErrorCode(error) === 'EPOCHLOST') throw new EpochLost();
    throw error;
  }
}
