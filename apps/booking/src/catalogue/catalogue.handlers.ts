import type { DataSource } from 'typeorm';
import { reply } from '@salle/http';
import type { BookingModuleHandlers } from '../access/access-policy';
import { EstablishmentCatalogue } from './establishment-catalogue';
import { EstablishmentManagers } from './establishment-managers';
import { SpaceAccessInstructionsBook } from './space-access-instructions';
import { SpaceCatalogue } from './space-catalogue';
import { quoteSpace } from './space-quote';

type CatalogueOperations =
  | 'listEstablishments'
  | 'createEstablishment'
  | 'establishment'
  | 'updateEstablishment'
  | 'managers'
  | 'inviteManager'
  | 'cancelManagerInvitation'
  | 'revokeManager'
  | 'establishmentSpaces'
  | 'createSpace'
  | 'closures'
  | 'deleteClosure'
  | 'space'
  | 'spaceQuote'
  | 'updateSpace'
  | 'replaceOpeningRules'
  | 'replaceTariffs'
  | 'spaceAccessInstructions'
  | 'replaceSpaceAccessInstructions';

/** The catalogue: collèges, their managers, spaces and closures. Rights are checked by the catalogues, from the caller's `Access`. */
export function catalogueHandlers(dataSource: DataSource): BookingModuleHandlers<CatalogueOperations> {
  const establishments = new EstablishmentCatalogue(dataSource);
  const spaces = new SpaceCatalogue(dataSource, establishments);
  const managers = new EstablishmentManagers(dataSource);
  const accessInstructions = new SpaceAccessInstructionsBook(dataSource);
  return {
    listEstablishments: { access: 'anyone', handle: ({ query }, { access }) => establishments.list(query, access) },
    createEstablishment: { access: 'anyone', handle: ({ body }, { access }) => establishments.create(body, access) },
    establishment: { access: 'anyone', handle: ({ params }, { access }) => establishments.get(params.id, access) },
    updateEstablishment: {
      access: 'anyone',
      handle: ({ params, body }, { access }) => establishments.update(params.id, body, access),
    },
    managers: { access: 'anyone', handle: ({ params }, { access }) => managers.list(params.id, access) },
    inviteManager: {
      access: 'admin',
      handle: ({ params, body }, { access }) => managers.invite(params.id, body.email, access),
    },
    cancelManagerInvitation: {
      access: 'admin',
      handle: ({ params }, { access }) => managers.cancelInvitation(params.id, params.invitationId, access),
    },
    revokeManager: {
      access: 'admin',
      handle: ({ params }, { access }) => managers.revoke(params.id, params.accountId, access),
    },
    establishmentSpaces: {
      access: 'anyone',
      handle: async ({ params }, { access }) => ({ items: await spaces.listForEstablishment(params.id, access) }),
    },
    createSpace: { access: 'anyone', handle: ({ params, body }, { access }) => spaces.create(params.id, body, access) },
    closures: {
      access: 'anyone',
      handle: async ({ params }, { access }) => ({ items: await spaces.closures(params.id, access) }),
    },
    deleteClosure: { access: 'anyone', handle: ({ params }, { access }) => spaces.removeClosure(params.id, access) },
    space: { access: 'anyone', handle: ({ params }, { access }) => spaces.details(params.id, access) },
    spaceQuote: {
      access: 'anyone',
      handle: ({ params, query }, { access }) => quoteSpace(dataSource, spaces, params.id, query, access),
    },
    updateSpace: { access: 'anyone', handle: ({ params, body }, { access }) => spaces.update(params.id, body, access) },
    replaceOpeningRules: {
      access: 'anyone',
      handle: async ({ params, body }, { access }) => ({
        rules: await spaces.replaceOpeningRules(params.id, body.rules, access),
      }),
    },
    replaceTariffs: {
      access: 'anyone',
      handle: async ({ params, body }, { access }) => ({
        tariffs: await spaces.replaceTariffs(params.id, body.tariffs, access),
      }),
    },
    spaceAccessInstructions: {
      access: 'anyone',
      handle: async ({ params }, { access }) =>
        reply(await accessInstructions.read(params.id, access), { headers: { 'cache-control': 'private, no-store' } }),
    },
    replaceSpaceAccessInstructions: {
      access: 'anyone',
      handle: ({ params, body }, { access }) => accessInstructions.replace(params.id, body, access),
    },
  };
}
