import type { EntityManager } from 'typeorm';
import type { FieldError } from '@salle/contracts';
import { isMobilePhoneNumber } from '@salle/contracts/phone';
import { createOutbox } from '@salle/events';
import type { OrganisationEntity } from '../database/entities';

const outbox = createOutbox({ schema: 'booking' });

type Contact = Pick<OrganisationEntity, 'contactEmail' | 'contactPhone' | 'contactSmsConsentAt'>;

/**
 * When the contact phone agreed to SMS, after a change: asked for (`true`), it needs a mobile number and keeps
 * its first date for the same number; refused (`false`), none; not said, kept for the same number only (a new
 * number needs it anew). A consent without a mobile number is added to `errors`.
 */
export function contactSmsConsentAt(
  before: Contact | null,
  phone: string | null,
  consent: boolean | undefined,
  errors: FieldError[],
): Date | null {
  const samePhone = before !== null && before.contactPhone === phone;
  if (consent === false || phone === null) {
    if (consent)
      errors.push({ field: 'contactSmsConsent', message: 'indiquez un numéro de mobile pour recevoir des SMS' });
    return null;
  }
  if (consent === undefined) return samePhone ? before.contactSmsConsentAt : null;
  if (!isMobilePhoneNumber(phone)) {
    errors.push({ field: 'contactSmsConsent', message: 'les SMS ne peuvent être envoyés qu’à un numéro de mobile' });
    return null;
  }
  return (samePhone ? before.contactSmsConsentAt : null) ?? new Date();
}

/**
 * Announces the organisation's contact as a whole (`organisation.contact_changed`) when it differs from
 * `before` (null: a new organisation, announced when it has a contact), in the transaction that changes it.
 */
export async function announceContactChange(
  manager: EntityManager,
  before: Contact | null,
  after: Contact & { id: string },
): Promise<void> {
  const unchanged =
    (before?.contactEmail ?? null) === after.contactEmail &&
    (before?.contactPhone ?? null) === after.contactPhone &&
    Boolean(before?.contactSmsConsentAt) === (after.contactSmsConsentAt !== null);
  if (unchanged) return;
  await outbox.add(manager, {
    type: 'organisation.contact_changed',
    aggregateId: after.id,
    payload: {
      organisationId: after.id,
      contactEmail: after.contactEmail?.toLowerCase() ?? null,
      contactPhone: after.contactPhone,
      smsConsent: after.contactSmsConsentAt !== null,
    },
  });
}
