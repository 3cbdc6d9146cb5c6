import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { SLOT_HOLDING_STATUSES, type SpaceAccessInstructions } from '@salle/contracts';
import type { Access } from '../access/access';
import { actorFor } from '../bookings/booking-actor';
import {
  BookingEntity,
  EstablishmentEntity,
  InsuranceCertificateEntity,
  OrganisationEntity,
  SpaceAccessInstructionsEntity,
  SpaceEntity,
} from '../database/entities';
import { bookingNotFound } from '../errors';

/** Everything a convention says besides its template: one booking, or every session of its series. */
export interface ConventionData {
  reference: string;
  organisation: Pick<OrganisationEntity, 'name' | 'rna' | 'siren' | 'address' | 'postalCode' | 'communeName'>;
  establishment: Pick<EstablishmentEntity, 'name' | 'uai' | 'address' | 'postalCode' | 'communeName'>;
  space: Pick<SpaceEntity, 'name' | 'capacity' | 'equipment'>;
  purpose: string | null;
  attendees: number | null;
  occurrences: { startsAt: Date; endsAt: Date }[];
  priceCents: number;
  depositCents: number;
  insurance: { insurer: string; policyNumber: string; expiresOn: string } | { reference: string; expiresOn: string };
  access: SpaceAccessInstructions | null;
}

/** The reference printed on a convention: its series', or its booking's. */
export function conventionReference(booking: Pick<BookingEntity, 'id' | 'seriesId'>): string {
  return (booking.seriesId ?? booking.id).slice(0, 8).toUpperCase();
}

/** The reference printed on a framework convention: « CC-2026-1A2B3C4D » (its school year, then its row's id). */
export function frameworkReference(framework: { id: string; schoolYear: number | null }): string {
  return `CC-${framework.schoolYear ?? ''}-${framework.id.slice(0, 8).toUpperCase()}`;
}

/** The data of the convention of `bookingId` (its series' if it has one), for the booking's parties only (404 otherwise). */
export async function conventionData(
  dataSource: DataSource,
  bookingId: string,
  access: Access,
): Promise<ConventionData> {
  access.requireCaller();
  const bookings = dataSource.getRepository(BookingEntity);
  const booking = await bookings.findOneBy({ id: bookingId });
  if (!booking) throw bookingNotFound();
  actorFor(booking, access);
  const sessions = booking.seriesId
    ? await bookings.find({
        where: { seriesId: booking.seriesId, status: In([...SLOT_HOLDING_STATUSES]) },
        order: { startsAt: 'ASC' },
      })
    : [booking];
  const [organisation, establishment, space, certificate, instructions] = await Promise.all([
    dataSource.getRepository(OrganisationEntity).findOneByOrFail({ id: booking.organisationId }),
    dataSource.getRepository(EstablishmentEntity).findOneByOrFail({ id: booking.establishmentId }),
    dataSource.getRepository(SpaceEntity).findOneByOrFail({ id: booking.spaceId }),
    dataSource
      .getRepository(InsuranceCertificateEntity)
      .findOne({ where: { organisationId: booking.organisationId }, order: { uploadedAt: 'DESC' } }),
    dataSource.getRepository(SpaceAccessInstructionsEntity).findOneBy({ spaceId: booking.spaceId }),
  ]);
  const counted = sessions.length > 0 ? sessions : [booking];
  return {
    reference: conventionReference(booking),
    organisation,
    establishment,
    space,
    purpose: booking.purpose,
    attendees: booking.attendees,
    occurrences: counted.map((session) => ({ startsAt: session.startsAt, endsAt: session.endsAt })),
    priceCents: counted.reduce((sum, session) => sum + session.priceCents, 0),
    depositCents: booking.depositCents,
    insurance: certificate
      ? { insurer: certificate.insurer, policyNumber: certificate.policyNumber, expiresOn: certificate.expiresOn }
      : { reference: organisation.insuranceReference, expiresOn: organisation.insuranceExpiresOn },
    access: instructions
      ? { keys: instructions.keys, alarm: instructions.alarm, caretakerContact: instructions.caretakerContact }
      : null,
  };
}
