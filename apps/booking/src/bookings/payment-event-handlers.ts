import type { EntityManager } from 'typeorm';
import type { EventHandlers } from '@salle/events';
import { BookingEntity, EstablishmentEntity } from '../database/entities';
import type { BookingAction, BookingStatus } from '../domain/lifecycle';
import { SYSTEM, type BookingLifecycle } from './booking-lifecycle';

/**
 * Applies `action` if the booking is still in one of the `from` statuses.
 * Events may come late or twice: a booking that already moved on is left
 * alone (the payment service refunds money that arrives for a released slot).
 */
async function applyIfStillIn(
  manager: EntityManager,
  lifecycle: BookingLifecycle,
  bookingId: string,
  action: BookingAction,
  from: readonly BookingStatus[],
  extra: { paymentId?: string; requestId?: string } = {},
): Promise<boolean> {
  const booking = await manager.findOne(BookingEntity, {
    where: { id: bookingId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!booking || !from.includes(booking.status)) return false;
  await lifecycle.apply(manager, booking, action, { ...SYSTEM, now: new Date(), ...extra });
  return true;
}

/** The booking, locked, while it still waits for its payment. */
async function awaitingPayment(manager: EntityManager, bookingId: string): Promise<BookingEntity | null> {
  const booking = await manager.findOne(BookingEntity, {
    where: { id: bookingId },
    lock: { mode: 'pessimistic_write' },
  });
  return booking?.status === 'awaiting_payment' ? booking : null;
}

/**
 * A failed attempt (a refused or bounced debit) ends that attempt only: the
 * member may pay again until the payment deadline. A debit that held the
 * booking past its deadline releases it as it fails.
 */
async function paymentFailed(
  manager: EntityManager,
  lifecycle: BookingLifecycle,
  payment: { bookingId: string; paymentId: string },
): Promise<void> {
  const booking = await awaitingPayment(manager, payment.bookingId);
  if (!booking || booking.processingPaymentId !== payment.paymentId) return;
  booking.processingPaymentId = null;
  const now = new Date();
  if (booking.expiresAt && booking.expiresAt.getTime() <= now.getTime()) {
    await lifecycle.apply(manager, booking, 'payment_failed', { ...SYSTEM, now });
    return;
  }
  booking.updatedAt = now;
  await manager.save(booking);
}

/** How the booking service reacts to the payment service's events. */
export function paymentEventHandlers(lifecycle: BookingLifecycle): EventHandlers {
  return {
    'payment.checkout_opened': async (event, { manager }) => {
      await applyIfStillIn(manager, lifecycle, event.payload.bookingId, 'open_payment', ['approved'], {
        requestId: event.requestId ?? undefined,
      });
    },
    'payment.succeeded': async (event, { manager, logger }) => {
      const confirmed = await applyIfStillIn(
        manager,
        lifecycle,
        event.payload.bookingId,
        'payment_succeeded',
        // `approved`: paid at the collège's counter before any checkout opened (or while no payout account is ready).
        ['approved', 'awaiting_payment'],
        {
          paymentId: event.payload.paymentId,
          requestId: event.requestId ?? undefined,
        },
      );
      if (!confirmed)
        logger.warn(
          { bookingId: event.payload.bookingId },
          'payment succeeded for a booking that no longer waits for it',
        );
    },
    // A debit under way holds the booking past its payment deadline: the sweeper leaves it alone.
    'payment.processing': async (event, { manager }) => {
      const booking = await awaitingPayment(manager, event.payload.bookingId);
      if (!booking) return;
      booking.processingPaymentId = event.payload.paymentId;
      booking.updatedAt = new Date();
      await manager.save(booking);
    },
    'payment.failed': async (event, { manager }) => {
      await paymentFailed(manager, lifecycle, event.payload);
    },
    // payment.expired (a checkout closed unpaid) is not handled: only the booking's own deadline releases it.
    'establishment.payout_ready': async (event, { manager }) => {
      await manager.update(
        EstablishmentEntity,
        { id: event.payload.establishmentId },
        { payoutReady: true, updatedAt: new Date() },
      );
      // Approved bookings were waiting for the collège's account: they can be paid now.
      const waiting = await manager.find(BookingEntity, {
        where: { establishmentId: event.payload.establishmentId, status: 'approved' },
        lock: { mode: 'pessimistic_write' },
      });
      for (const booking of waiting) {
        // Those still waiting for their convention's signatures (before_payment) open once signed.
        if (!(await lifecycle.allows(manager, booking, 'open_payment', new Date()))) continue;
        await lifecycle.apply(manager, booking, 'open_payment', { ...SYSTEM, now: new Date() });
      }
    },
  };
}
