import { decidePaperRecord, paperDateRefusal, type PaperRecordState } from './paper-record';

const state = (overrides: Partial<PaperRecordState> = {}): PaperRecordState => ({
  bookingStatus: 'approved',
  completed: null,
  issuedOn: '2026-03-02',
  signedOn: '2026-03-05',
  today: '2026-03-10',
  ...overrides,
});

describe('recording a convention signed on paper', () => {
  it('accepts an issued, unsigned or partly signed convention dated between its issue and today', () => {
    expect(decidePaperRecord(state())).toEqual({ ok: true });
    expect(decidePaperRecord(state({ signedOn: '2026-03-02' }))).toEqual({ ok: true });
    expect(decidePaperRecord(state({ signedOn: '2026-03-10', bookingStatus: 'awaiting_payment' }))).toEqual({
      ok: true,
    });
    expect(decidePaperRecord(state({ bookingStatus: 'confirmed' }))).toEqual({ ok: true });
  });

  it('refuses a convention completed already, saying how', () => {
    expect(decidePaperRecord(state({ completed: 'paper' }))).toMatchObject({ code: 'convention_signed_on_paper' });
    expect(decidePaperRecord(state({ completed: 'online' }))).toMatchObject({ code: 'convention_already_signed' });
  });

  it('refuses a booking no longer under way', () => {
    for (const bookingStatus of ['requested', 'refused', 'cancelled', 'expired', 'completed'] as const)
      expect(decidePaperRecord(state({ bookingStatus }))).toMatchObject({ code: 'convention_not_signable' });
  });

  it('refuses a date after today or before the issue, in French', () => {
    const future = decidePaperRecord(state({ signedOn: '2026-03-11' }));
    expect(future).toMatchObject({ ok: false, code: 'paper_signed_in_future' });
    expect(future.ok ? '' : future.message).toMatch(/postérieure à aujourd’hui/);
    expect(decidePaperRecord(state({ signedOn: '2026-03-01' }))).toMatchObject({ code: 'paper_signed_before_issue' });
    // Before the convention is read, only the future is known to be wrong.
    expect(paperDateRefusal('2020-01-01', '2026-03-10')).toEqual({ ok: true });
    expect(paperDateRefusal('2026-03-11', '2026-03-10')).toMatchObject({ code: 'paper_signed_in_future' });
  });
});
