import { describeFailure, nextAttemptDelay } from './retry-policy';

const policy = { maxAttempts: 4, initialMs: 1_000, maxMs: 5_000 };
const noJitter = () => 0;

describe('retry policy of a message', () => {
  it('retries a server that is down or answers 4xx, doubling the delay up to its cap, then gives up', () => {
    const down = { message: 'connect ECONNREFUSED 127.0.0.1:1025' };
    expect([1, 2, 3].map((attempts) => nextAttemptDelay(down, attempts, policy, noJitter))).toEqual([
      1_000, 2_000, 4_000,
    ]);
    expect(
      nextAttemptDelay({ responseCode: 451, message: 'try later' }, 3, { ...policy, maxAttempts: 9 }, noJitter),
    ).toBe(4_000);
    expect(nextAttemptDelay({ responseCode: 421, message: 'busy' }, 4, { ...policy, maxAttempts: 9 }, noJitter)).toBe(
      5_000,
    );
    expect(nextAttemptDelay(down, 4, policy, noJitter)).toBeNull();
    expect(nextAttemptDelay(down, 1, policy, () => 1)).toBe(1_200);
  });

  it('never retries a 5xx answer: the server refused this message for good', () => {
    expect(nextAttemptDelay({ responseCode: 550, message: 'mailbox unavailable' }, 1, policy, noJitter)).toBeNull();
    expect(describeFailure({ responseCode: 550, message: 'mailbox unavailable' })).toBe(
      'SMTP 550: mailbox unavailable',
    );
    expect(describeFailure({ message: 'timeout' })).toBe('timeout');
  });

  it('follows the sender’s word on an answer that is not SMTP’s', () => {
    const refused = { responseCode: 400, message: 'INVALID_BODY', protocol: 'OVH' as const, permanent: true };
    expect(nextAttemptDelay(refused, 1, policy, noJitter)).toBeNull();
    expect(describeFailure(refused)).toBe('OVH 400: INVALID_BODY');
    const unavailable = { responseCode: 503, message: 'unavailable', protocol: 'OVH' as const, permanent: false };
    expect(nextAttemptDelay(unavailable, 1, policy, noJitter)).toBe(1_000);
  });
});
