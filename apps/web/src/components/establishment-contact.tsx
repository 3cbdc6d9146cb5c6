import type { EstablishmentView } from '@salle/contracts';
import { formatPhoneNumber } from '../lib/phone';

/** The collège's name, address and contact, as the organisation sees them on each of its bookings. */
export function EstablishmentContact({ establishment }: { establishment: EstablishmentView }) {
  const address = [establishment.address, `${establishment.postalCode} ${establishment.communeName}`]
    .filter((part) => part.trim())
    .join(', ');
  return (
    <p className="salle-mb-2w">
      <strong>{establishment.name}</strong>
      <br />
      {address}
      {establishment.contactPhone && (
        <>
          <br />
          Téléphone&nbsp;:{' '}
          <a href={`tel:${establishment.contactPhone}`}>{formatPhoneNumber(establishment.contactPhone)}</a>
        </>
      )}
      {establishment.contactEmail && (
        <>
          <br />
          E-mail&nbsp;: <a href={`mailto:${establishment.contactEmail}`}>{establishment.contactEmail}</a>
        </>
      )}
    </p>
  );
}
