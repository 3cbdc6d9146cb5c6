import { CANCELLABLE_STATUSES, SLOT_HOLDING_STATUSES, type BookingStatus } from '@salle/contracts';
import type { CancelledBy } from '../cancellation/refund-policy';

export { BOOKING_STATUSES, CANCELLABLE_STATUSES, SLOT_HOLDING_STATUSES, type BookingStatus } from '@salle/contracts';

const HOLDING: ReadonlySet<BookingStatus> = new Set(SLOT_HOLDING_STATUSES);
export const FINAL_STATUSES: ReadonlySet<BookingStatus> = new Set(['completed', 'refused', 'expired', 'cancelled']);

export function holdsSlot(status: BookingStatus): boolean {
  return HOLDING.has(status);
}

export type CancellableStatus = (typeof CANCELLABLE_STATUSES)[number];

export function isCancellable(status: BookingStatus): status is CancellableStatus {
  return (CANCELLABLE_STATUSES as readonly BookingStatus[]).includes(status);
}

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  requested: 'Demandée',
  approved: 'Acceptée',
  awaiting_payment: 'En attente de paiement',
  confirmed: 'Confirmée',
  completed: 'Terminée',
  refused: 'Refusée',
  expired: 'Expirée',
  cancelled: 'Annulée',
};

export const BOOKING_ACTIONS = [
  'approve',
  'refuse',
  'open_payment',
  'payment_succeeded',
  'payment_failed',
  'expire',
  'cancel',
  'complete',
  'convention_signed',
] as const;
export type BookingAction = (typeof BOOKING_ACTIONS)[number];

export type Actor =
  | { kind: 'organisation_member'; organisationId: string }
  | { kind: 'establishment_manager'; establishmentId: string }
  | { kind: 'admin' }
  | { kind: 'system' };

export interface TransitionContext {
  actor: Actor;
  booking: {
    organisationId: string;
    establishmentId: string;
    /** Price stored on the booking when requested. */
    priceCents: number;
    startsAt: Date;
    endsAt: Date;
  };
  now: Date;
  /** Required to refuse, and for a cancellation by the establishment. */
  reason?: string | null;
  /**
   * Whether the collège can take the payment now (payout account onboarded).
   * When it cannot, approving a priced booking stops at `approved` until the
   * system opens the payment (`open_payment`). Default true.
   */
  paymentReady?: boolean;
  /** A public payer's booking: paid by invoice (administrative mandate), so confirmed on approval. */
  invoiced?: boolean;
  /**
   * Online signing of the convention, when on: whether it is required before the payment opens (`before_payment`)
   * or only before confirmation (`after_payment`), and whether it is fully signed. Undefined or null: off.
   */
  signing?: { mode: 'before_payment' | 'after_payment'; signed: boolean } | null;
  /** For `convention_signed` on a booking awaiting payment: it was paid meanwhile (after_payment). */
  paid?: boolean;
}

export type TransitionRefusalCode =
  'invalid_transition' | 'forbidden' | 'reason_required' | 'too_late' | 'too_early' | 'signature_required';

export type TransitionResult =
  | { ok: true; to: BookingStatus; cancelledBy?: CancelledBy }
  | { ok: false; code: TransitionRefusalCode; message: string };

const SOURCES: Record<BookingAction, readonly BookingStatus[]> = {
  approve: ['requested'],
  refuse: ['requested'],
  open_payment: ['approved'],
  // From `approved` too: a payment taken at the collège's counter needs neither an open checkout nor a payout account.
  payment_succeeded: ['approved', 'awaiting_payment'],
  payment_failed: ['awaiting_payment'],
  expire: ['requested', 'approved', 'awaiting_payment'],
  cancel: CANCELLABLE_STATUSES,
  complete: ['confirmed'],
  convention_signed: ['approved', 'awaiting_payment'],
};

const ACTION_LABELS: Record<BookingAction, string> = {
  approve: 'accepter',
  refuse: 'refuser',
  open_payment: 'ouvrir le paiement de',
  payment_succeeded: 'confirmer le paiement de',
  payment_failed: 'enregistrer l’échec du paiement de',
  expire: 'faire expirer',
  cancel: 'annuler',
  complete: 'clore',
  convention_signed: 'enregistrer la signature de la convention de',
};

/** When signatures are still awaited, the mode that requires them; null when signed or signing is off. */
function pendingSignatures(context: TransitionContext): 'before_payment' | 'after_payment' | null {
  return context.signing && !context.signing.signed ? context.signing.mode : null;
}

const refuse = (code: TransitionRefusalCode, message: string): TransitionResult => ({ ok: false, code, message });

function isEstablishmentSide(context: TransitionContext): boolean {
  const { actor, booking } = context;
  return (
    actor.kind === 'admin' ||
    (actor.kind === 'establishment_manager' && actor.establishmentId === booking.establishmentId)
  );
}

function isOrganisationSide(context: TransitionContext): boolean {
  const { actor, booking } = context;
  return actor.kind === 'organisation_member' && actor.organisationId === booking.organisationId;
}

function forbidden(action: BookingAction): TransitionResult {
  return refuse('forbidden', `Vous n’êtes pas autorisé à ${ACTION_LABELS[action]} cette réservation.`);
}

