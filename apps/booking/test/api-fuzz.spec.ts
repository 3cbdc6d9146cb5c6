import { bookingOperations, serviceAuditOperations } from '@salle/contracts';
import { fuzzApi, fuzzRuns, fuzzSeed, fuzzTestTimeout, type FuzzCaller } from '@salle/testing';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';

const RUNS = fuzzRuns(12);

/**
 * Malformed requests generated from the booking service's own OpenAPI
 * document, for every operation, as a visitor and as signed-in roles: none
 * may answer 5xx, and every error must be problem+json. A failure prints
 * the FUZZ_SEED that sends the same requests again.
 */
describe('booking API under malformed requests', () => {
  let booking: BookingTestService;

  beforeAll(async () => {
    booking = await startBookingTestService('booking-fuzz');
  });

  afterAll(() => booking?.stop());

  it(
    'never answers 5xx, and answers every error as problem+json',
    async () => {
      const signedIn = (name: string, caller: Parameters<BookingTestService['headersFor']>[0]): FuzzCaller => ({
        name,
        headers: () => booking.headersFor(caller),
      });
      const report = await fuzzApi({
        baseUrl: booking.service.url,
        callers: [
          { name: 'a visitor', headers: async () => ({}) },
          signedIn('a FranceConnect user', franceConnectUser()),
          signedIn('a ProConnect agent', proConnectAgent()),
          signedIn('a département admin', departmentAdmin()),
        ],
        runsPerOperation: RUNS,
        seed: fuzzSeed(),
      });
      expect(report.failures).toEqual([]);
      // Every operation was tried, and not everything stopped at the first check.
      // The audit log is mounted beside the booking table.
      expect(report.operations).toBe(Object.keys({ ...bookingOperations, ...serviceAuditOperations }).length);
      expect(report.requests).toBe(report.operations * RUNS);
      expect(Object.keys(report.statuses).filter((status) => Number(status) !== 400).length).toBeGreaterThan(3);
    },
    fuzzTestTimeout(RUNS),
  );
});
