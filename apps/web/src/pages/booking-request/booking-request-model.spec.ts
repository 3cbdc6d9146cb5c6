import { previewSeriesSchema } from '@salle/contracts';
import { mapFieldErrors } from '../../lib/form-errors';
import {
  BOOKING_REQUEST_ALIASES,
  BOOKING_REQUEST_FIELDS,
  bookableOrganisations,
  buildBookingRequest,
  buildSeriesRequest,
  initialBookingRequestForm,
  seriesPreviewOf,
  type BookingRequestForm,
} from './booking-request-model';

const SPACE = '0b6f3bd2-5a43-4c3f-9a57-2f2b3c1a9e10';
const ORG = '7d1f0c7e-2f6c-4f0e-8d3a-6f7b0a2c9b11';

function form(overrides: Partial<BookingRequestForm> = {}): BookingRequestForm {
  return {
    ...initialBookingRequestForm({ organisationId: ORG, defaultMinutes: 120, maxMinutes: 600, today: '2026-03-01' }),
    date: '2026-03-03',
    startTime: '18:00',
    endTime: '20:00',
    ...overrides,
  };
}

describe('booking request form', () => {
  it('asks a commune for its SIRET and engagement number, and sends them with the optional service code', () => {
    const missing = buildBookingRequest(SPACE, form(), 15, true);
    expect(missing).toEqual({
      ok: false,
      errors: [
        { field: 'payerSiret', message: expect.stringContaining('SIRET') },
        { field: 'engagementNumber', message: expect.stringContaining('numéro d’engagement') },
      ],
    });
    const filled = form({ payerSiret: '213 801 855 00015', engagementNumber: ' EJ-42 ', serviceCode: '' });
    const built = buildBookingRequest(SPACE, filled, 15, true);
    expect(built.ok && built.body.publicPayer).toEqual({ siret: '21380185500015', engagementNumber: 'EJ-42' });
    // An association sends none, whatever the hidden fields hold.
    const association = buildBookingRequest(SPACE, filled, 15, false);
    expect(association.ok && 'publicPayer' in association.body).toBe(false);
    // The service's field names land on the form's fields.
    const mapped = mapFieldErrors(
      [{ field: 'publicPayer.siret', message: 'Le numéro SIRET : ce numéro n’est pas valide.' }],
      Object.keys(BOOKING_REQUEST_FIELDS),
      BOOKING_REQUEST_ALIASES,
    );
    expect(Object.keys(mapped.byField)).toEqual(['payerSiret']);
  });

  it('prefills from a free slot, Paris time, clamped to the longest allowed booking', () => {
    const initial = initialBookingRequestForm({
      start: '2026-07-01T16:00:00Z',
      end: '2026-07-01T21:00:00Z',
      defaultMinutes: 120,
      maxMinutes: 180,
      today: '2026-06-01',
    });
    expect(initial).toMatchObject({
      date: '2026-07-01',
      startTime: '18:00',
      endTime: '21:00',
      until: '2026-09-02',
    });
    expect(
      initialBookingRequestForm({ start: 'nonsense', defaultMinutes: 60, maxMinutes: 60, today: '2026-06-01' }),
    ).toMatchObject({ date: '', startTime: '' });
  });

  it('runs a series until the end of the school year by default', () => {
    const at = (start: string, schoolYearEndsOn: string | null) =>
      initialBookingRequestForm({ start, schoolYearEndsOn, defaultMinutes: 60, maxMinutes: 60, today: '2026-12-06' })
        .until;
    expect(at('2027-01-11T17:00:00Z', '2027-07-03')).toBe('2027-07-03');
    // Unknown, or a first session after it: ten weeks.
    expect(at('2027-01-11T17:00:00Z', null)).toBe('2027-03-15');
    expect(at('2027-07-10T17:00:00Z', '2027-07-03')).toBe('2027-09-11');
  });

  it('builds a one-off request with explicit Paris offsets', () => {
    expect(buildBookingRequest(SPACE, form({ purpose: '  Entraînement  ', attendees: '12' }))).toEqual({
      ok: true,
      body: {
        spaceId: SPACE,
        organisationId: ORG,
        startsAt: '2026-03-03T18:00:00+01:00',
        endsAt: '2026-03-03T20:00:00+01:00',
        purpose: 'Entraînement',
        attendees: 12,
      },
    });
    const midnight = buildBookingRequest(SPACE, form({ startTime: '22:00', endTime: '00:00' }));
    expect(midnight.ok && midnight.body.endsAt).toBe('2026-03-04T00:00:00+01:00');
  });

  it('reports every mistake at once, mapped onto the form’s fields', () => {
    const result = buildBookingRequest(
      SPACE,
      form({ organisationId: '', startTime: '8h', endTime: '', attendees: 'beaucoup' }),
    );
    expect(result.ok).toBe(false);
    const { byField, unmatched } = mapFieldErrors(
      result.ok ? [] : result.errors,
      Object.keys(BOOKING_REQUEST_FIELDS),
      BOOKING_REQUEST_ALIASES,
    );
    expect(byField).toEqual({
      organisationId: 'Choisissez l’organisation pour laquelle vous réservez.',
      startTime: 'Indiquez l’heure de début (HH:MM).',
      endTime: 'Indiquez l’heure de fin (HH:MM).',
      attendees: 'Indiquez un nombre entier de personnes.',
    });
    expect(unmatched).toEqual([]);
    const backwards = buildBookingRequest(SPACE, form({ startTime: '20:00', endTime: '18:00' }));
    expect(backwards).toEqual({
      ok: false,
      errors: [{ field: 'endTime', message: 'l’heure de fin doit suivre l’heure de début' }],
    });
  });

  it('refuses start and end times off the space’s grid, one-off and weekly alike', () => {
    const offGrid = form({ startTime: '18:07', endTime: '20:15', mode: 'weekly', until: '2026-06-30' });
    const message = (from: string, to: string) =>
      `choisissez une heure par pas de 30\u00a0minutes, par exemple ${from} ou ${to}`;
    const expected = {
      ok: false,
      errors: [
        { field: 'startTime', message: message('18\u00a0h\u00a000', '18\u00a0h\u00a030') },
        { field: 'endTime', message: message('20\u00a0h\u00a000', '20\u00a0h\u00a030') },
      ],
    };
    expect(buildBookingRequest(SPACE, offGrid, 30)).toEqual(expected);
    expect(buildSeriesRequest(SPACE, offGrid, 30)).toEqual(expected);
    expect(buildBookingRequest(SPACE, form({ startTime: '18:15', endTime: '20:15' }), 15).ok).toBe(true);
  });

  it('maps the service’s own field names (startsAt, rrule…) onto the form', () => {
    const { byField } = mapFieldErrors(
      [
        { field: 'startsAt', message: 'créneau déjà pris' },
        { field: 'rrule', message: 'Cette règle ne produit aucune séance' },
        { field: 'durationMinutes', message: 'au plus 24 heures' },
      ],
      Object.keys(BOOKING_REQUEST_FIELDS),
      BOOKING_REQUEST_ALIASES,
    );
    expect(byField).toEqual({
      startTime: 'Créneau déjà pris.',
      date: 'Cette règle ne produit aucune séance.',
      endTime: 'Au plus 24 heures.',
    });
  });

  it('previews a series without its purpose and attendees, which the preview refuses as unknown keys', () => {
    const built = buildSeriesRequest(
      SPACE,
      form({ mode: 'weekly', until: '2026-06-30', purpose: 'Chorale', attendees: '25' }),
    );
    if (!built.ok) throw new Error('the series should build');
    expect(built.body).toMatchObject({ purpose: 'Chorale', attendees: 25 });
    const preview = seriesPreviewOf(built.body);
    expect(previewSeriesSchema.safeParse(preview).success).toBe(true);
    expect(previewSeriesSchema.safeParse(built.body).success).toBe(false);
    expect(preview).toEqual({
      spaceId: SPACE,
      organisationId: ORG,
      rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20260630',
      firstDate: '2026-03-03',
      startTime: '18:00',
      durationMinutes: 120,
      options: built.body.options,
    });
  });

  it('builds a weekly series on its first date’s weekday: RRULE, local start time and duration', () => {
    const result = buildSeriesRequest(SPACE, form({ mode: 'weekly', until: '2026-06-30', skipClosures: false }));
    expect(result).toEqual({
      ok: true,
      body: {
        spaceId: SPACE,
        organisationId: ORG,
        rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20260630',
        firstDate: '2026-03-03',
        startTime: '18:00',
        durationMinutes: 120,
        options: { skipSchoolHolidays: true, skipPublicHolidays: true, skipClosures: false },
        purpose: '',
        attendees: undefined,
      },
    });
    const thursday = buildSeriesRequest(SPACE, form({ mode: 'weekly', date: '2026-03-05', until: '2026-06-30' }));
    expect(thursday.ok && thursday.body.rrule).toBe('FREQ=WEEKLY;BYDAY=TH;UNTIL=20260630');
    const wrong = buildSeriesRequest(SPACE, form({ mode: 'weekly', until: '2026-03-01' }));
    expect(wrong.ok ? [] : wrong.errors).toEqual([
      { field: 'until', message: 'la dernière séance doit suivre la première' },
    ]);
  });

  it('asks a commune’s series for its invoicing identifiers, kept out of the preview', () => {
    const weekly = { mode: 'weekly' as const, until: '2026-06-30' };
    const missing = buildSeriesRequest(SPACE, form(weekly), 15, true);
    expect(missing.ok ? [] : missing.errors.map((error) => error.field)).toEqual(['payerSiret', 'engagementNumber']);
    const filled = form({ ...weekly, payerSiret: '213 801 855 00015', engagementNumber: 'EJ-42', serviceCode: 'SP' });
    const built = buildSeriesRequest(SPACE, filled, 15, true);
    if (!built.ok) throw new Error('the series should build');
    expect(built.body.publicPayer).toEqual({ siret: '21380185500015', engagementNumber: 'EJ-42', serviceCode: 'SP' });
    expect(previewSeriesSchema.safeParse(seriesPreviewOf(built.body)).success).toBe(true);
    // An association's series sends none.
    const association = buildSeriesRequest(SPACE, filled, 15, false);
    expect(association.ok && 'publicPayer' in association.body).toBe(false);
  });

  it('offers no refused organisation', () => {
    const organisations = [
      { id: 'a', status: 'verified' },
      { id: 'b', status: 'rejected' },
      { id: 'c', status: 'pending' },
    ];
    expect(bookableOrganisations(organisations).map((o) => o.id)).toEqual(['a', 'c']);
  });
});
