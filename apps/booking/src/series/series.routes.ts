import { Router, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { approveSeriesSchema, cancelSeriesSchema, createSeriesSchema, previewSeriesSchema, refuseSeriesSchema, uuidSchema } from '@salle/contracts';
import { parseRequest } from '@salle/http';
import { accessOf } from '../access/access-middleware';
import type { BookingDesk } from '../bookings/booking-desk';
import { SeriesDesk } from './series-desk';

const id = (value: unknown) => parseRequest(uuidSchema, value, 'params');
const requestIdOf = (res: Response) => res.locals['requestId'] as string | undefined;

/**
 * Weekly series: `POST /series/preview`, `POST /series`, `GET /series/:id`
 * and whole-series decisions. Single occurrences are decided through
 * `/bookings/:id/...` like any booking.
 */
export function seriesRoutes(dataSource: DataSource, desk: BookingDesk): Router {
  const router = Router();
  const series = new SeriesDesk(dataSource, desk);
  const access = (res: Response) => accessOf(res, dataSource);

  router.post('/series/preview', async (req, res) => {
    res.json(await series.preview(parseRequest(previewSeriesSchema, req.body), await access(res)));
  });
  router.post('/series', async (req, res) => {
    res.status(201).json(await series.create(parseRequest(createSeriesSchema, req.body), await access(res), requestIdOf(res)));
  });
  router.get('/series/:id', async (req, res) => {
    res.json(await series.get(id(req.params['id']), await access(res)));
  });
  router.post('/series/:id/approve', async (req, res) => {
    const { message } = parseRequest(approveSeriesSchema, req.body);
    res.json(await series.decide(id(req.params['id']), 'approve', await access(res), { message, requestId: requestIdOf(res) }));
  });
  router.post('/series/:id/refuse', async (req, res) => {
    const { reason } = parseRequest(refuseSeriesSchema, req.body);
    res.json(await series.decide(id(req.params['id']), 'refuse', await access(res), { reason, requestId: requestIdOf(res) }));
  });
  router.post('/series/:id/cancel', async (req, res) => {
    const { reason } = parseRequest(cancelSeriesSchema, req.body);
    res.json(await series.decide(id(req.params['id']), 'cancel', await access(res), { reason, requestId: requestIdOf(res) }));
  });
  return router;
}
