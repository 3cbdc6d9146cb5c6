import { createLogger } from '@salle/runtime';
import { startService, type RunningService } from '@salle/service';
import { createTestDatabase, testRedisUrl, uniqueKeyPrefix, type TestDatabase } from '@salle/testing';
import { bookingService } from './booking-service';
import { bookingConfig } from './config';

describe('booking service', () => {
  let database: TestDatabase;
  let service: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase('booking');
    const config = bookingConfig.parse({ DATABASE_URL: database.url, REDIS_URL: testRedisUrl() });
    const options = bookingService(config, createLogger({ service: 'booking', level: 'silent' }));
    service = await startService({ ...options, port: 0, redisKeyPrefix: uniqueKeyPrefix('booking') });
  });

  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  it('starts ready, with btree_gist available for the no-overlap constraint', async () => {
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
    const [row] = await service.dataSource.query(`SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'btree_gist'`);
    expect(row.n).toBe(1);
    const migrations = await service.dataSource.query('SELECT name FROM booking.migrations');
    expect(migrations).toEqual([{ name: 'EnableExtensions1763830000000' }]);
  });
});
