import { Client } from 'pg';

/**
 * Waits until the booking service has materialised the opening windows of
 * every space (booking.space.availability_until set: see the booking app's
 * availability README). Seeded spaces are written straight into the tables,
 * so the service's refresher computes them a few seconds later; until then
 * they offer nothing in searches. Logs progress every `intervalMs`.
 */
export async function awaitMaterialisedAvailability(
  databaseUrl: string,
  options: { log?: (line: string) => void; timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const { log = () => undefined, timeoutMs = 300_000, intervalMs = 1_000 } = options;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const started = Date.now();
  try {
    for (;;) {
      const { rows } = await client.query(
        `SELECT count(*) FILTER (WHERE availability_until IS NULL)::int AS stale, count(*)::int AS total FROM booking.space`,
      );
      const { stale, total } = rows[0] as { stale: number; total: number };
      if (stale === 0) {
        log(
          `availability: opening windows of ${total} spaces ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
        return;
      }
      if (Date.now() - started > timeoutMs)
        throw new Error(
          `the booking service did not compute the opening windows of ${stale} spaces within ${timeoutMs / 1000} s`,
        );
      log(`availability: ${total - stale} of ${total} spaces computed...`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  } finally {
    await client.end();
  }
}
