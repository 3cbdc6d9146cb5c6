import type { DataSource } from 'typeorm';
import type { CallerAccess } from '@salle/auth';
import { AppError } from '@salle/http';
import { readEstablishmentContact, recordEstablishmentContactPhone } from '../recipients/recipient-directory';
import type { NotificationHandlers } from './access-policy';
import { recordNotificationAudit } from '../audit/audit.handlers';

const NB = '\u00a0';

const notYourCollege = () =>
  new AppError(
    403,
    'not_your_establishment',
    'Seules les personnes qui gèrent ce collège peuvent modifier son contact.',
  );
const noContact = () =>
  new AppError(
    404,
    'no_contact_address',
    `Ce collège n’a pas encore d’adresse de contact${NB}: le numéro de téléphone s’y rattache.`,
  );

/** The collège's managers (as the internal token says) and the département's admins. */
function requireManager(access: CallerAccess, establishmentId: string): void {
  if (!access.isAdmin && !access.establishments.has(establishmentId)) throw notYourCollege();
}

/**
 * The phone number of a collège's contact address, which no account owns:
 * its managers enter it, normalised to E.164 at the edge, and attest its
 * reader's consent to SMS (kept with when and who).
 */
export function establishmentContactHandlers(
  dataSource: DataSource,
): Pick<NotificationHandlers, 'establishmentContact' | 'updateEstablishmentContactPhone'> {
  return {
    establishmentContact: {
      access: 'signedIn',
      handle: async ({ params: { establishmentId } }, { access }) => {
        requireManager(access, establishmentId);
        const contact = await readEstablishmentContact(dataSource.manager, establishmentId);
        if (!contact) throw noContact();
        return contact;
      },
    },
    updateEstablishmentContactPhone: {
      access: 'signedIn',
      handle: ({ params: { establishmentId }, body }, { access }) => {
        requireManager(access, establishmentId);
        return dataSource.transaction(async (manager) => {
          const phone = body.phone ? { number: body.phone, smsConsent: body.smsConsent } : null;
          if (!(await recordEstablishmentContactPhone(manager, establishmentId, phone, access.caller.accountId)))
            throw noContact();
          const contact = await readEstablishmentContact(manager, establishmentId);
          if (!contact) throw noContact();
          await recordNotificationAudit(manager, {
            actor: {
              accountId: access.caller.accountId,
              role: access.isAdmin ? 'department_admin' : 'establishment_manager',
            },
            action: 'establishment.contact_phone_updated',
            object: { type: 'establishment', id: establishmentId },
            establishmentId,
            changes: {
              phoneSet: { before: null, after: phone !== null },
              smsConsent: { before: null, after: phone?.smsConsent ?? false },
            },
          });
          return contact;
        });
      },
    },
  };
}
