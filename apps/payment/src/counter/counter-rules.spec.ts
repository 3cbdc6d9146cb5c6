import { AppError } from '@salle/http';
import { checkCounterPayment, counterPaidAt } from './counter-rules';

const refusal = (check: () => void) => {
  try {
    check();
  } catch (error) {
    return error instanceof AppError ? { status: error.status, code: error.code } : error;
  }
  return null;
};

describe('what a régie may record', () => {
  // 23:30 in Paris on 14 March 2026 (22:30 UTC, winter time): the 15th is tomorrow there.
  const lateEvening = new Date('2026-03-14T22:30:00Z');

  it('takes exactly the amount due, received today or before (Paris dates)', () => {
    expect(
      refusal(() => checkCounterPayment({ amountCents: 4_500, receivedOn: '2026-03-14' }, 4_500, lateEvening)),
    ).toBeNull();
    expect(
      refusal(() => checkCounterPayment({ amountCents: 4_500, receivedOn: '2026-02-28' }, 4_500, lateEvening)),
    ).toBeNull();
  });

  it('refuses another amount, more or less, with the amount due in French', () => {
    expect(
      refusal(() => checkCounterPayment({ amountCents: 4_499, receivedOn: '2026-03-14' }, 4_500, lateEvening)),
    ).toEqual({
      status: 422,
      code: 'counter_amount_mismatch',
    });
    expect(
      refusal(() => checkCounterPayment({ amountCents: 5_000, receivedOn: '2026-03-14' }, 4_500, lateEvening)),
    ).toEqual({
      status: 422,
      code: 'counter_amount_mismatch',
    });
  });

  it('refuses a day after today in Paris, even when it is already that day in UTC', () => {
    // 00:30 UTC on the 15th is 01:30 in Paris on the 15th: the 15th is today there.
    expect(
      refusal(() =>
        checkCounterPayment({ amountCents: 1, receivedOn: '2026-03-15' }, 1, new Date('2026-03-15T00:30:00Z')),
      ),
    ).toBeNull();
    expect(refusal(() => checkCounterPayment({ amountCents: 1, receivedOn: '2026-03-15' }, 1, lateEvening))).toEqual({
      status: 422,
      code: 'counter_received_in_future',
    });
  });
});

describe('when counter money counts as received', () => {
  const now = new Date('2026-07-10T08:15:00Z');

  it('is now for money received today', () => {
    expect(counterPaidAt('2026-07-10', now)).toEqual(now);
  });

  it('is noon in Paris of an earlier day, summer or winter time', () => {
    expect(counterPaidAt('2026-07-03', now).toISOString()).toBe('2026-07-03T10:00:00.000Z');
    expect(counterPaidAt('2026-01-31', now).toISOString()).toBe('2026-01-31T11:00:00.000Z');
  });
});
