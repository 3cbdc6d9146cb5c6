import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { searchQuerySchema } from '@salle/contracts';
import { parseRequest } from '@salle/http';
import { FreeSlotSearch } from './free-slot-search';

/** `GET /search`: public, visitors included. */
export function searchRoutes(dataSource: DataSource): Router {
  const search = new FreeSlotSearch(dataSource);
  const router = Router();
  router.get('/search', async (req, res) => {
    res.json(await search.search(parseRequest(searchQuerySchema, req.query, 'query')));
  });
  return router;
}
