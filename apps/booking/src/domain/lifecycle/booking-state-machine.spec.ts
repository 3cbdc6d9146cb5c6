import {
  allowedActions,
  BOOKING_ACTIONS,
  BOOKING_STATUSES,
  holdsSlot,
  SLOT_HOLDING_STATUSES,
  transition,
  type Actor,
  type BookingAction,
  type BookingStatus,
  type TransitionContext,
} from './booking-state-machine';

const booking = {
  organisationId: 'org-1',
  establishmentId: 'etab-1',
  priceCents: 4000,
  startsAt: new Date('2026-11-05T18:00:00Z'),
  endsAt: new Date('2026-11-05T20:00:00Z'),
};
const before = new Date('2026-11-01T10:00:00Z');
const during = new Date('2026-11-05T19:00:00Z');
const after = new Date('2026-11-05T21:00:00Z');
const member: Actor = { kind: 'organisation_member', organisationId: 'org-1' };
const otherMember: Actor = { kind: 'organisation_member', organisationId: 'org-2' };
const manager: Actor = { kind: 'establishment_manager', establishmentId: 'etab-1' };
const otherManager: Actor = { kind: 'establishment_manager', establishmentId: 'etab-2' };
const admin: Actor = { kind: 'admin' };
const system: Actor = { kind: 'system' };

const context = (actor: Actor, overrides: Partial<TransitionContext> = {}): TransitionContext => ({
  actor,
  booking,
  now: before,
  ...overrides,
});

