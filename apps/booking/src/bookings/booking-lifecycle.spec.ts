import { AppError } from '@salle/http';
import { BookingEntity } from '../database/entities';
import type { BookingAction, BookingStatus } from '../domain/lifecycle';
import { planTransition, SYSTEM, type EstablishmentTerms, type TransitionOptions } from './booking-lifecycle';

const HOUR = 3_600_000;
const policy = { decisionDays: 10, paymentDeadlineHours: 72 };
const startsAt = new Date('2026-11-20T18:00:00Z');
const now = new Date('2026-11-01T10:00:00Z');
const terms: EstablishmentTerms = { payoutReady: true, cancellationPolicy: null };
const manager: Pick<TransitionOptions, 'actor' | 'journal'> = {
  actor: { kind: 'establishment_manager', establishmentId: 'etab-1' },
  journal: { accountId: 'manager-1', role: 'establishment_manager' },
};
const member: Pick<TransitionOptions, 'actor' | 'journal'> = {
  actor: { kind: 'organisation_member', organisationId: 'org-1' },
  journal: { accountId: 'member-1', role: 'organisation_member' },
};

function booking(status: BookingStatus, fields: Partial<BookingEntity> = {}): BookingEntity {
  return Object.assign(new BookingEntity(), {
    id: 'booking-1',
    establishmentId: 'etab-1',
    organisationId: 'org-1',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * HOUR),
    status,
    priceCents: 4000,
    expiresAt: new Date('2026-11-04T10:00:00Z'),
    processingPaymentId: null,
    ...fields,
  });
}

const plan = (
  from: BookingEntity,
  action: BookingAction,
  who: Pick<TransitionOptions, 'actor' | 'journal'>,
  extra: { reason?: string; at?: Date; terms?: EstablishmentTerms } = {},
) => planTransition(from, action, { ...who, now: extra.at ?? now, reason: extra.reason }, extra.terms ?? terms, policy);

/** The refusal `plan` throws, as the client would see it. */
function refusal(run: () => unknown): { status: number; code: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, code: error.code };
    throw error;
  }
  throw new Error('the transition was allowed');
}

describe('planTransition', () => {
  it('approves a priced request into awaiting_payment, due within the payment deadline, and names the decider', () => {
    expect(plan(booking('requested'), 'approve', manager)).toEqual({
      status: 'awaiting_payment',
      expiresAt: new Date(now.getTime() + 72 * HOUR),
      processingPaymentId: null,
      decidedBy: 'manager-1',
      // No signing deadline: it is set only when a payment lands before the signatures (after_payment).
      conventionDueAt: null,
      conventionOverdueAt: null,
    });
  });

  it('stops an approval at approved while the collège cannot take payment, and never sets a deadline past the start', () => {
    const soon = new Date(startsAt.getTime() - 5 * HOUR);
    const next = plan(booking('requested'), 'approve', manager, { terms: { ...terms, payoutReady: false }, at: soon });
    expect(next).toMatchObject({ status: 'approved', expiresAt: startsAt });
  });

  it('confirms a free request at once, with no deadline left', () => {
    expect(plan(booking('requested', { priceCents: 0 }), 'approve', manager)).toMatchObject({
      status: 'confirmed',
      expiresAt: null,
    });
  });

  it('confirms a public payer’s priced request at once, to be invoiced, even while the collège cannot take payment', () => {
    const invoiced = booking('requested', {
      publicPayer: { siret: '21380185500015', engagementNumber: 'EJ-1' },
    });
    for (const payoutReady of [true, false]) {
      expect(plan(invoiced, 'approve', manager, { terms: { ...terms, payoutReady } })).toMatchObject({
        status: 'confirmed',
        expiresAt: null,
      });
    }
  });

  it('keeps the approval deadline when the payment opens; a succeeded payment ends the deadline and the debit hold', () => {
    const approved = booking('approved');
    expect(plan(approved, 'open_payment', SYSTEM)).toMatchObject({
      status: 'awaiting_payment',
      expiresAt: approved.expiresAt,
    });
    const debited = booking('awaiting_payment', { processingPaymentId: 'payment-1' });
    expect(plan(debited, 'payment_succeeded', SYSTEM)).toMatchObject({
      status: 'confirmed',
      expiresAt: null,
      processingPaymentId: null,
    });
  });

  it('records the refusal reason and the cancellation with its refund', () => {
    expect(plan(booking('requested'), 'refuse', manager, { reason: 'Brevet blanc' })).toMatchObject({
      status: 'refused',
      refusalReason: 'Brevet blanc',
      decidedBy: 'manager-1',
    });
    // Confirmed, cancelled by the organisation 19 days ahead: the default policy gives back everything.
    expect(plan(booking('confirmed', { expiresAt: null }), 'cancel', member)).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'organisation',
      cancellationReason: null,
      refundPercent: 100,
    });
    // The same, 24 hours ahead: nothing.
    const late = new Date(startsAt.getTime() - 24 * HOUR);
    expect(plan(booking('confirmed'), 'cancel', member, { at: late })).toMatchObject({ refundPercent: 0 });
    expect(plan(booking('confirmed'), 'cancel', manager, { reason: 'Dégât des eaux', at: late })).toMatchObject({
      cancelledBy: 'establishment',
      refundPercent: 100,
    });
  });

  it('refuses what the state machine refuses, with the status and code of each refusal', () => {
    expect(refusal(() => plan(booking('confirmed'), 'approve', manager))).toEqual({
      status: 409,
      code: 'invalid_transition',
    });
    expect(refusal(() => plan(booking('requested'), 'approve', member))).toEqual({ status: 403, code: 'forbidden' });
    expect(refusal(() => plan(booking('requested'), 'refuse', manager))).toEqual({
      status: 400,
      code: 'reason_required',
    });
    const started = new Date(startsAt.getTime() + HOUR);
    expect(refusal(() => plan(booking('requested'), 'approve', manager, { at: started }))).toEqual({
      status: 409,
      code: 'too_late',
    });
    expect(refusal(() => plan(booking('confirmed'), 'complete', SYSTEM))).toEqual({ status: 409, code: 'too_early' });
  });

  it('leaves the booking itself untouched: the lifecycle writes the change', () => {
    const requested = booking('requested');
    plan(requested, 'approve', manager);
    expect(requested.status).toBe('requested');
  });

  it('sets a series session’s period due date at the last signature before payment, else keeps the approval’s', () => {
    const signing = { ...policy, conventionSigning: 'before_payment' as const };
    const waiting = booking('approved', { seriesId: 'series-1' });
    const dueAt = new Date('2026-11-13T18:00:00Z');
    const signed = (paymentDueAt?: Date) =>
      planTransition(waiting, 'convention_signed', { ...SYSTEM, now, paymentDueAt }, terms, signing, true);
    expect(signed(dueAt)).toMatchObject({ status: 'awaiting_payment', expiresAt: dueAt });
    expect(signed()).toMatchObject({ status: 'awaiting_payment', expiresAt: waiting.expiresAt });
  });
});
