import { payfipDateTime } from './paris-time';

describe('payfipDateTime', () => {
  it('writes DDMMYYYY and HHMM in Paris time, summer and winter', () => {
    expect(payfipDateTime(Date.parse('2026-07-14T21:05:00Z'))).toEqual({ dattrans: '14072026', heurtrans: '2305' });
    expect(payfipDateTime(Date.parse('2026-12-31T23:30:00Z'))).toEqual({ dattrans: '01012027', heurtrans: '0030' });
  });
});
