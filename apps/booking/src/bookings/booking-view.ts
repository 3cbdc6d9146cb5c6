import type { BookingView } from '@salle/contracts';
import type { BookingEntity } from '../database/entities';

export function toBookingView(booking: BookingEntity): BookingView {
  const explanation = booking.priceDetails['explanation'];
  return {
    id: booking.id,
    spaceId: booking.spaceId,
    establishmentId: booking.establishmentId,
    organisationId: booking.organisationId,
    seriesId: booking.seriesId,
    startsAt: booking.startsAt.toISOString(),
    endsAt: booking.endsAt.toISOString(),
    status: booking.status,
    renterCategory: booking.renterCategory,
    priceCents: booking.priceCents,
    depositCents: booking.depositCents,
    priceExplanation: typeof explanation === 'string' ? explanation : null,
    purpose: booking.purpose,
    attendees: booking.attendees,
    decisionMessage: booking.decisionMessage,
    refusalReason: booking.refusalReason,
    cancelledBy: booking.cancelledBy,
    cancellationReason: booking.cancellationReason,
    refundPercent: booking.refundPercent,
    expiresAt: booking.expiresAt ? booking.expiresAt.toISOString() : null,
    createdAt: booking.createdAt.toISOString(),
  };
}
