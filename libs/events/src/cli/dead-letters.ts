// Lists and replays the dead letters of a consumer group.
//
//   node -r @swc-node/register libs/events/src/cli/dead-letters.ts list --group payment [--count 50] [--json]
//   node -r @swc-node/register libs/events/src/cli/dead-letters.ts replay <dead-letter-id> --group payment
//
// Environment: REDIS_URL (required), EVENTS_KEY_PREFIX (default `salle:events:`),
// EVENTS_GROUP (default for --group). Run from the repository root with
// SWC_NODE_PROJECT=tools/test-runner/tsconfig.register.json.
import { env } from '@salle/config';
import { createRedis } from '@salle/redis';
import { DEFAULT_EVENTS_KEY_PREFIX } from '../event-keys';
import { listDeadLetters, replayDeadLetter, type DeadLetter } from '../dead-letters';
import { closeConnection } from '../redis-connection';

const USAGE = 'usage: dead-letters.ts list [--group G] [--count N] [--json] | replay <id> [--group G]';

function parse(argv: string[]) {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) positional.push(arg);
    else if (arg === '--json') flags['json'] = true;
    else flags[arg.slice(2)] = argv[++i] ?? '';
  }
  return { positional, flags };
}

function line(letter: DeadLetter): string {
  return [
    letter.id,
    `${letter.type || '?'} v${letter.version || '?'}`,
    `event=${letter.eventId || '?'}`,
    `stream=${letter.stream}`,
    `attempts=${letter.attempts}`,
    `at=${letter.deadAt}`,
    `reason=${JSON.stringify(letter.reason)}`,
  ].join('  ');
}

async function main(): Promise<number> {
  const { positional, flags } = parse(process.argv.slice(2));
  const [command, id] = positional;
  const group = typeof flags['group'] === 'string' ? flags['group'] : process.env['EVENTS_GROUP'];
  const url = process.env['REDIS_URL'];
  if (!url || !group || (command !== 'list' && command !== 'replay') || (command === 'replay' && !id)) {
    process.stderr.write(`${USAGE}\n(REDIS_URL must be set; the group comes from --group or EVENTS_GROUP)\n`);
    return 2;
  }
  // The services' Redis settings, Sentinel included.
  const sentinels = env.redisSentinels().safeParse(process.env['REDIS_SENTINELS']);
  if (!sentinels.success) {
    process.stderr.write('REDIS_SENTINELS is invalid: expected comma-separated host:port of Redis Sentinels\n');
    return 2;
  }
  const keyPrefix = process.env['EVENTS_KEY_PREFIX'] ?? DEFAULT_EVENTS_KEY_PREFIX;
  const redis = createRedis({
    url,
    keyPrefix: '',
    connectionName: 'dead-letters-cli',
    sentinels: sentinels.data,
    sentinelName: env.redisSentinelName().parse(process.env['REDIS_SENTINEL_NAME'] || undefined),
  });
  redis.on('error', () => undefined);
  try {
    if (command === 'list') {
      const count = typeof flags['count'] === 'string' ? Number(flags['count']) : 100;
      const letters = await listDeadLetters({ redis, keyPrefix, group, count });
      if (flags['json']) process.stdout.write(`${JSON.stringify(letters, null, 2)}\n`);
      else if (letters.length === 0) process.stdout.write(`no dead letters for group ${group}\n`);
      else for (const letter of letters) process.stdout.write(`${line(letter)}\n`);
      return 0;
    }
    const replayed = await replayDeadLetter({ redis, keyPrefix, group, id });
    process.stdout.write(`replayed ${id} to stream ${replayed.stream} as ${replayed.entryId}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  } finally {
    await closeConnection(redis);
  }
}

void main().then((code) => process.exit(code));
