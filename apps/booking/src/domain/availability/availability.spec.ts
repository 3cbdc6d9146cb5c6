import fc from 'fast-check';
import { loadSchoolCalendar } from '../calendar';
import { covers, interval, type TimeInterval } from '../time/interval-set';
import { freeIntervals, offerableIntervals } from './offerable-intervals';
import { validateOpeningRules, type OpeningRules, type WeeklyWindow } from './opening-rules';
import { checkSlot, type SlotCheck } from './slot-checker';
import { parseLocalDate, parseLocalTime, type LocalTime } from '../time';

const { calendar } = loadSchoolCalendar();
const zoneA = calendar.forZone('A');
const iso = (list: TimeInterval[]) => list.map((item) => [item.start.toISOString(), item.end.toISOString()]);
const span = (start: string, end: string) => [new Date(start).toISOString(), new Date(end).toISOString()];
const codes = (check: SlotCheck) => (check.ok ? [] : check.reasons.map((reason) => reason.code));
const WEEKDAYS: WeeklyWindow['weekdays'] = [1, 2, 3, 4, 5];

describe('offerable intervals across DST changes', () => {
  const sundayEvenings: OpeningRules = {
    weeklyWindows: [{ weekdays: [7], start: parseLocalTime('18:00'), end: parseLocalTime('22:00') }],
  };

  it('keeps a Sunday 18:00-22:00 window at 18:00 local around the March 2026 change', () => {
    const result = offerableIntervals(
      sundayEvenings,
      zoneA,
      new Date('2026-03-15T00:00:00Z'),
      new Date('2026-04-06T00:00:00Z'),
    );
    expect(iso(result)).toEqual([
      span('2026-03-15T17:00:00Z', '2026-03-15T21:00:00Z'), // CET, UTC+1
      span('2026-03-22T17:00:00Z', '2026-03-22T21:00:00Z'),
      span('2026-03-29T16:00:00Z', '2026-03-29T20:00:00Z'), // the change day itself is already CEST, UTC+2
      span('2026-04-05T16:00:00Z', '2026-04-05T20:00:00Z'),
    ]);
  });

  it('keeps a Sunday 18:00-22:00 window at 18:00 local around the October 2026 change', () => {
    const result = offerableIntervals(
      sundayEvenings,
      zoneA,
      new Date('2026-10-11T00:00:00Z'),
      new Date('2026-11-09T00:00:00Z'),
    );
    expect(iso(result)).toEqual([
      span('2026-10-11T16:00:00Z', '2026-10-11T20:00:00Z'), // CEST
      span('2026-10-18T16:00:00Z', '2026-10-18T20:00:00Z'),
      span('2026-10-25T17:00:00Z', '2026-10-25T21:00:00Z'), // CET from the change day
      // 1 November 2026 is Toussaint, a public holiday: closed by default
      span('2026-11-08T17:00:00Z', '2026-11-08T21:00:00Z'),
    ]);
  });

  it('stretches a whole-day window to the 23 and 25 hours of the change days', () => {
    const allDay: OpeningRules = {
      weeklyWindows: [{ weekdays: [7], start: parseLocalTime('00:00'), end: parseLocalTime('24:00') }],
    };
    const march = offerableIntervals(allDay, zoneA, new Date('2026-03-28T12:00:00Z'), new Date('2026-03-30T12:00:00Z'));
    expect(iso(march)).toEqual([span('2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z')]);
    const october = offerableIntervals(
      allDay,
      zoneA,
      new Date('2026-10-24T12:00:00Z'),
      new Date('2026-10-26T12:00:00Z'),
    );
    expect(iso(october)).toEqual([span('2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z')]);
  });
});

