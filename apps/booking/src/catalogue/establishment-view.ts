import type { EstablishmentView } from '@salle/contracts';
import type { EstablishmentEntity } from '../database/entities';

export function toEstablishmentView(entity: EstablishmentEntity): EstablishmentView {
  return {
    id: entity.id,
    uai: entity.uai,
    siret: entity.siret,
    name: entity.name,
    address: entity.address,
    postalCode: entity.postalCode,
    communeName: entity.communeName,
    communeInsee: entity.communeInsee,
    latitude: entity.latitude,
    longitude: entity.longitude,
    schoolZone: entity.schoolZone,
    contactEmail: entity.contactEmail,
    contactPhone: entity.contactPhone,
    status: entity.status,
    payoutReady: entity.payoutReady,
    cancellationPolicy: entity.cancellationPolicy
      ? { ...entity.cancellationPolicy, tiers: [...entity.cancellationPolicy.tiers] }
      : null,
  };
}