/**
 * The booking lifecycle: requested → (approved →) awaiting_payment →
 * confirmed → completed, with the exits refused, expired and cancelled.
 * Free and invoiced (public payer) bookings go from requested straight to confirmed. Who may act:
 * managers of the booking's establishment and département admins decide
 * (approve, refuse, cancel with a reason); members of the booking's
 * organisation cancel their own booking before it starts; the system moves
 * payments, expiries and completion. Checks run in this order: the status
 * allows the action, the actor may perform it, a reason is given, the
 * timing is right.
 */
export function transition(from: BookingStatus, action: BookingAction, context: TransitionContext): TransitionResult {
  if (!SOURCES[action].includes(from)) {
    const verb = ACTION_LABELS[action];
    const impossible = /^[aeiouéè]/.test(verb) ? `Impossible d’${verb}` : `Impossible de ${verb}`;
    return refuse(
      'invalid_transition',
      `${impossible} une réservation au statut «\u00a0${BOOKING_STATUS_LABELS[from]}\u00a0».`,
    );
  }
  const { booking, now } = context;
  const reason = context.reason?.trim() ?? '';
  switch (action) {
    case 'approve': {
      // The system approves on the collège's behalf when a space needs no approval.
      if (!isEstablishmentSide(context) && context.actor.kind !== 'system') return forbidden(action);
      if (now.getTime() >= booking.startsAt.getTime())
        return refuse('too_late', 'Le créneau a déjà commencé\u00a0: la demande ne peut plus être acceptée.');
      const unpaid = booking.priceCents === 0 || context.invoiced;
      // Without online payment, or when the signatures come first, the booking waits for them at `approved`.
      const pending = pendingSignatures(context);
      if (pending && (unpaid || pending === 'before_payment')) return { ok: true, to: 'approved' };
      if (unpaid) return { ok: true, to: 'confirmed' };
      return { ok: true, to: context.paymentReady === false ? 'approved' : 'awaiting_payment' };
    }
    case 'refuse': {
      if (!isEstablishmentSide(context)) return forbidden(action);
      if (reason === '')
        return refuse('reason_required', 'Indiquez le motif du refus\u00a0: il sera communiqué au demandeur.');
      return { ok: true, to: 'refused' };
    }
    case 'cancel': {
      if (isOrganisationSide(context)) {
        if (now.getTime() >= booking.startsAt.getTime()) {
          return refuse('too_late', 'Le créneau a déjà commencé\u00a0: la réservation ne peut plus être annulée.');
        }
        return { ok: true, to: 'cancelled', cancelledBy: 'organisation' };
      }
      if (!isEstablishmentSide(context)) return forbidden(action);
      if (from === 'requested') {
        return refuse('invalid_transition', 'Une demande pas encore acceptée se refuse, elle ne s’annule pas.');
      }
      if (reason === '')
        return refuse(
          'reason_required',
          'Indiquez le motif de l’annulation\u00a0: il sera communiqué à l’association.',
        );
      if (now.getTime() >= booking.endsAt.getTime())
        return refuse('too_late', 'Le créneau est terminé\u00a0: la réservation ne peut plus être annulée.');
      return { ok: true, to: 'cancelled', cancelledBy: 'establishment' };
    }
    case 'complete': {
      if (context.actor.kind !== 'system') return forbidden(action);
      if (now.getTime() < booking.endsAt.getTime()) return refuse('too_early', 'Le créneau n’est pas encore terminé.');
      return { ok: true, to: 'completed' };
    }
    case 'open_payment':
      if (context.actor.kind !== 'system') return forbidden(action);
      if (pendingSignatures(context) === 'before_payment')
        return refuse('signature_required', 'La convention doit être signée avant le paiement.');
      return { ok: true, to: 'awaiting_payment' };
    case 'payment_succeeded':
      if (context.actor.kind !== 'system') return forbidden(action);
      // Paid before the convention is signed (after_payment): held, confirmed by the last signature.
      return { ok: true, to: pendingSignatures(context) ? 'awaiting_payment' : 'confirmed' };
    case 'convention_signed':
      return conventionSigned(from, context);
    case 'payment_failed':
    case 'expire':
      return context.actor.kind === 'system' ? { ok: true, to: 'expired' } : forbidden(action);
  }
}

/**
 * The last signature of the convention landed: a booking that waited for it at `approved` moves on as its
 * approval would have (confirmed without online payment, else payable), and one already paid is confirmed.
 */
function conventionSigned(from: BookingStatus, context: TransitionContext): TransitionResult {
  if (context.actor.kind !== 'system') return forbidden('convention_signed');
  if (!context.signing?.signed)
    return refuse('signature_required', 'La convention n’est pas encore entièrement signée.');
  const unpaid = context.booking.priceCents === 0 || context.invoiced;
  if (from === 'awaiting_payment')
    return context.paid ? { ok: true, to: 'confirmed' } : refuse('invalid_transition', 'Le paiement est attendu.');
  if (unpaid) return { ok: true, to: 'confirmed' };
  if (context.signing?.mode !== 'before_payment')
    return refuse('invalid_transition', 'La réservation attend l’ouverture du paiement, pas la signature.');
  return { ok: true, to: context.paymentReady === false ? 'approved' : 'awaiting_payment' };
}

/** The actions `context.actor` may perform on a booking in `from` right now, e.g. to show buttons. */
export function allowedActions(from: BookingStatus, context: TransitionContext): BookingAction[] {
  const probe = { ...context, reason: context.reason?.trim() ? context.reason : 'motif' };
  return BOOKING_ACTIONS.filter((action) => transition(from, action, probe).ok);
}
