// Seeds a database whose booking schema the booking service has migrated.
//
//   SWC_NODE_PROJECT=tools/test-runner/tsconfig.register.json \
//     node -r @swc-node/register tools/seed/src/cli.ts [isere|national] [options]
//
// Options: --database-url URL (default $DATABASE_URL), --seed N (default 38 / "national"),
// --today YYYY-MM-DD (the date the data set is "as of"; default today),
// national only: --establishments N, --bookings N, --organisations N;
// --photos: give each space an illustration, its files written to the booking service's object store as the
// environment configures it (STORAGE_DRIVER, STORAGE_LOCAL_DIR relative to the current folder, ...).
import { parseArgs } from 'node:util';
import { ConfigErrors } from '@salle/config';
import { bookingObjectStore } from './booking-store';
import { seedIsere } from './seed-isere';
import { seedNational } from './seed-national';
import { SeedError } from './seed-writer';

const USAGE =
  'usage: cli.ts [isere|national] [--database-url URL] [--seed N] [--today YYYY-MM-DD] [--establishments N] [--bookings N] [--organisations N] [--photos]';

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new SeedError(`--${name} must be a positive integer, got "${value}"`);
  return number;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'database-url': { type: 'string' },
      seed: { type: 'string' },
      today: { type: 'string' },
      establishments: { type: 'string' },
      bookings: { type: 'string' },
      organisations: { type: 'string' },
      photos: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const mode = positionals[0] ?? 'isere';
  if (!['isere', 'national'].includes(mode) || positionals.length > 1) throw new SeedError(USAGE);
  const databaseUrl = values['database-url'] ?? process.env['DATABASE_URL'];
  if (!databaseUrl) throw new SeedError('DATABASE_URL is not set: pass --database-url or set the variable');
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today))
    throw new SeedError('--today must be YYYY-MM-DD');
  const seed = values.seed === undefined ? undefined : /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
  const photos = values.photos ? photoStore() : undefined;
  try {
    if (mode === 'isere') {
      await seedIsere(databaseUrl, { seed, today: values.today, photos });
    } else {
      await seedNational(databaseUrl, {
        seed,
        today: values.today,
        establishments: positive('establishments', values.establishments),
        bookings: positive('bookings', values.bookings),
        organisations: positive('organisations', values.organisations),
        photos,
      });
    }
  } finally {
    await photos?.close();
  }
}

function photoStore() {
  try {
    return bookingObjectStore(process.env, process.cwd());
  } catch (error) {
    if (error instanceof ConfigErrors) throw new SeedError(error.errors.map((problem) => problem.message).join('; '));
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `seed: ${error instanceof SeedError || error instanceof TypeError ? error.message : ((error as Error).stack ?? String(error))}\n`,
  );
  process.exitCode = 1;
});
