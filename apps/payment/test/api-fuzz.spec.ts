import { randomUUID } from 'node:crypto';
import type { Caller } from '@salle/auth';
import { payerContactOperations, paymentOperations, serviceAuditOperations } from '@salle/contracts';
import { fuzzApi, fuzzRuns, fuzzSeed, fuzzTestTimeout, type FuzzCaller } from '@salle/testing';
import { agent, member, PaymentTestKit, type Access } from './payment-test-kit';

const RUNS = fuzzRuns(20);

/**
 * Malformed requests generated from the payment service's own OpenAPI
 * document, for every operation (the Stripe webhook included), as a visitor
 * and as signed-in roles: none may answer 5xx, and every error must be
 * problem+json. A failure prints the FUZZ_SEED that sends the same requests again.
 */
describe('payment API under malformed requests', () => {
  let kit: PaymentTestKit;

  beforeAll(async () => {
    kit = await PaymentTestKit.start('payment-fuzz');
  });

  afterAll(() => kit?.stop());

  it(
    'never answers 5xx, and answers every error as problem+json',
    async () => {
      const signedIn = (name: string, caller: Caller, access: Access = {}): FuzzCaller => ({
        name,
        headers: async () => ({ authorization: `Bearer ${await kit.token(caller, access)}` }),
      });
      const report = await fuzzApi({
        baseUrl: kit.service.url,
        callers: [
          { name: 'a visitor', headers: async () => ({}) },
          signedIn('a member of an organisation', member(), { organisations: [randomUUID()] }),
          signedIn('a collège manager', agent(), { establishments: [randomUUID()] }),
          signedIn('a département admin', agent(['department_admin'])),
        ],
        runsPerOperation: RUNS,
        seed: fuzzSeed(),
      });
      expect(report.failures).toEqual([]);
      // The service mounts its audit log and the payer contacts beside its own table.
      const mounted = { ...paymentOperations, ...payerContactOperations, ...serviceAuditOperations };
      expect(report.operations).toBe(Object.keys(mounted).length);
      expect(report.requests).toBe(report.operations * RUNS);
      expect(Object.keys(report.statuses).filter((status) => Number(status) !== 400).length).toBeGreaterThan(3);
    },
    fuzzTestTimeout(RUNS),
  );
});
