import { Router } from 'express';
import type { DataSource } from 'typeorm';
import {
  addManagerSchema,
  createClosureSchema,
  createEstablishmentSchema,
  createSpaceSchema,
  establishmentQuerySchema,
  replaceOpeningRulesSchema,
  replaceTariffsSchema,
  updateEstablishmentSchema,
  updateSpaceSchema,
  uuidSchema,
} from '@salle/contracts';
import { parseRequest } from '@salle/http';
import { accessOf } from '../access/access-middleware';
import { EstablishmentCatalogue } from './establishment-catalogue';
import { SpaceCatalogue } from './space-catalogue';

const id = (value: unknown) => parseRequest(uuidSchema, value, 'params');

/** HTTP surface of the catalogue: parse, check rights through Access, delegate. */
export function catalogueRoutes(dataSource: DataSource): Router {
  const establishments = new EstablishmentCatalogue(dataSource);
  const spaces = new SpaceCatalogue(dataSource, establishments);
  const router = Router();
  const access = (res: Parameters<typeof accessOf>[0]) => accessOf(res, dataSource);

  router.get('/establishments', async (req, res) => {
    const query = parseRequest(establishmentQuerySchema, req.query, 'query');
    res.json(await establishments.list(query, await access(res)));
  });
  router.post('/establishments', async (req, res) => {
    const body = parseRequest(createEstablishmentSchema, req.body);
    res.status(201).json(await establishments.create(body, await access(res)));
  });
  router.get('/establishments/:id', async (req, res) => {
    res.json(await establishments.get(id(req.params['id']), await access(res)));
  });
  router.patch('/establishments/:id', async (req, res) => {
    const body = parseRequest(updateEstablishmentSchema, req.body);
    res.json(await establishments.update(id(req.params['id']), body, await access(res)));
  });
  router.get('/establishments/:id/managers', async (req, res) => {
    res.json({ accountIds: await establishments.managers(id(req.params['id']), await access(res)) });
  });
  router.post('/establishments/:id/managers', async (req, res) => {
    const body = parseRequest(addManagerSchema, req.body);
    await establishments.addManager(id(req.params['id']), body.accountId, await access(res));
    res.status(204).end();
  });

  router.get('/establishments/:id/spaces', async (req, res) => {
    res.json({ items: await spaces.listForEstablishment(id(req.params['id']), await access(res)) });
  });
  router.post('/establishments/:id/spaces', async (req, res) => {
    const body = parseRequest(createSpaceSchema, req.body);
    res.status(201).json(await spaces.create(id(req.params['id']), body, await access(res)));
  });
  router.get('/establishments/:id/closures', async (req, res) => {
    res.json({ items: await spaces.closures(id(req.params['id']), await access(res)) });
  });
  router.post('/establishments/:id/closures', async (req, res) => {
    const body = parseRequest(createClosureSchema, req.body);
    res.status(201).json(await spaces.addClosure(id(req.params['id']), body, await access(res)));
  });
  router.delete('/closures/:id', async (req, res) => {
    await spaces.removeClosure(id(req.params['id']), await access(res));
    res.status(204).end();
  });

  router.get('/spaces/:id', async (req, res) => {
    res.json(await spaces.details(id(req.params['id']), await access(res)));
  });
  router.patch('/spaces/:id', async (req, res) => {
    const body = parseRequest(updateSpaceSchema, req.body);
    res.json(await spaces.update(id(req.params['id']), body, await access(res)));
  });
  router.put('/spaces/:id/opening-rules', async (req, res) => {
    const body = parseRequest(replaceOpeningRulesSchema, req.body);
    res.json({ rules: await spaces.replaceOpeningRules(id(req.params['id']), body.rules, await access(res)) });
  });
  router.put('/spaces/:id/tariffs', async (req, res) => {
    const body = parseRequest(replaceTariffsSchema, req.body);
    res.json({ tariffs: await spaces.replaceTariffs(id(req.params['id']), body.tariffs, await access(res)) });
  });
  return router;
}