describe('booking lifecycle', () => {
  it('holds the slot in exactly the four live statuses', () => {
    expect([...SLOT_HOLDING_STATUSES]).toEqual(['requested', 'approved', 'awaiting_payment', 'confirmed']);
    expect(BOOKING_STATUSES.filter(holdsSlot)).toEqual(['requested', 'approved', 'awaiting_payment', 'confirmed']);
  });

  // Every allowed transition: from, action, actor, extra context, expected target.
  const allowed: Array<[BookingStatus, BookingAction, Actor, Partial<TransitionContext>, BookingStatus, string?]> = [
    ['requested', 'approve', manager, {}, 'awaiting_payment'],
    ['requested', 'approve', admin, {}, 'awaiting_payment'],
    ['requested', 'approve', manager, { booking: { ...booking, priceCents: 0 } }, 'confirmed'],
    ['requested', 'approve', manager, { paymentReady: false }, 'approved'],
    ['requested', 'approve', manager, { paymentReady: false, booking: { ...booking, priceCents: 0 } }, 'confirmed'],
    ['requested', 'approve', manager, { invoiced: true }, 'confirmed'],
    ['requested', 'approve', manager, { invoiced: true, paymentReady: false }, 'confirmed'],
    ['requested', 'refuse', manager, { reason: 'Salle réservée pour le brevet' }, 'refused'],
    ['requested', 'refuse', admin, { reason: 'Organisation non éligible' }, 'refused'],
    ['approved', 'open_payment', system, {}, 'awaiting_payment'],
    ['awaiting_payment', 'payment_succeeded', system, {}, 'confirmed'],
    // Paid at the collège's counter while waiting for the payout account (no checkout was ever opened).
    ['approved', 'payment_succeeded', system, { paymentReady: false }, 'confirmed'],
    ['awaiting_payment', 'payment_failed', system, {}, 'expired'],
    ['requested', 'expire', system, {}, 'expired'],
    ['approved', 'expire', system, {}, 'expired'],
    ['awaiting_payment', 'expire', system, {}, 'expired'],
    ['requested', 'cancel', member, {}, 'cancelled', 'organisation'],
    ['approved', 'cancel', member, {}, 'cancelled', 'organisation'],
    ['awaiting_payment', 'cancel', member, {}, 'cancelled', 'organisation'],
    ['confirmed', 'cancel', member, {}, 'cancelled', 'organisation'],
    ['approved', 'cancel', manager, { reason: 'Dégât des eaux' }, 'cancelled', 'establishment'],
    ['awaiting_payment', 'cancel', admin, { reason: 'Dégât des eaux' }, 'cancelled', 'establishment'],
    ['confirmed', 'cancel', manager, { reason: 'Dégât des eaux' }, 'cancelled', 'establishment'],
    ['confirmed', 'cancel', manager, { reason: 'Alarme incendie', now: during }, 'cancelled', 'establishment'],
    // Spaces that need no approval: the system approves on the collège's behalf.
    ['requested', 'approve', system, {}, 'awaiting_payment'],
    ['confirmed', 'complete', system, { now: after }, 'completed'],
    ['confirmed', 'complete', system, { now: booking.endsAt }, 'completed'],
    [
      'approved',
      'convention_signed',
      system,
      { signing: { mode: 'before_payment', signed: true } },
      'awaiting_payment',
    ],
    [
      'awaiting_payment',
      'convention_signed',
      system,
      { signing: { mode: 'after_payment', signed: true }, paid: true },
      'confirmed',
    ],
  ];

  const allowedRows = allowed.map(
    ([from, action, actor, extra, to, cancelledBy]) =>
      [from, action, actor.kind, to, actor, extra, cancelledBy ?? null] as const,
  );

  it.each(allowedRows)('%s --%s--> by %s gives %s', (from, action, _kind, to, actor, extra, cancelledBy) => {
    const result = transition(from, action, context(actor, extra));
    expect(result).toEqual(cancelledBy ? { ok: true, to, cancelledBy } : { ok: true, to });
  });

  it('refuses every action the status does not allow, for any actor', () => {
    const allowedPairs = new Set(allowed.map(([from, action]) => `${from}:${action}`));
    let refused = 0;
    for (const from of BOOKING_STATUSES) {
      for (const action of BOOKING_ACTIONS) {
        if (allowedPairs.has(`${from}:${action}`)) continue;
        for (const actor of [member, manager, admin, system]) {
          const result = transition(from, action, context(actor, { reason: 'motif' }));
          expect(result).toMatchObject({ ok: false, code: 'invalid_transition' });
          refused += 1;
        }
      }
    }
    expect(refused).toBe((BOOKING_STATUSES.length * BOOKING_ACTIONS.length - allowedPairs.size) * 4);
    expect(transition('completed', 'cancel', context(member))).toEqual({
      ok: false,
      code: 'invalid_transition',
      message: 'Impossible d’annuler une réservation au statut «\u00a0Terminée\u00a0».',
    });
  });

  const refusals: Array<[string, BookingStatus, BookingAction, Actor, Partial<TransitionContext>, string]> = [
    ['a member approving', 'requested', 'approve', member, {}, 'forbidden'],
    ['another establishment approving', 'requested', 'approve', otherManager, {}, 'forbidden'],
    ['approving after the start', 'requested', 'approve', manager, { now: during }, 'too_late'],
    ['refusing without a reason', 'requested', 'refuse', manager, { reason: '   ' }, 'reason_required'],
    ['a member refusing', 'requested', 'refuse', member, { reason: 'non' }, 'forbidden'],
    ['another organisation cancelling', 'confirmed', 'cancel', otherMember, {}, 'forbidden'],
    ['another establishment cancelling', 'confirmed', 'cancel', otherManager, { reason: 'x' }, 'forbidden'],
    ['the system cancelling', 'confirmed', 'cancel', system, { reason: 'x' }, 'forbidden'],
    ['a member cancelling once started', 'confirmed', 'cancel', member, { now: during }, 'too_late'],
    ['a member cancelling at the start instant', 'confirmed', 'cancel', member, { now: booking.startsAt }, 'too_late'],
    ['the establishment cancelling without a reason', 'confirmed', 'cancel', manager, {}, 'reason_required'],
    [
      'the establishment cancelling after the end',
      'confirmed',
      'cancel',
      admin,
      { reason: 'x', now: after },
      'too_late',
    ],
    [
      'the establishment cancelling a request instead of refusing it',
      'requested',
      'cancel',
      manager,
      { reason: 'x' },
      'invalid_transition',
    ],
    ['completing before the end', 'confirmed', 'complete', system, { now: during }, 'too_early'],
    ['an admin completing', 'confirmed', 'complete', admin, { now: after }, 'forbidden'],
    ['a member confirming payment', 'awaiting_payment', 'payment_succeeded', member, {}, 'forbidden'],
    ['a manager confirming payment', 'awaiting_payment', 'payment_succeeded', manager, {}, 'forbidden'],
    ['a manager expiring', 'requested', 'expire', manager, {}, 'forbidden'],
    ['an admin opening payment', 'approved', 'open_payment', admin, {}, 'forbidden'],
  ];

  it.each(refusals)('refuses %s', (_label, from, action, actor, extra, code) => {
    const result = transition(from, action, context(actor, extra));
    expect(result).toMatchObject({ ok: false, code, message: expect.any(String) });
  });

  it('explains refusals in French', () => {
    expect(transition('requested', 'refuse', context(manager))).toEqual({
      ok: false,
      code: 'reason_required',
      message: 'Indiquez le motif du refus\u00a0: il sera communiqué au demandeur.',
    });
    expect(transition('requested', 'approve', context(member))).toEqual({
      ok: false,
      code: 'forbidden',
      message: 'Vous n’êtes pas autorisé à accepter cette réservation.',
    });
  });

  it('lists the actions an actor may take now', () => {
    expect(allowedActions('requested', context(manager))).toEqual(['approve', 'refuse']);
    expect(allowedActions('requested', context(member))).toEqual(['cancel']);
    expect(allowedActions('confirmed', context(member, { now: during }))).toEqual([]);
    expect(allowedActions('awaiting_payment', context(system))).toEqual([
      'payment_succeeded',
      'payment_failed',
      'expire',
    ]);
    expect(allowedActions('completed', context(admin))).toEqual([]);
  });
});

