import type { EntityManager } from 'typeorm';
import type { BookingView } from '@salle/contracts';
import type { BookingEntity, EstablishmentEntity, OrganisationEntity, SpaceEntity } from '../database/entities';

/** The names a booking is shown with, so that clients need not fetch each party to label it. */
export interface BookingLabels {
  spaceName: string;
  establishmentName: string;
  organisationName: string;
}

export function toBookingView(booking: BookingEntity, labels: BookingLabels): BookingView {
  const explanation = booking.priceDetails['explanation'];
  return {
    id: booking.id,
    spaceId: booking.spaceId,
    spaceName: labels.spaceName,
    establishmentId: booking.establishmentId,
    establishmentName: labels.establishmentName,
    organisationId: booking.organisationId,
    organisationName: labels.organisationName,
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
    enteredByStaff: Boolean(booking.enteredBy),
    paymentChoice: booking.paymentChoice ?? null,
    // Only on a booking paid before its convention was signed (after_payment).
    ...(booking.conventionDueAt ? { conventionDueAt: booking.conventionDueAt.toISOString() } : {}),
    ...(booking.conventionOverdueAt ? { conventionOverdueAt: booking.conventionOverdueAt.toISOString() } : {}),
  };
}

/** Labels from parties already loaded (a request, a series submission): no query. */
export function labelsOf(parties: {
  space: Pick<SpaceEntity, 'name'>;
  establishment: Pick<EstablishmentEntity, 'name'>;
  organisation: Pick<OrganisationEntity, 'name'>;
}): BookingLabels {
  return {
    spaceName: parties.space.name,
    establishmentName: parties.establishment.name,
    organisationName: parties.organisation.name,
  };
}

/**
 * Labels for any number of bookings, in one query for the names of the
 * distinct spaces, collèges and organisations involved (a page of 100
 * bookings of one organisation asks for a handful of rows), never one per booking.
 */
export async function loadBookingLabels(
  manager: EntityManager,
  bookings: readonly BookingEntity[],
): Promise<(booking: BookingEntity) => BookingLabels> {
  const distinct = (ids: string[]) => [...new Set(ids)];
  const rows: { kind: string; id: string; name: string }[] =
    bookings.length === 0
      ? []
      : await manager.query(
          `SELECT 'space' AS kind, id, name FROM booking.space WHERE id = ANY($1::uuid[])
           UNION ALL SELECT 'establishment', id, name FROM booking.establishment WHERE id = ANY($2::uuid[])
           UNION ALL SELECT 'organisation', id, name FROM booking.organisation WHERE id = ANY($3::uuid[])`,
          [
            distinct(bookings.map((b) => b.spaceId)),
            distinct(bookings.map((b) => b.establishmentId)),
            distinct(bookings.map((b) => b.organisationId)),
          ],
        );
  const names = new Map(rows.map((row) => [`${row.kind}:${row.id}`, row.name]));
  // Foreign keys keep every party in place; an empty label rather than a failed page if one ever went missing.
  const name = (kind: string, id: string) => names.get(`${kind}:${id}`) ?? '';
  return (booking) => ({
    spaceName: name('space', booking.spaceId),
    establishmentName: name('establishment', booking.establishmentId),
    organisationName: name('organisation', booking.organisationId),
  });
}

/** The bookings whose payment waits for their convention's signatures (the lifecycle knows the signing mode). */
export type SignatureGate = (manager: EntityManager, bookings: readonly BookingEntity[]) => Promise<Set<string>>;

export async function toBookingViews(
  manager: EntityManager,
  bookings: readonly BookingEntity[],
  signatureGate?: SignatureGate,
): Promise<BookingView[]> {
  const [labels, waiting] = await Promise.all([
    loadBookingLabels(manager, bookings),
    signatureGate ? signatureGate(manager, bookings) : undefined,
  ]);
  return bookings.map((booking) => withSignatureGate(toBookingView(booking, labels(booking)), waiting));
}

export async function toLabelledBookingView(
  manager: EntityManager,
  booking: BookingEntity,
  signatureGate?: SignatureGate,
): Promise<BookingView> {
  const [view] = await toBookingViews(manager, [booking], signatureGate);
  return view as BookingView;
}

/** Adds `awaitingSignatures` when the gate was read. */
export function withSignatureGate(view: BookingView, waiting: ReadonlySet<string> | undefined): BookingView {
  return waiting ? { ...view, awaitingSignatures: waiting.has(view.id) } : view;
}
