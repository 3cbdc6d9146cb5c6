import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { spaceCalendarQuerySchema, uuidSchema } from '@salle/contracts';
import { parseRequest } from '@salle/http';
import { accessOf } from '../access/access-middleware';
import { EstablishmentCatalogue } from '../catalogue/establishment-catalogue';
import { SpaceCatalogue } from '../catalogue/space-catalogue';
import { parseLocalDate } from '../domain/time';
import { IcsFeeds } from './ics-feeds';
import { SpaceCalendar } from './space-calendar';

const id = (value: unknown) => parseRequest(uuidSchema, value, 'params');

export function calendarRoutes(dataSource: DataSource): Router {
  const calendar = new SpaceCalendar(dataSource, new SpaceCatalogue(dataSource, new EstablishmentCatalogue(dataSource)));
  const feeds = new IcsFeeds(dataSource);
  const router = Router();
  const access = (res: Parameters<typeof accessOf>[0]) => accessOf(res, dataSource);

  router.get('/spaces/:id/calendar', async (req, res) => {
    const { from, to } = parseRequest(spaceCalendarQuerySchema, req.query, 'query');
    res.json(await calendar.forRange(id(req.params['id']), parseLocalDate(from, 'from'), parseLocalDate(to, 'to'), await access(res)));
  });

  for (const owner of ['establishment', 'organisation'] as const) {
    router.get(`/calendars/${owner}s/:file`, async (req, res) => {
      const token = String(req.params['file']).replace(/\.ics$/, '');
      res.type('text/calendar; charset=utf-8').send(await feeds.render(owner, token));
    });
    router.get(`/${owner}s/:id/calendar-link`, async (req, res) => {
      res.json(await feeds.link(owner, id(req.params['id']), await access(res)));
    });
    router.post(`/${owner}s/:id/calendar-link`, async (req, res) => {
      res.json(await feeds.rotate(owner, id(req.params['id']), await access(res)));
    });
  }
  return router;
}
