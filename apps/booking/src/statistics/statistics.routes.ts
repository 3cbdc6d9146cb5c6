import { Router, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { statisticsQuerySchema } from '@salle/contracts';
import { parseRequest } from '@salle/http';
import { accessOf } from '../access/access-middleware';
import { sendCsv } from '../imports/csv-download';
import { StatisticsReport } from './statistics-report';

/** Statistics for département admins (every collège) and collège managers (their own), as JSON or CSV. */
export function statisticsRoutes(dataSource: DataSource): Router {
  const report = new StatisticsReport(dataSource);
  const router = Router();
  const access = (res: Response) => accessOf(res, dataSource);

  router.get('/statistics', async (req, res) => {
    const currentAccess = await access(res);
    currentAccess.requireCaller();
    res.json(await report.compute(parseRequest(statisticsQuerySchema, req.query, 'query'), currentAccess));
  });
  router.get('/exports/statistics.csv', async (req, res) => {
    const currentAccess = await access(res);
    currentAccess.requireCaller();
    sendCsv(res, await report.exportCsv(parseRequest(statisticsQuerySchema, req.query, 'query'), currentAccess));
  });
  return router;
}