describe('booking lifecycle: the convention signing gate', () => {
  const before = { mode: 'before_payment', signed: false } as const;
  const afterPayment = { mode: 'after_payment', signed: false } as const;
  const free = { ...booking, priceCents: 0 };

  it('before_payment: an approval waits for the signatures at approved, and the payment does not open', () => {
    expect(transition('requested', 'approve', context(manager, { signing: before }))).toEqual({
      ok: true,
      to: 'approved',
    });
    expect(transition('approved', 'open_payment', context(system, { signing: before }))).toMatchObject({
      ok: false,
      code: 'signature_required',
    });
    const signed = { ...before, signed: true };
    expect(transition('approved', 'convention_signed', context(system, { signing: signed }))).toEqual({
      ok: true,
      to: 'awaiting_payment',
    });
    expect(
      transition('approved', 'convention_signed', context(system, { signing: signed, paymentReady: false })),
    ).toEqual({ ok: true, to: 'approved' });
    expect(transition('approved', 'open_payment', context(system, { signing: signed }))).toEqual({
      ok: true,
      to: 'awaiting_payment',
    });
  });

  it('after_payment: the payment opens at approval, and a payment before the signatures keeps the booking waiting', () => {
    expect(transition('requested', 'approve', context(manager, { signing: afterPayment }))).toEqual({
      ok: true,
      to: 'awaiting_payment',
    });
    expect(transition('awaiting_payment', 'payment_succeeded', context(system, { signing: afterPayment }))).toEqual({
      ok: true,
      to: 'awaiting_payment',
    });
    const signed = { ...afterPayment, signed: true };
    expect(transition('awaiting_payment', 'payment_succeeded', context(system, { signing: signed }))).toEqual({
      ok: true,
      to: 'confirmed',
    });
    expect(transition('awaiting_payment', 'convention_signed', context(system, { signing: signed }))).toMatchObject({
      ok: false,
      code: 'invalid_transition',
    });
    // Waiting for the collège's payout account, not for the signatures: the last signature does not move it.
    expect(transition('approved', 'convention_signed', context(system, { signing: signed }))).toMatchObject({
      ok: false,
      code: 'invalid_transition',
    });
  });

  it('free and public-payer bookings are confirmed once signed, in either mode', () => {
    for (const mode of ['before_payment', 'after_payment'] as const) {
      const pending = { mode, signed: false };
      expect(transition('requested', 'approve', context(manager, { booking: free, signing: pending }))).toEqual({
        ok: true,
        to: 'approved',
      });
      expect(transition('requested', 'approve', context(manager, { invoiced: true, signing: pending }))).toEqual({
        ok: true,
        to: 'approved',
      });
      const signed = { mode, signed: true };
      expect(transition('approved', 'convention_signed', context(system, { invoiced: true, signing: signed }))).toEqual(
        {
          ok: true,
          to: 'confirmed',
        },
      );
    }
  });

  it('only the system records the last signature, and only once it is complete', () => {
    expect(
      transition(
        'approved',
        'convention_signed',
        context(admin, { signing: { mode: 'before_payment', signed: true } }),
      ),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    expect(transition('approved', 'convention_signed', context(system, { signing: before }))).toMatchObject({
      ok: false,
      code: 'signature_required',
    });
  });

  it('off (no signing context): approvals and payments go as before', () => {
    expect(transition('requested', 'approve', context(manager))).toEqual({ ok: true, to: 'awaiting_payment' });
    expect(transition('awaiting_payment', 'payment_succeeded', context(system))).toEqual({ ok: true, to: 'confirmed' });
  });
});
