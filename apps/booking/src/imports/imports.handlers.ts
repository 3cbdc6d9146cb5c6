import type { DataSource } from 'typeorm';
import type { BookingModuleHandlers } from '../access/access-policy';
import { CatalogueTransfer } from './catalogue-transfer';
import { csvReply } from './csv-download';
import { SpaceRulesTransfer } from './space-rules-transfer';

/**
 * CSV import and export of establishments and spaces (département admins), and of the
 * opening rules and tariffs of many spaces at once (admins and managers).
 * The file travels inside JSON (`{ "csv": "..." }`): see README.md.
 */
export function importHandlers(
  dataSource: DataSource,
): BookingModuleHandlers<
  | 'importEstablishments'
  | 'importSpaces'
  | 'exportEstablishments'
  | 'exportSpaces'
  | 'importOpeningRules'
  | 'importTariffs'
  | 'exportOpeningRules'
  | 'exportTariffs'
> {
  const transfer = new CatalogueTransfer(dataSource);
  const rules = new SpaceRulesTransfer(dataSource);
  return {
    importEstablishments: {
      access: 'admin',
      handle: ({ body }, { access }) => transfer.importEstablishments(body, access),
    },
    importSpaces: { access: 'admin', handle: ({ body }, { access }) => transfer.importSpaces(body, access) },
    exportEstablishments: {
      access: 'anyone',
      handle: async (_input, { access }) => csvReply(await transfer.exportEstablishments(access)),
    },
    exportSpaces: {
      access: 'anyone',
      handle: async (_input, { access }) => csvReply(await transfer.exportSpaces(access)),
    },
    importOpeningRules: {
      access: 'signedIn',
      handle: ({ body }, { access }) => rules.importOpeningRules(body, access),
    },
    importTariffs: { access: 'signedIn', handle: ({ body }, { access }) => rules.importTariffs(body, access) },
    exportOpeningRules: {
      access: 'signedIn',
      handle: async (_input, { access }) => csvReply(await rules.exportOpeningRules(access)),
    },
    exportTariffs: {
      access: 'signedIn',
      handle: async (_input, { access }) => csvReply(await rules.exportTariffs(access)),
    },
  };
}
