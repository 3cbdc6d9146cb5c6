import type { DataSource } from 'typeorm';
import type { BookingModuleHandlers } from '../access/access-policy';
import { EstablishmentCatalogue } from './establishment-catalogue';
import { SpaceCatalogue } from './space-catalogue';
import { quoteSpace } from './space-quote';

type CatalogueOperations =
  | 'listEstablishments'
  | 'createEstablishment'
  | 'establishment'
  | 'updateEstablishment'
  | 'managers'
  | 'addManager'
  | 'establishmentSpaces'
  | 'createSpace'
  | 'closures'
  | 'deleteClosure'
  | 'space'
  | 'spaceQuote'
  | 'updateSpace'
  | 'replaceOpeningRules'
  | 'replaceTariffs';

/** The catalogue: collèges, their managers, spaces and closures. Rights are checked by the catalogues, from the caller's `Access`. */
export function catalogueHandlers(dataSource: DataSource): BookingModuleHandlers<CatalogueOperations> {
  const establishments = new EstablishmentCatalogue(dataSource);
  const spaces = new SpaceCatalogue(dataSource, establishments);
  return {
    listEstablishments: { access: 'anyone', handle: ({ query }, { access }) => establishments.list(query, access) },
    createEstablishment: { access: 'anyone', handle: ({ body }, { access }) => establishments.create(body, access) },
    establishment: { access: 'anyone', handle: ({ params }, { access }) => establishments.get(params.id, access) },
    updateEstablishment: {
      access: 'anyone',
      handle: ({ params, body }, { access }) => establishments.update(params.id, body, access),
    },
    managers: {
      access: 'anyone',
      handle: async ({ params }, { access }) => ({ managers: await establishments.managers(params.id, access) }),
    },
    addManager: {
      access: 'anyone',
      handle: ({ params, body }, { access }) => establishments.addManager(params.id, body.accountId, access),
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
  };
}
