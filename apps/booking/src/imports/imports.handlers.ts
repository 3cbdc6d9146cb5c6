import type { DataSource } from 'typeorm';
import type { BookingModuleHandlers } from '../access/access-policy';
import { CatalogueTransfer } from './catalogue-transfer';
import { csvReply } from './csv-download';

/**
 * CSV import and export of establishments and spaces (département admins).
 * The file travels inside JSON (`{ "csv": "..." }`): see README.md.
 */
export function importHandlers(
  dataSource: DataSource,
): BookingModuleHandlers<'importEstablishments' | 'importSpaces' | 'exportEstablishments' | 'exportSpaces'> {
  const transfer = new CatalogueTransfer(dataSource);
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
  };
}
