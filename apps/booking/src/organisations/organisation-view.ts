import type { OrganisationView } from '@salle/contracts';
import type { OrganisationEntity } from '../database/entities';

export function toOrganisationView(entity: OrganisationEntity): OrganisationView {
  return {
    id: entity.id,
    name: entity.name,
    kind: entity.kind,
    rna: entity.rna,
    siren: entity.siren,
    address: entity.address,
    postalCode: entity.postalCode,
    communeName: entity.communeName,
    insuranceReference: entity.insuranceReference,
    insuranceExpiresOn: entity.insuranceExpiresOn,
    status: entity.status,
    rejectionReason: entity.rejectionReason,
    contactName: entity.contactName,
    contactPhone: entity.contactPhone,
    contactEmail: entity.contactEmail,
    contactSmsConsent: entity.contactSmsConsentAt !== null,
    verifiedAt: entity.verifiedAt?.toISOString() ?? null,
  };
}