describe('offerable intervals and the school calendar', () => {
  it('uses the holiday windows during school holidays and the weekly ones in term', () => {
    const rules: OpeningRules = {
      weeklyWindows: [{ weekdays: WEEKDAYS, start: parseLocalTime('18:00'), end: parseLocalTime('22:00') }],
      holidayWindows: [{ weekdays: [1, 2, 3, 4, 5, 6], start: parseLocalTime('09:00'), end: parseLocalTime('22:00') }],
    };
    // Friday 16 October 2026 is the last school day before Toussaint (zone A), Saturday 17 the first day off.
    const result = offerableIntervals(rules, zoneA, new Date('2026-10-16T00:00:00Z'), new Date('2026-10-20T00:00:00Z'));
    expect(iso(result)).toEqual([
      span('2026-10-16T16:00:00Z', '2026-10-16T20:00:00Z'),
      span('2026-10-17T07:00:00Z', '2026-10-17T20:00:00Z'),
      span('2026-10-19T07:00:00Z', '2026-10-19T20:00:00Z'),
    ]);
  });

  it('keeps school hours free on term days only, by default Monday to Friday 08:00-18:00', () => {
    const rules: OpeningRules = {
      weeklyWindows: [{ weekdays: [3, 6], start: parseLocalTime('13:00'), end: parseLocalTime('22:00') }],
    };
    const term = offerableIntervals(rules, zoneA, new Date('2026-10-07T00:00:00Z'), new Date('2026-10-11T00:00:00Z'));
    expect(iso(term)).toEqual([
      span('2026-10-07T16:00:00Z', '2026-10-07T20:00:00Z'), // Wednesday: after 18:00 only
      span('2026-10-10T11:00:00Z', '2026-10-10T20:00:00Z'), // Saturday: no classes
    ]);
    const holiday = offerableIntervals(
      rules,
      zoneA,
      new Date('2026-10-21T00:00:00Z'),
      new Date('2026-10-22T00:00:00Z'),
    );
    expect(iso(holiday)).toEqual([span('2026-10-21T11:00:00Z', '2026-10-21T20:00:00Z')]);
  });

  it('follows configured school hours (Wednesday afternoon free) and can be switched off', () => {
    const windows = [
      { weekdays: [3] as WeeklyWindow['weekdays'], start: parseLocalTime('13:00'), end: parseLocalTime('22:00') },
    ];
    const from = new Date('2026-10-07T00:00:00Z');
    const to = new Date('2026-10-08T00:00:00Z');
    const custom = offerableIntervals(
      {
        weeklyWindows: windows,
        schoolHours: [
          { weekdays: [1, 2, 4, 5], start: parseLocalTime('08:00'), end: parseLocalTime('17:30') },
          { weekdays: [3], start: parseLocalTime('08:00'), end: parseLocalTime('12:30') },
        ],
      },
      zoneA,
      from,
      to,
    );
    expect(iso(custom)).toEqual([span('2026-10-07T11:00:00Z', '2026-10-07T20:00:00Z')]);
    const off = offerableIntervals(
      {
        weeklyWindows: [{ weekdays: [3], start: parseLocalTime('08:00'), end: parseLocalTime('22:00') }],
        outsideSchoolTime: false,
      },
      zoneA,
      from,
      to,
    );
    expect(iso(off)).toEqual([span('2026-10-07T06:00:00Z', '2026-10-07T20:00:00Z')]);
  });

  it('treats days after the published calendar as possible school days, and never as holidays', () => {
    const rules: OpeningRules = {
      weeklyWindows: [{ weekdays: [1], start: parseLocalTime('14:00'), end: parseLocalTime('22:00') }],
      holidayWindows: [{ weekdays: [1], start: parseLocalTime('09:00'), end: parseLocalTime('22:00') }],
    };
    // Monday 10 July 2028: the end of summer 2028 is not published.
    const result = offerableIntervals(rules, zoneA, new Date('2028-07-10T00:00:00Z'), new Date('2028-07-11T00:00:00Z'));
    expect(iso(result)).toEqual([span('2028-07-10T16:00:00Z', '2028-07-10T20:00:00Z')]);
  });

  it('closes on public holidays unless told otherwise', () => {
    const rules: OpeningRules = {
      weeklyWindows: [{ weekdays: [3], start: parseLocalTime('18:00'), end: parseLocalTime('22:00') }],
    };
    const from = new Date('2026-11-11T00:00:00Z');
    const to = new Date('2026-11-12T00:00:00Z');
    expect(offerableIntervals(rules, zoneA, from, to)).toEqual([]);
    // 11 November 2026 is a Wednesday in term: not a school day, so the whole window is open.
    const open = offerableIntervals(
      {
        ...rules,
        weeklyWindows: [{ weekdays: [3], start: parseLocalTime('10:00'), end: parseLocalTime('22:00') }],
        closedOnPublicHolidays: false,
      },
      zoneA,
      from,
      to,
    );
    expect(iso(open)).toEqual([span('2026-11-11T09:00:00Z', '2026-11-11T21:00:00Z')]);
  });
});

