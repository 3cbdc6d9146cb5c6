import { initialBookingRequestForm } from '../booking-request/booking-request-model';
import { buildEnteredBooking, buildEnteredSeries, lookupNumber, type StaffEntryForm } from './staff-entry-model';

const SPACE = '6f0d1c0e-7c1b-4b53-9d59-0d7f6a1c2b3e';
const ORGANISATION = '0a9b8c7d-6e5f-4a3b-8c1d-0e9f8a7b6c5d';

function form(overrides: Partial<StaffEntryForm> = {}): StaffEntryForm {
  return {
    ...initialBookingRequestForm({
      organisationId: ORGANISATION,
      defaultMinutes: 120,
      maxMinutes: 600,
      today: '2026-12-06',
    }),
    date: '2027-01-11',
    startTime: '18:00',
    endTime: '20:00',
    spaceId: SPACE,
    paymentChoice: 'counter',
    approve: false,
    message: '',
    ...overrides,
  };
}

describe('the collège’s entry of a request', () => {
  it('looks an organisation up by its RNA, its SIREN, or the SIREN inside a SIRET', () => {
    expect(lookupNumber(' w381 234 567 ')).toEqual({ ok: true, number: 'W381234567' });
    expect(lookupNumber('123.456.789')).toEqual({ ok: true, number: '123456789' });
    expect(lookupNumber('123 456 789 00012')).toEqual({ ok: true, number: '123456789' });
    expect(lookupNumber('  ')).toMatchObject({ ok: false, error: { field: 'number' } });
  });

  it('asks for the space with every other mistake at once, and sends the message only with an approval', () => {
    const missing = buildEnteredBooking(form({ spaceId: '', startTime: '' }), 15, false);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors.map((error) => error.field).sort()).toEqual(['spaceId', 'startTime']);
    const pending = buildEnteredBooking(form({ message: 'Clés à l’accueil' }), 15, false);
    expect(pending).toMatchObject({ ok: true, body: { paymentChoice: 'counter', approve: false } });
    if (pending.ok) expect(pending.body).not.toHaveProperty('message');
    const approved = buildEnteredBooking(form({ approve: true, message: ' Clés à l’accueil ' }), 15, false);
    expect(approved).toMatchObject({ ok: true, body: { approve: true, message: 'Clés à l’accueil' } });
  });

  it('invoices a commune’s one-off booking with its identifiers, whatever choice the radio held', () => {
    const built = buildEnteredBooking(
      form({ paymentChoice: 'online', payerSiret: '213 801 855 00015', engagementNumber: 'EJ-42' }),
      15,
      true,
    );
    expect(built).toMatchObject({
      ok: true,
      body: { paymentChoice: 'invoice', publicPayer: { siret: '21380185500015', engagementNumber: 'EJ-42' } },
    });
  });

  it('invoices a commune’s series with its identifiers, whatever choice the radio held', () => {
    const weekly = { mode: 'weekly' as const, until: '2027-02-01', paymentChoice: 'counter' as const };
    const missing = buildEnteredSeries(form(weekly), 15, true);
    expect(missing.ok ? [] : missing.errors.map((error) => error.field)).toEqual(['payerSiret', 'engagementNumber']);
    const built = buildEnteredSeries(
      form({ ...weekly, payerSiret: '21380185500015', engagementNumber: 'EJ-7' }),
      15,
      true,
    );
    expect(built).toMatchObject({
      ok: true,
      body: { paymentChoice: 'invoice', publicPayer: { siret: '21380185500015', engagementNumber: 'EJ-7' } },
    });
  });

  it('builds the weekly series on its first date’s weekday, with the payment choice', () => {
    const built = buildEnteredSeries(form({ mode: 'weekly', until: '2027-02-01', paymentChoice: 'online' }), 15);
    expect(built).toMatchObject({
      ok: true,
      body: {
        spaceId: SPACE,
        firstDate: '2027-01-11',
        startTime: '18:00',
        durationMinutes: 120,
        paymentChoice: 'online',
      },
    });
    if (built.ok) expect(built.body.rrule).toContain('BYDAY=MO');
  });
});
