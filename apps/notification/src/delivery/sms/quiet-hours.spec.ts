import { smsDueAt, smsRetryNotBefore } from './quiet-hours';

/** Paris is UTC+1 in December, UTC+2 in July. */
const at = (iso: string) => new Date(iso);

describe('SMS quiet hours (20:00 to 08:00, Paris time)', () => {
  it('sends at once during the day', () => {
    expect(smsDueAt(at('2026-12-07T07:00:00Z'))).toEqual(at('2026-12-07T07:00:00Z')); // 08:00 Paris
    expect(smsDueAt(at('2026-12-07T18:59:59Z'))).toEqual(at('2026-12-07T18:59:59Z')); // 19:59:59
  });

  it('holds an SMS planned in the evening or at night until 08:00 Paris time', () => {
    expect(smsDueAt(at('2026-12-07T19:00:00Z'))).toEqual(at('2026-12-08T07:00:00Z')); // 20:00 → next 08:00
    expect(smsDueAt(at('2026-12-07T22:30:00Z'))).toEqual(at('2026-12-08T07:00:00Z')); // 23:30
    expect(smsDueAt(at('2026-12-08T02:00:00Z'))).toEqual(at('2026-12-08T07:00:00Z')); // 03:00
    expect(smsDueAt(at('2026-07-07T19:00:00Z'))).toEqual(at('2026-07-08T06:00:00Z')); // 21:00 summer time
    // The night of the change to winter time: 08:00 is still 08:00 in Paris.
    expect(smsDueAt(at('2026-10-24T20:00:00Z'))).toEqual(at('2026-10-25T07:00:00Z'));
  });

  it('sends a change to a session of today at once, even at night', () => {
    const evening = at('2026-12-07T19:30:00Z'); // 20:30 Paris
    expect(smsDueAt(evening, { startsAt: at('2026-12-07T20:00:00Z') })).toEqual(evening);
    // A session tomorrow evening can wait for the morning.
    expect(smsDueAt(evening, { startsAt: at('2026-12-08T18:00:00Z') })).toEqual(at('2026-12-08T07:00:00Z'));
    // One tomorrow at 07:30 cannot: held, the SMS would come after it began.
    expect(smsDueAt(evening, { startsAt: at('2026-12-08T06:30:00Z') })).toEqual(evening);
    expect(smsDueAt(evening, { startsAt: null })).toEqual(at('2026-12-08T07:00:00Z'));
  });

  it('holds a retry that would fall in the quiet hours until 08:00, save the cancellation of a session of today', () => {
    // A retry at 14:00 Paris may go then.
    expect(smsRetryNotBefore(at('2026-12-07T13:00:00Z'), 'approved_to_pay', null)).toBeNull();
    // One at 20:00:01 waits for the morning, whatever the message.
    expect(smsRetryNotBefore(at('2026-12-07T19:00:01Z'), 'approved_to_pay', null)).toEqual(at('2026-12-08T07:00:00Z'));
    expect(smsRetryNotBefore(at('2026-12-07T19:00:01Z'), 'session_reminder', at('2026-12-07T20:00:00Z'))).toEqual(
      at('2026-12-08T07:00:00Z'),
    );
    // The collège's cancellation of tonight's session goes at once; of a session next week, in the morning.
    expect(
      smsRetryNotBefore(at('2026-12-07T19:00:01Z'), 'cancelled_by_establishment', at('2026-12-07T20:00:00Z')),
    ).toBeNull();
    expect(
      smsRetryNotBefore(at('2026-12-07T19:00:01Z'), 'cancelled_by_establishment', at('2026-12-14T20:00:00Z')),
    ).toEqual(at('2026-12-08T07:00:00Z'));
  });
});
