import { Router } from 'express';
import type { DataSource } from 'typeorm';
import {
  createInvitationSchema,
  createOrganisationSchema,
  invitationTokenBodySchema,
  memberRoleSchema,
  organisationQuerySchema,
  rejectOrganisationSchema,
  updateOrganisationSchema,
  uuidSchema,
} from '@salle/contracts';
import { parseRequest } from '@salle/http';
import { accessOf } from '../access/access-middleware';
import { OrganisationInvitations } from './organisation-invitations';
import { OrganisationRegistry } from './organisation-registry';

const id = (value: unknown) => parseRequest(uuidSchema, value, 'params');

export function organisationRoutes(dataSource: DataSource): Router {
  const registry = new OrganisationRegistry(dataSource);
  const invitations = new OrganisationInvitations(dataSource);
  const router = Router();
  const access = (res: Parameters<typeof accessOf>[0]) => accessOf(res, dataSource);

  router.post('/organisations', async (req, res) => {
    res.status(201).json(await registry.declare(parseRequest(createOrganisationSchema, req.body), await access(res)));
  });
  router.get('/organisations', async (req, res) => {
    res.json(await registry.list(parseRequest(organisationQuerySchema, req.query, 'query'), await access(res)));
  });
  router.get('/organisations/:id', async (req, res) => {
    res.json(await registry.get(id(req.params['id']), await access(res)));
  });
  router.patch('/organisations/:id', async (req, res) => {
    res.json(await registry.update(id(req.params['id']), parseRequest(updateOrganisationSchema, req.body), await access(res)));
  });
  router.post('/organisations/:id/verify', async (req, res) => {
    res.json(await registry.decide(id(req.params['id']), { verified: true }, await access(res)));
  });
  router.post('/organisations/:id/reject', async (req, res) => {
    const { reason } = parseRequest(rejectOrganisationSchema, req.body);
    res.json(await registry.decide(id(req.params['id']), { verified: false, reason }, await access(res)));
  });
  router.get('/organisations/:id/members', async (req, res) => {
    res.json({ items: await registry.members(id(req.params['id']), await access(res)) });
  });
  router.patch('/organisations/:id/members/:accountId', async (req, res) => {
    const { role } = parseRequest(memberRoleSchema, req.body);
    res.json(await registry.changeRole(id(req.params['id']), id(req.params['accountId']), role, await access(res)));
  });
  router.delete('/organisations/:id/members/:accountId', async (req, res) => {
    await registry.removeMember(id(req.params['id']), id(req.params['accountId']), await access(res));
    res.status(204).end();
  });
  router.post('/organisations/:id/invitations', async (req, res) => {
    const { role } = parseRequest(createInvitationSchema, req.body);
    res.status(201).json(await invitations.create(id(req.params['id']), role, await access(res)));
  });
  router.get('/organisations/:id/invitations', async (req, res) => {
    res.json({ items: await invitations.open(id(req.params['id']), await access(res)) });
  });
  router.delete('/organisations/:id/invitations/:invitationId', async (req, res) => {
    await invitations.revoke(id(req.params['id']), id(req.params['invitationId']), await access(res));
    res.status(204).end();
  });
  // The link's secret travels in bodies, never in paths: paths end up in access logs.
  router.post('/invitations/lookup', async (req, res) => {
    const { token } = parseRequest(invitationTokenBodySchema, req.body);
    res.setHeader('cache-control', 'no-store');
    res.json(await invitations.preview(token, await access(res)));
  });
  router.post('/invitations/accept', async (req, res) => {
    const { token } = parseRequest(invitationTokenBodySchema, req.body);
    res.json(await invitations.accept(token, await access(res)));
  });
  return router;
}