describe('offerable intervals: closures, validity, clipping', () => {
  const evenings: OpeningRules = {
    weeklyWindows: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], start: parseLocalTime('18:00'), end: parseLocalTime('22:00') }],
  };

  it('subtracts closures and respects the validity range', () => {
    const rules: OpeningRules = {
      ...evenings,
      validFrom: parseLocalDate('2026-10-05'),
      validUntil: parseLocalDate('2026-10-08'),
      closures: [{ start: new Date('2026-10-06T17:00:00Z'), end: new Date('2026-10-07T19:00:00Z'), reason: 'Travaux' }],
    };
    const result = offerableIntervals(rules, zoneA, new Date('2026-10-04T00:00:00Z'), new Date('2026-10-10T00:00:00Z'));
    expect(iso(result)).toEqual([
      span('2026-10-05T16:00:00Z', '2026-10-05T20:00:00Z'),
      span('2026-10-06T16:00:00Z', '2026-10-06T17:00:00Z'),
      span('2026-10-07T19:00:00Z', '2026-10-07T20:00:00Z'),
      span('2026-10-08T16:00:00Z', '2026-10-08T20:00:00Z'),
    ]);
  });

  it('clips to the requested interval, drops pieces shorter than the minimum duration, refuses huge searches', () => {
    const result = offerableIntervals(
      { ...evenings, minDurationMinutes: 60 },
      zoneA,
      new Date('2026-10-05T19:30:00Z'),
      new Date('2026-10-06T16:30:00Z'),
    );
    expect(result).toEqual([]);
    const clipped = offerableIntervals(
      evenings,
      zoneA,
      new Date('2026-10-05T17:00:00Z'),
      new Date('2026-10-05T18:00:00Z'),
    );
    expect(iso(clipped)).toEqual([span('2026-10-05T17:00:00Z', '2026-10-05T18:00:00Z')]);
    expect(
      offerableIntervals(evenings, zoneA, new Date('2026-10-06T00:00:00Z'), new Date('2026-10-05T00:00:00Z')),
    ).toEqual([]);
    expect(() =>
      offerableIntervals(evenings, zoneA, new Date('2026-01-01T00:00:00Z'), new Date('2029-01-01T00:00:00Z')),
    ).toThrow(RangeError);
  });

  it('removes existing bookings with their turnaround buffer', () => {
    const offerable = [interval('2026-10-05T16:00:00Z', '2026-10-05T20:00:00Z')];
    const busy = [interval('2026-10-05T17:00:00Z', '2026-10-05T18:00:00Z')];
    expect(iso(freeIntervals(offerable, busy, 15))).toEqual([
      span('2026-10-05T16:00:00Z', '2026-10-05T16:45:00Z'),
      span('2026-10-05T18:15:00Z', '2026-10-05T20:00:00Z'),
    ]);
  });
});

