import { Router, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { csvImportSchema } from '@salle/contracts';
import { parseRequest } from '@salle/http';
import { accessOf } from '../access/access-middleware';
import { CatalogueTransfer } from './catalogue-transfer';
import { sendCsv } from './csv-download';

/**
 * CSV import and export of establishments and spaces (département admins).
 * The file travels inside JSON (`{ "csv": "..." }`): see README.md.
 */
export function importRoutes(dataSource: DataSource): Router {
  const transfer = new CatalogueTransfer(dataSource);
  const router = Router();
  const access = (res: Response) => accessOf(res, dataSource);

  router.post('/imports/establishments', async (req, res) => {
    const currentAccess = await access(res);
    currentAccess.requireAdmin();
    res.json(await transfer.importEstablishments(parseRequest(csvImportSchema, req.body), currentAccess));
  });
  router.post('/imports/spaces', async (req, res) => {
    const currentAccess = await access(res);
    currentAccess.requireAdmin();
    res.json(await transfer.importSpaces(parseRequest(csvImportSchema, req.body), currentAccess));
  });
  router.get('/exports/establishments.csv', async (_req, res) => {
    sendCsv(res, await transfer.exportEstablishments(await access(res)));
  });
  router.get('/exports/spaces.csv', async (_req, res) => {
    sendCsv(res, await transfer.exportSpaces(await access(res)));
  });
  return router;
}