describe('checkSlot', () => {
  const rules: OpeningRules = {
    weeklyWindows: [{ weekdays: [1, 2, 3, 4, 5, 6], start: parseLocalTime('14:00'), end: parseLocalTime('22:00') }],
    minDurationMinutes: 60,
    maxDurationMinutes: 240,
    minNoticeMinutes: 48 * 60,
    maxHorizonDays: 365,
    closures: [
      {
        start: new Date('2026-10-09T16:00:00Z'),
        end: new Date('2026-10-09T22:00:00Z'),
        reason: 'Conseil d’administration',
      },
    ],
  };
  const now = new Date('2026-10-01T10:00:00Z');
  const check = (start: string, end: string, overrides: Partial<OpeningRules> = {}) =>
    checkSlot({ ...rules, ...overrides }, zoneA, new Date(start), new Date(end), { now });

  it('accepts a slot that fills a window exactly', () => {
    expect(check('2026-10-05T16:00:00Z', '2026-10-05T20:00:00Z')).toEqual({ ok: true }); // Monday 18:00-22:00
  });

  it('refuses a slot that passes the end of opening hours by one minute', () => {
    const result = check('2026-10-05T17:01:00Z', '2026-10-05T20:01:00Z');
    expect(result).toEqual({
      ok: false,
      reasons: [{ code: 'outside_opening_hours', message: 'Le créneau dépasse les horaires d’ouverture de l’espace.' }],
    });
  });

  it('refuses a start or an end off the space’s grid in local time, naming the nearest times', () => {
    // Monday 5 October 2026, Paris is UTC+2: 16:00Z is 18:00.
    expect(check('2026-10-05T16:30:00Z', '2026-10-05T18:00:00Z', { timeStep: 30 })).toEqual({ ok: true });
    expect(check('2026-10-05T16:15:00Z', '2026-10-05T18:45:00Z', { timeStep: 15 })).toEqual({ ok: true });
    expect(check('2026-10-05T16:15:00Z', '2026-10-05T18:00:00Z', { timeStep: 30 })).toEqual({
      ok: false,
      reasons: [
        {
          code: 'off_grid',
          message:
            'L’heure de début, 18\u00a0h\u00a015, n’est pas proposée pour cet espace\u00a0: choisissez une heure par pas de ' +
            '30\u00a0minutes, par exemple 18\u00a0h\u00a000 ou 18\u00a0h\u00a030.',
        },
      ],
    });
    expect(codes(check('2026-10-05T16:07:00Z', '2026-10-05T18:07:00Z', { timeStep: 15 }))).toEqual([
      'off_grid',
      'off_grid',
    ]);
    // Without a grid (the search's own checks), any minute inside the opening hours stays acceptable.
    expect(check('2026-10-05T16:07:00Z', '2026-10-05T18:07:00Z')).toEqual({ ok: true });
  });

  it('refuses school time on a term day with a French message naming the day', () => {
    const result = check('2026-10-05T15:00:00Z', '2026-10-05T17:00:00Z');
    expect(result).toEqual({
      ok: false,
      reasons: [
        {
          code: 'school_time',
          date: '2026-10-05',
          message:
            'Le créneau empiète sur le temps scolaire du lundi 5 octobre 2026\u00a0: l’espace n’est proposé qu’en dehors des heures de cours.',
        },
      ],
    });
    expect(check('2026-10-19T12:00:00Z', '2026-10-19T15:00:00Z')).toEqual({ ok: true }); // Toussaint holiday
  });

  it('names the closure and its reason', () => {
    const result = check('2026-10-09T17:00:00Z', '2026-10-09T19:00:00Z');
    expect(codes(result)).toEqual(['closure']);
    expect(result.ok ? '' : result.reasons[0].message).toBe(
      'L’espace est fermé du vendredi 9 octobre 2026 à 18\u00a0h au samedi 10 octobre 2026 à 0\u00a0h\u00a0: Conseil d’administration.',
    );
  });

  it('refuses public holidays when the space closes on them', () => {
    const result = check('2026-11-11T17:00:00Z', '2026-11-11T19:00:00Z');
    expect(codes(result)).toEqual(['public_holiday']);
    expect(result.ok ? '' : result.reasons[0].message).toContain('Armistice 1918');
    expect(check('2026-11-11T17:00:00Z', '2026-11-11T19:00:00Z', { closedOnPublicHolidays: false })).toEqual({
      ok: true,
    });
  });

  it('checks durations at their exact limits', () => {
    expect(codes(check('2026-10-05T16:00:00Z', '2026-10-05T16:59:00Z'))).toEqual(['too_short']);
    expect(check('2026-10-05T16:00:00Z', '2026-10-05T17:00:00Z')).toEqual({ ok: true });
    expect(check('2026-10-10T12:00:00Z', '2026-10-10T16:00:00Z')).toEqual({ ok: true }); // Saturday, 4 h
    expect(codes(check('2026-10-10T12:00:00Z', '2026-10-10T16:01:00Z'))).toEqual(['too_long']);
  });

  it('checks notice and horizon at their exact limits', () => {
    const at = (offsetMinutes: number, hours = 2) =>
      checkSlot(
        {
          ...rules,
          weeklyWindows: [
            { weekdays: [1, 2, 3, 4, 5, 6, 7], start: parseLocalTime('00:00'), end: parseLocalTime('24:00') },
          ],
          outsideSchoolTime: false,
          closures: [],
          closedOnPublicHolidays: false,
          maxDurationMinutes: null,
        },
        zoneA,
        new Date(now.getTime() + offsetMinutes * 60_000),
        new Date(now.getTime() + (offsetMinutes + hours * 60) * 60_000),
        { now },
      );
    expect(codes(at(48 * 60 - 1))).toEqual(['min_notice']);
    expect(at(48 * 60)).toEqual({ ok: true });
    expect(codes(at(-30))).toEqual(['in_past']);
    expect(at(365 * 24 * 60)).toEqual({ ok: true });
    expect(codes(at(365 * 24 * 60 + 1))).toEqual(['max_horizon']);
  });

  it('reports outside-validity days and an inverted interval', () => {
    expect(
      codes(check('2026-10-05T16:00:00Z', '2026-10-05T18:00:00Z', { validFrom: parseLocalDate('2026-10-06') })),
    ).toEqual(['outside_validity']);
    expect(codes(check('2026-10-05T18:00:00Z', '2026-10-05T16:00:00Z'))).toEqual(['invalid_interval']);
  });

  it('gives every reason at once', () => {
    expect(codes(check('2026-10-09T15:45:00Z', '2026-10-09T16:30:00Z'))).toEqual([
      'too_short',
      'closure',
      'school_time',
    ]);
  });

  it('explains that holiday hours cannot apply yet where the calendar is not published', () => {
    const summer: OpeningRules = {
      weeklyWindows: [],
      holidayWindows: [
        { weekdays: [1, 2, 3, 4, 5, 6, 7], start: parseLocalTime('09:00'), end: parseLocalTime('22:00') },
      ],
    };
    const unknown = checkSlot(summer, zoneA, new Date('2028-07-16T08:00:00Z'), new Date('2028-07-16T10:00:00Z'));
    expect(codes(unknown)).toEqual(['school_calendar_unknown']);
    expect(checkSlot(summer, zoneA, new Date('2027-07-18T08:00:00Z'), new Date('2027-07-18T10:00:00Z'))).toEqual({
      ok: true,
    });
    const weekday = checkSlot(
      { weeklyWindows: [{ weekdays: [1], start: parseLocalTime('09:00'), end: parseLocalTime('22:00') }] },
      zoneA,
      new Date('2028-07-10T08:00:00Z'),
      new Date('2028-07-10T10:00:00Z'),
    );
    expect(codes(weekday)).toEqual(['school_calendar_unknown']);
  });

  it('accepts exactly the slots that lie inside the offerable intervals', () => {
    const windowArb = fc
      .record({
        weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }) as fc.Arbitrary<
          WeeklyWindow['weekdays']
        >,
        start: fc.integer({ min: 0, max: 22 }),
        length: fc.integer({ min: 1, max: 12 }),
      })
      .map(({ weekdays, start, length }) => ({
        weekdays,
        start: parseLocalTime(`${String(start).padStart(2, '0')}:00`),
        end: parseLocalTime(start + length >= 24 ? '24:00' : `${String(start + length).padStart(2, '0')}:30`),
      }));
    const base = [
      Date.parse('2026-10-12T00:00:00Z'),
      Date.parse('2028-06-26T00:00:00Z'),
      Date.parse('2026-03-23T00:00:00Z'),
    ];
    fc.assert(
      fc.property(
        fc.array(windowArb, { maxLength: 3 }),
        fc.option(fc.array(windowArb, { maxLength: 2 }), { nil: undefined }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(...base),
        fc.integer({ min: 0, max: 21 * 96 }),
        fc.integer({ min: 1, max: 40 }),
        fc.option(fc.tuple(fc.integer({ min: 0, max: 21 * 96 }), fc.integer({ min: 1, max: 200 })), { nil: undefined }),
        (weekly, holiday, outsideSchoolTime, closedOnPublicHolidays, origin, startQuarter, quarters, closure) => {
          const quarter = (n: number) => new Date(origin + n * 900_000);
          const rulesUnderTest: OpeningRules = {
            weeklyWindows: weekly,
            holidayWindows: holiday,
            outsideSchoolTime,
            closedOnPublicHolidays,
            closures: closure
              ? [{ start: quarter(closure[0]), end: quarter(closure[0] + closure[1]), reason: 'Travaux' }]
              : [],
          };
          const slot = { start: quarter(startQuarter), end: quarter(startQuarter + quarters) };
          const offerable = offerableIntervals(rulesUnderTest, zoneA, quarter(-96), quarter(23 * 96));
          const result = checkSlot(rulesUnderTest, zoneA, slot.start, slot.end);
          expect(result.ok).toBe(covers(offerable, slot));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('accepts every slot carved out of an offerable interval and refuses one that runs past its end', () => {
    const rulesUnderTest: OpeningRules = {
      weeklyWindows: [
        { weekdays: [1, 2, 3, 4, 5], start: parseLocalTime('07:00'), end: parseLocalTime('22:30') },
        { weekdays: [6, 7], start: parseLocalTime('09:00'), end: parseLocalTime('20:00') },
      ],
      holidayWindows: [{ weekdays: [1, 2, 3, 4, 5, 6], start: parseLocalTime('08:00'), end: parseLocalTime('23:00') }],
      closures: [
        { start: new Date('2026-10-21T10:00:00Z'), end: new Date('2026-10-22T15:00:00Z'), reason: 'Désinfection' },
      ],
    };
    const offerable = offerableIntervals(
      rulesUnderTest,
      zoneA,
      new Date('2026-10-05T00:00:00Z'),
      new Date('2026-11-16T00:00:00Z'),
    );
    expect(offerable.length).toBeGreaterThan(30);
    fc.assert(
      fc.property(
        fc.nat(offerable.length - 1),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (index, a, b) => {
          const piece = offerable[index];
          const length = piece.end.getTime() - piece.start.getTime();
          const [low, high] = [Math.min(a, b), Math.max(a, b)];
          const start = new Date(piece.start.getTime() + Math.floor((low * (length - 60_000)) / 60_000) * 60_000);
          const end = new Date(
            Math.max(start.getTime() + 60_000, piece.start.getTime() + Math.floor((high * length) / 60_000) * 60_000),
          );
          expect(checkSlot(rulesUnderTest, zoneA, start, end)).toEqual({ ok: true });
          expect(checkSlot(rulesUnderTest, zoneA, start, new Date(piece.end.getTime() + 60_000)).ok).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('validateOpeningRules', () => {
  it('accepts sensible rules', () => {
    expect(
      validateOpeningRules({
        weeklyWindows: [{ weekdays: [1], start: parseLocalTime('18:00'), end: parseLocalTime('24:00') }],
        minDurationMinutes: 60,
        maxDurationMinutes: 120,
      }),
    ).toEqual([]);
  });

  it('lists every problem with its field and a French message', () => {
    const problems = validateOpeningRules({
      weeklyWindows: [
        { weekdays: [], start: parseLocalTime('18:00'), end: parseLocalTime('22:00') },
        { weekdays: [1], start: parseLocalTime('22:00'), end: parseLocalTime('02:00') },
      ],
      // '9h' unparsed on purpose: the validator must catch what a person typed.
      holidayWindows: [{ weekdays: [8 as 1], start: '9h' as LocalTime, end: parseLocalTime('12:00') }],
      validFrom: parseLocalDate('2026-09-01'),
      validUntil: parseLocalDate('2026-08-31'),
      closures: [{ start: new Date('2026-10-02T00:00:00Z'), end: new Date('2026-10-01T00:00:00Z'), reason: ' ' }],
      minDurationMinutes: 120,
      maxDurationMinutes: 60,
      minNoticeMinutes: -5,
    });
    expect(problems.map((problem) => problem.path)).toEqual([
      'weeklyWindows.0.weekdays',
      'weeklyWindows.1.end',
      'holidayWindows.0.weekdays',
      'holidayWindows.0.start',
      'validUntil',
      'closures.0.end',
      'closures.0.reason',
      'minNoticeMinutes',
      'maxDurationMinutes',
    ]);
    expect(problems[1].message).toContain('minuit');
  });
});
